package io.mseg.enforcer.nftables;

import java.util.List;

import io.mseg.policy.port.ServicePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PortMatchesTests {

	private final SetNames names = new SetNames();

	@Test
	void portsOfOneProtocolShareOneNamedSetAndSinglePortsStayInline() {
		assertThat(of(ServicePorts.of("tcp/443", "tcp/80", "udp/53", "tcp/8000:8080"), Family.V4))
			.containsExactly("tcp dport @port", "udp dport 53");
		assertThat(this.names.sets()).containsExactly(new NftSet(name("port", "inet_service", "80", "443", "8000-8080"),
				"inet_service", List.of("80", "443", "8000-8080")));
	}

	@Test
	void theSameListIsOneSetWhateverTheProtocolOrOrder() {
		assertThat(of(ServicePorts.of("tcp/443", "tcp/80", "udp/80", "udp/443"), Family.V4))
			.containsExactly("tcp dport @port", "udp dport @port");
		assertThat(this.names.sets()).hasSize(1);
	}

	@Test
	void overlappingPortRangesAreMerged() {
		assertThat(of(ServicePorts.of("tcp/80:90", "tcp/85:100", "tcp/200"), Family.V4))
			.containsExactly("tcp dport @port");
		assertThat(this.names.sets().get(0).elements()).containsExactly("80-100", "200");
	}

	@Test
	void icmpTypesAndCodes() {
		assertThat(of(ServicePorts.of("icmp/8", "icmp/0", "icmp/3/0,1,4:10"), Family.V4))
			.containsExactly("icmp type @icmptype", "icmp type 3 icmp code @icmpcode");
		assertThat(this.names.sets()).extracting(NftSet::type, NftSet::elements)
			.containsExactly(tuple("icmp_type", List.of("0", "8")), tuple("icmp_code", List.of("0", "1", "4-10")));
		assertThat(of(ServicePorts.of("icmp/8", "icmp"), Family.V4)).containsExactly("meta l4proto icmp");
		assertThat(of(ServicePorts.of("icmp6/128", "icmp6/1/3"), Family.V6)).containsExactly("icmpv6 type 128",
				"icmpv6 type 1 icmpv6 code 3");
	}

	@Test
	void icmpBelongsToItsFamily() {
		assertThat(of(ServicePorts.of("icmp/8"), Family.V6)).isEmpty();
		assertThat(of(ServicePorts.of("icmp6/128"), Family.V4)).isEmpty();
		assertThat(of(ServicePorts.of("icmp/8", "icmp6/128"), null)).containsExactly("icmp type 8", "icmpv6 type 128");
	}

	@Test
	void otherProtocolsMatchByNumber() {
		assertThat(of(ServicePorts.of("gre", "esp", "sctp"), Family.V4)).containsExactly("meta l4proto @proto");
		assertThat(this.names.sets().get(0).elements()).containsExactly("47", "50", "132");
		assertThat(of(ServicePorts.of("gre"), Family.V4)).containsExactly("meta l4proto 47");
	}

	@Test
	void anyNeedsNoMatch() {
		assertThat(of(ServicePorts.ANY, Family.V4)).containsExactly("");
	}

	/** The matches, with the content hash cut off the set names. */
	private List<String> of(ServicePorts ports, Family family) {
		return PortMatches.of(ports, family, this.names)
			.stream()
			.map((match) -> match.replaceAll("_[0-9a-f]{12}\\b", ""))
			.toList();
	}

	private static String name(String role, String type, String... elements) {
		return role + "_" + SetNames.hash(type, List.of(elements));
	}

}
