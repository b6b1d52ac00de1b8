package io.mseg.policy.port;

import java.util.List;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

class ServicePortPropertiesTests {

	@Property(tries = 500)
	void parsingTheCanonicalTextGivesTheSameServicePort(@ForAll("servicePorts") ServicePort port) {
		assertThat(ServicePort.parse(port.toString())).isEqualTo(port);
		assertThat(ServicePort.parse(port.toString().toUpperCase(Locale.ROOT))).isEqualTo(port);
	}

	@Property(tries = 500)
	void intersectionIsCommutative(@ForAll("portLists") ServicePorts a, @ForAll("portLists") ServicePorts b) {
		assertThat(a.intersect(b)).isEqualTo(b.intersect(a));
	}

	@Property(tries = 500)
	void intersectionCoversExactlyWhatBothCover(@ForAll("portLists") ServicePorts a,
			@ForAll("portLists") ServicePorts b, @ForAll("traffic") Traffic t) {
		assertThat(a.intersect(b).covers(t)).isEqualTo(a.covers(t) && b.covers(t));
	}

	@Property(tries = 200)
	void canonicalTextsParseBackToEqualLists(@ForAll("portLists") ServicePorts ports) {
		assertThat(ServicePorts.parse(ports.toStrings())).isEqualTo(ports);
	}

	/** Small bounds so that random values overlap often. */
	@Provide
	Arbitrary<ServicePort> servicePorts() {
		Arbitrary<Integer> port = Arbitraries.integers().between(0, 12).map((p) -> (p == 12) ? 65535 : p);
		Arbitrary<PortRange> portRange = Combinators.combine(port, port)
			.as((x, y) -> new PortRange(Math.min(x, y), Math.max(x, y)));
		Arbitrary<Integer> code = Arbitraries.integers().between(0, 6);
		Arbitrary<PortRange> codeRange = Combinators.combine(code, code)
			.as((x, y) -> new PortRange(Math.min(x, y), Math.max(x, y)));
		Arbitrary<ServicePort> tcpOrUdp = Combinators.combine(Arbitraries.of("tcp", "udp"), portRange)
			.as((protocol, range) -> ServicePort.parse(protocol + "/" + range));
		Arbitrary<ServicePort> icmp = Combinators
			.combine(Arbitraries.of("icmp", "icmp6"), Arbitraries.integers().between(0, 2).injectNull(0.3),
					codeRange.list().ofMaxSize(3))
			.as((protocol, type, codes) -> {
				int number = protocol.equals("icmp") ? 1 : 58;
				return new ServicePort(protocol, number, null, type, (type != null) ? codes : List.of());
			});
		Arbitrary<ServicePort> other = Arbitraries.of("gre", "esp", "sctp").map(ServicePort::parse);
		return Arbitraries.frequencyOf(Tuple.of(5, tcpOrUdp), Tuple.of(4, icmp), Tuple.of(1, other),
				Tuple.of(1, Arbitraries.just(ServicePort.ANY)));
	}

	@Provide
	Arbitrary<ServicePorts> portLists() {
		Arbitrary<ServicePorts> lists = servicePorts().filter((p) -> !p.isAny())
			.list()
			.ofMinSize(1)
			.ofMaxSize(4)
			.uniqueElements(ServicePort::toString)
			.map(ServicePorts::new);
		return Arbitraries.frequencyOf(Tuple.of(9, lists), Tuple.of(1, Arbitraries.just(ServicePorts.ANY)));
	}

	@Provide
	Arbitrary<Traffic> traffic() {
		Arbitrary<Integer> port = Arbitraries.integers().between(0, 13).map((p) -> (p == 13) ? 65535 : p);
		Arbitrary<Traffic> tcpOrUdp = Combinators.combine(Arbitraries.of("tcp", "udp"), port)
			.as((protocol, p) -> Traffic.of(protocol, p, null, null));
		Arbitrary<Integer> type = Arbitraries.integers().between(0, 3).injectNull(0.2);
		Arbitrary<Integer> code = Arbitraries.integers().between(0, 7).injectNull(0.2);
		Arbitrary<Traffic> icmp = Combinators.combine(Arbitraries.of("icmp", "icmp6"), type, code)
			.as((protocol, t, c) -> Traffic.of(protocol, null, t, (t != null) ? c : null));
		Arbitrary<Traffic> other = Arbitraries.of("gre", "esp", "sctp", "ah")
			.map((protocol) -> Traffic.of(protocol, null, null, null));
		return Arbitraries.oneOf(tcpOrUdp, icmp, other);
	}

}
