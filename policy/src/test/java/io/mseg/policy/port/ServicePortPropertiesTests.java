package io.mseg.policy.port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Property tests. QuickTheories does not run a draw it has already tried, so each
 * property asks for more draws than the examples it must run at least ({@code N} in
 * {@code withExamples(draws) // N}).
 */
class ServicePortPropertiesTests {

	@Test
	void parsingTheCanonicalTextGivesTheSameServicePort() {
		qt().withExamples(650) // 500
			.forAll(servicePorts())
			.checkAssert((port) -> {
				assertThat(ServicePort.parse(port.toString())).isEqualTo(port);
				assertThat(ServicePort.parse(port.toString().toUpperCase(Locale.ROOT))).isEqualTo(port);
			});
	}

	@Test
	void intersectionIsCommutative() {
		qt().withExamples(550) // 500
			.forAll(portLists(), portLists())
			.checkAssert((a, b) -> assertThat(a.intersect(b)).isEqualTo(b.intersect(a)));
	}

	@Test
	void intersectionCoversExactlyWhatBothCover() {
		qt().withExamples(520) // 500
			.forAll(portLists(), portLists(), traffic())
			.checkAssert((a, b, t) -> assertThat(a.intersect(b).covers(t)).isEqualTo(a.covers(t) && b.covers(t)));
	}

	@Test
	void canonicalTextsParseBackToEqualLists() {
		qt().withExamples(250) // 200
			.forAll(portLists())
			.checkAssert((ports) -> assertThat(ServicePorts.parse(ports.toStrings())).isEqualTo(ports));
	}

	/** Small bounds so that random values overlap often. */
	static Gen<ServicePort> servicePorts() {
		return frequency(Pair.of(10, concretePorts()), Pair.of(1, constant(ServicePort.ANY)));
	}

	/** The service ports other than {@code any}. */
	static Gen<ServicePort> concretePorts() {
		Gen<Integer> port = integers().between(0, 12).map((p) -> (p == 12) ? 65535 : p);
		Gen<PortRange> portRange = port.zip(port, (x, y) -> new PortRange(Math.min(x, y), Math.max(x, y)));
		Gen<Integer> code = integers().between(0, 6);
		Gen<PortRange> codeRange = code.zip(code, (x, y) -> new PortRange(Math.min(x, y), Math.max(x, y)));
		Gen<ServicePort> tcpOrUdp = pick(List.of("tcp", "udp")).zip(portRange,
				(protocol, range) -> ServicePort.parse(protocol + "/" + range));
		Gen<ServicePort> icmp = pick(List.of("icmp", "icmp6")).zip(orNull(integers().between(0, 2), 30),
				lists().of(codeRange).ofSizeBetween(0, 3), (protocol, type, codes) -> {
					int number = protocol.equals("icmp") ? 1 : 58;
					return new ServicePort(protocol, number, null, type, (type != null) ? codes : List.of());
				});
		Gen<ServicePort> other = pick(List.of("gre", "esp", "sctp")).map(ServicePort::parse);
		return frequency(Pair.of(5, tcpOrUdp), Pair.of(4, icmp), Pair.of(1, other));
	}

	/** One to four distinct entries (other than {@code any}), or {@code any}. */
	static Gen<ServicePorts> portLists() {
		Gen<Integer> sizes = integers().between(1, 4);
		Gen<ServicePort> entries = concretePorts();
		Gen<ServicePorts> lists = (in) -> {
			int size = sizes.generate(in);
			Map<String, ServicePort> unique = new LinkedHashMap<>();
			while (unique.size() < size) {
				ServicePort entry = entries.generate(in);
				unique.putIfAbsent(entry.toString(), entry);
			}
			return new ServicePorts(new ArrayList<>(unique.values()));
		};
		return frequency(Pair.of(9, lists), Pair.of(1, constant(ServicePorts.ANY)));
	}

	static Gen<Traffic> traffic() {
		Gen<Integer> port = integers().between(0, 13).map((p) -> (p == 13) ? 65535 : p);
		Gen<Traffic> tcpOrUdp = pick(List.of("tcp", "udp")).zip(port,
				(protocol, p) -> Traffic.of(protocol, p, null, null));
		Gen<Integer> type = orNull(integers().between(0, 3), 20);
		Gen<Integer> code = orNull(integers().between(0, 7), 20);
		Gen<Traffic> icmp = pick(List.of("icmp", "icmp6")).zip(type, code,
				(protocol, t, c) -> Traffic.of(protocol, null, t, (t != null) ? c : null));
		Gen<Traffic> other = pick(List.of("gre", "esp", "sctp", "ah"))
			.map((protocol) -> Traffic.of(protocol, null, null, null));
		return oneOf(tcpOrUdp, icmp, other);
	}

	/** The values, or {@code null} in the given percentage of draws. */
	private static Gen<Integer> orNull(Gen<Integer> values, int percentNull) {
		return values.toOptionals(percentNull).map((value) -> value.orElse(null));
	}

}
