package io.mseg.policy.port;

import org.junit.jupiter.api.Test;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TrafficTests {

	@Test
	void protocolIsCaseInsensitiveAndStoredLowercase() {
		assertThat(Traffic.of("TCP", 443, null, null)).isEqualTo(Traffic.tcp(443));
		assertThat(Traffic.of("Gre", null, null, null).protocol()).isEqualTo("gre");
	}

	@Test
	void ipv6IcmpAliasesAreStoredAsIcmp6() {
		assertThat(Traffic.of("ipv6-icmp", null, 128, 0).protocol()).isEqualTo("icmp6");
		assertThat(Traffic.of("icmp6", null, null, null).protocolNumber()).isEqualTo(58);
	}

	@Test
	void tcpAndUdpNeedAPortInRange() {
		assertThat(Traffic.udp(0).port()).isZero();
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.of("tcp", null, null, null))
			.withMessageContaining("needs a destination port");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.tcp(65536))
			.withMessageContaining("out of range 0..65535");
	}

	@Test
	void otherProtocolsHaveNoPort() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.of("gre", 1, null, null))
			.withMessageContaining("has no port");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.of("icmp", 1, null, null))
			.withMessageContaining("has no port");
	}

	@Test
	void icmpTypeAndCodeAreOptionalAndBounded() {
		assertThat(Traffic.icmp(null, null)).hasToString("icmp");
		assertThat(Traffic.icmp(3, 1)).hasToString("icmp/3/1");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.icmp(256, null))
			.withMessageContaining("ICMP type 256 is out of range 0..255");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.icmp(3, 256))
			.withMessageContaining("ICMP code 256");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.icmp(null, 1))
			.withMessageContaining("needs an ICMP type");
	}

	@Test
	void icmpFieldsAreRefusedForOtherProtocols() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.of("tcp", 80, 3, null))
			.withMessageContaining("no ICMP type");
	}

	@Test
	void unknownOrMissingProtocolsAreRefused() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.of("foo", null, null, null))
			.withMessageContaining("unknown protocol 'foo'");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.of("any", null, null, null))
			.withMessageContaining("unknown protocol");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Traffic.of(null, null, null, null))
			.withMessageContaining("needs a protocol");
	}

}
