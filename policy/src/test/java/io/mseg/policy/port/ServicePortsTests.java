package io.mseg.policy.port;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ServicePortsTests {

	@Test
	void nullOrEmptyMeansAny() {
		assertThat(ServicePorts.parse(null)).isSameAs(ServicePorts.ANY);
		assertThat(ServicePorts.parse(List.of())).isSameAs(ServicePorts.ANY);
		assertThat(ServicePorts.ANY.isAny()).isTrue();
		assertThat(ServicePorts.ANY.isNone()).isFalse();
	}

	@Test
	void anyAloneParsesToAny() {
		assertThat(ServicePorts.parse(List.of("ANY"))).isEqualTo(ServicePorts.ANY);
	}

	@Test
	void anyMustBeTheOnlyEntry() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> ServicePorts.parse(List.of("tcp/443", "any")))
			.withMessageContaining("'any' must be the only service port")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void entriesKeepTheirOrderAndCanonicalText() {
		assertThat(ServicePorts.parse(List.of("UDP/53", "tcp/8000:8080", "ICMP")).toStrings()).containsExactly("udp/53",
				"tcp/8000:8080", "icmp");
	}

	@Test
	void anyPrintsAsAny() {
		assertThat(ServicePorts.ANY.toStrings()).containsExactly("any");
	}

	@Test
	void noneHasNoTextForm() {
		assertThat(ServicePorts.NONE.isNone()).isTrue();
		assertThatIllegalStateException().isThrownBy(ServicePorts.NONE::toStrings);
	}

	@Test
	void duplicatesAreComparedAfterCanonicalisation() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> ServicePorts.parse(List.of("tcp/443", "udp/53", "TCP/443")))
			.withMessageContaining("duplicate service port 'TCP/443' (same as entry 0, 'tcp/443')")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(2));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> ServicePorts.parse(List.of("icmp/3/1,0", "icmp/3/0,1")))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> ServicePorts.parse(List.of("ipv6-icmp", "icmp6")))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void overlappingButDifferentEntriesAreAllowed() {
		assertThat(ServicePorts.of("tcp/443", "tcp/400:500").ports()).hasSize(2);
	}

	@Test
	void invalidEntriesCarryTheirIndex() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> ServicePorts.parse(List.of("tcp/443", "tcp")))
			.withMessageContaining("needs a port")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void coversWhenAnyEntryCovers() {
		ServicePorts ports = ServicePorts.of("tcp/443", "udp/53");
		assertThat(ports.covers(Traffic.udp(53))).isTrue();
		assertThat(ports.covers(Traffic.tcp(53))).isFalse();
		assertThat(ServicePorts.NONE.covers(Traffic.tcp(53))).isFalse();
		assertThat(ServicePorts.ANY.covers(Traffic.of("gre", null, null, null))).isTrue();
	}

	@Test
	void intersectionWithAnyIsTheOtherSide() {
		ServicePorts web = ServicePorts.of("tcp/443", "tcp/80");
		assertThat(ServicePorts.ANY.intersect(web)).isSameAs(web);
		assertThat(web.intersect(ServicePorts.ANY)).isSameAs(web);
	}

	@Test
	void intersectionIsExact() {
		assertThat(ServicePorts.of("tcp/443").intersect(ServicePorts.of("tcp/400:500")).toStrings())
			.containsExactly("tcp/443");
		assertThat(ServicePorts.of("icmp").intersect(ServicePorts.of("icmp/8")).toStrings()).containsExactly("icmp/8");
		assertThat(ServicePorts.of("tcp/1:100", "udp/53")
			.intersect(ServicePorts.of("tcp/50:150", "tcp/90:200"))
			.toStrings()).containsExactly("tcp/50:100");
	}

	@Test
	void intersectionDropsEntriesMadeRedundant() {
		ServicePorts result = ServicePorts.of("icmp", "icmp/3/0,1").intersect(ServicePorts.of("icmp/3/0:1", "icmp/3"));
		assertThat(result.toStrings()).containsExactly("icmp/3");
	}

	@Test
	void disjointPortsIntersectToNone() {
		assertThat(ServicePorts.of("tcp/443").intersect(ServicePorts.of("udp/443"))).isSameAs(ServicePorts.NONE);
	}

	@Test
	void anyCannotBeMixedInByConstruction() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> new ServicePorts(List.of(ServicePort.ANY, ServicePort.parse("tcp/1"))));
	}

}
