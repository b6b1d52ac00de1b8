package io.mseg.policy.port;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServicePortTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "tcp/443|tcp/443", "TCP/443|tcp/443", "udp/0|udp/0", "tcp/8000:8080|tcp/8000:8080",
					"tcp/0:65535|tcp/0:65535", "tcp/443:443|tcp/443", "tcp/0443|tcp/443", "icmp|icmp", "ICMP/8|icmp/8",
					"icmp/3/0,1,4:10|icmp/3/0,1,4:10", "icmp/3/4:10,1,0|icmp/3/0,1,4:10", "icmp/3/1,0:2|icmp/3/0:2",
					"icmp6|icmp6", "icmp6/128|icmp6/128", "ipv6-icmp/1/4|icmp6/1/4", "IPv6-ICMP|icmp6", "gre|gre",
					"ISIS|isis", "esp|esp", "ah|ah", "sctp|sctp", "any|any", "ANY|any" })
	void validFormsParseToTheirCanonicalText(String text, String canonical) {
		assertThat(ServicePort.parse(text)).hasToString(canonical);
	}

	@Test
	void parsedPortsCarryTheirProtocolNumbers() {
		assertThat(ServicePort.parse("tcp/443").protocolNumber()).isEqualTo(6);
		assertThat(ServicePort.parse("udp/53").protocolNumber()).isEqualTo(17);
		assertThat(ServicePort.parse("icmp").protocolNumber()).isEqualTo(1);
		assertThat(ServicePort.parse("icmp6").protocolNumber()).isEqualTo(58);
		assertThat(ServicePort.parse("gre").protocolNumber()).isEqualTo(47);
		assertThat(ServicePort.parse("isis").protocolNumber()).isEqualTo(124);
		assertThat(ServicePort.parse("sctp").protocolNumber()).isEqualTo(132);
		assertThat(ServicePort.parse("any").protocolNumber()).isEqualTo(-1);
	}

	@Test
	void icmpCodesAreSplitIntoRanges() {
		ServicePort port = ServicePort.parse("icmp/3/0,1,4:10");
		assertThat(port.icmpType()).isEqualTo(3);
		assertThat(port.icmpCodes()).containsExactly(PortRange.of(0), PortRange.of(1), new PortRange(4, 10));
		assertThat(port.ports()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "\"\"|must not be empty",
			"\"tcp/ 443\"|must not contain spaces", "/443|has no protocol name",
			"tcp|tcp needs a port or a port range, e.g. tcp/443 or tcp/8000:8080", "udp|udp needs a port",
			"tcp/|missing port", "tcp/1/2|takes a single port or port range",
			"tcp/65536|port 65536 is out of range 0..65535", "tcp/99999999999|out of range 0..65535",
			"tcp/-1|port '-1' is not a number from 0 to 65535", "tcp/80-90|a range is written with a colon: 80:90",
			"icmp/3/1-4|written with a colon: 1:4", "tcp/http|port 'http' is not a number",
			"tcp/8080:8000|the range 8080:8000 must go from low to high (8000:8080)", "tcp/80:|missing port",
			"tcp/:80|missing port", "tcp/1:2:3|is not a number", "icmp/256|ICMP type 256 is out of range 0..255",
			"icmp/x|ICMP type 'x' is not a number", "icmp/3/|missing ICMP code", "icmp/3/1,,2|missing ICMP code",
			"icmp/3/256|ICMP code 256 is out of range 0..255", "icmp/3/10:4|must go from low to high",
			"icmp/3/0/1|write icmp, icmp/TYPE or icmp/TYPE/CODES", "gre/1|gre has no ports or types",
			"any/443|'any' stands alone", "6/443|protocol numbers are not accepted, write 'tcp' instead of 6",
			"17|write 'udp' instead of 17", "9999|protocol numbers are not accepted, use the protocol name",
			"foo/1|unknown protocol 'foo'", "ip|unknown protocol 'ip'", "http/80|unknown protocol 'http'" })
	void badFormsAreRefusedWithAClearMessage(String text, String message) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> ServicePort.parse(text))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(-1));
	}

	@Test
	void tcpCoversItsPortRangeOnly() {
		ServicePort web = ServicePort.parse("tcp/80:90");
		assertThat(web.covers(Traffic.tcp(80))).isTrue();
		assertThat(web.covers(Traffic.tcp(90))).isTrue();
		assertThat(web.covers(Traffic.tcp(91))).isFalse();
		assertThat(web.covers(Traffic.udp(80))).isFalse();
	}

	@Test
	void icmpCoversByTypeAndCode() {
		assertThat(ServicePort.parse("icmp").covers(Traffic.icmp(null, null))).isTrue();
		assertThat(ServicePort.parse("icmp").covers(Traffic.icmp(8, 0))).isTrue();
		assertThat(ServicePort.parse("icmp/8").covers(Traffic.icmp(8, 0))).isTrue();
		assertThat(ServicePort.parse("icmp/8").covers(Traffic.icmp(8, null))).isTrue();
		assertThat(ServicePort.parse("icmp/8").covers(Traffic.icmp(0, null))).isFalse();
		assertThat(ServicePort.parse("icmp/8").covers(Traffic.icmp(null, null))).isFalse();
		ServicePort unreachable = ServicePort.parse("icmp/3/0,1,4:10");
		assertThat(unreachable.covers(Traffic.icmp(3, 4))).isTrue();
		assertThat(unreachable.covers(Traffic.icmp(3, 2))).isFalse();
		assertThat(unreachable.covers(Traffic.icmp(3, null))).isFalse();
		assertThat(ServicePort.parse("icmp").covers(Traffic.of("icmp6", null, null, null))).isFalse();
	}

	@Test
	void otherProtocolsCoverAllTheirTraffic() {
		assertThat(ServicePort.parse("gre").covers(Traffic.of("GRE", null, null, null))).isTrue();
		assertThat(ServicePort.parse("gre").covers(Traffic.tcp(1))).isFalse();
	}

	@Test
	void anyCoversEverything() {
		assertThat(ServicePort.ANY.isAny()).isTrue();
		assertThat(ServicePort.parse("any").covers(Traffic.of("esp", null, null, null))).isTrue();
		assertThat(ServicePort.parse("any").covers(Traffic.tcp(22))).isTrue();
	}

	@Test
	void intersectionFollowsTheExamplesOfTheBrief() {
		assertThat(ServicePort.parse("tcp/443").intersect(ServicePort.parse("tcp/400:500")))
			.contains(ServicePort.parse("tcp/443"));
		assertThat(ServicePort.parse("icmp").intersect(ServicePort.parse("icmp/8")))
			.contains(ServicePort.parse("icmp/8"));
		assertThat(ServicePort.ANY.intersect(ServicePort.parse("udp/53"))).contains(ServicePort.parse("udp/53"));
		assertThat(ServicePort.parse("icmp/3/0:5").intersect(ServicePort.parse("icmp/3/4:10,0")))
			.contains(ServicePort.parse("icmp/3/0,4:5"));
		assertThat(ServicePort.parse("icmp/3").intersect(ServicePort.parse("icmp/4"))).isEmpty();
		assertThat(ServicePort.parse("tcp/1").intersect(ServicePort.parse("udp/1"))).isEmpty();
	}

	@Test
	void containsComparesCoveredTraffic() {
		assertThat(ServicePort.parse("icmp/3/0,1").contains(ServicePort.parse("icmp/3/0:1"))).isTrue();
		assertThat(ServicePort.parse("icmp/3/0").contains(ServicePort.parse("icmp/3"))).isFalse();
		assertThat(ServicePort.parse("icmp").contains(ServicePort.parse("icmp/3/0"))).isTrue();
		assertThat(ServicePort.parse("tcp/1:10").contains(ServicePort.parse("tcp/2:3"))).isTrue();
		assertThat(ServicePort.parse("tcp/1:10").contains(ServicePort.ANY)).isFalse();
	}

	@Test
	void constructorRefusesInconsistentValues() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> new ServicePort("tcp", 17, PortRange.of(1), null, null))
			.withMessageContaining("tcp has number 6");
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> new ServicePort("tcp", 6, null, null, null))
			.withMessageContaining("needs a port");
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> new ServicePort("icmp", 1, null, null, List.of(PortRange.of(1))))
			.withMessageContaining("codes need an ICMP type");
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> new ServicePort("icmp", 1, null, 3, List.of(PortRange.of(300))))
			.withMessageContaining("out of range 0..255");
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> new ServicePort("any", 0, null, null, null));
	}

}
