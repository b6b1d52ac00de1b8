package io.mseg.policy.network;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IpAddressTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0.0.0.0|0.0.0.0", "10.0.0.1|10.0.0.1", "255.255.255.255|255.255.255.255",
			"169.254.169.254|169.254.169.254" })
	void ipv4ParsesToDottedDecimal(String text, String canonical) {
		IpAddress address = IpAddress.parse(text);
		assertThat(address.isIpv4()).isTrue();
		assertThat(address).hasToString(canonical);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "::|::", "::1|::1", "2001:DB8::1|2001:db8::1",
					"2001:0db8:0000:0000:0000:0000:0000:0001|2001:db8::1", "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
					"2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1", "2001:0:0:1:0:0:0:1|2001:0:0:1::1", "fe80::|fe80::",
					"1:2:3:4:5:6:7::|1:2:3:4:5:6:7:0", "::2:3:4:5:6:7:8|0:2:3:4:5:6:7:8",
					"::ffff:10.0.0.1|::ffff:10.0.0.1", "::FFFF:a00:1|::ffff:10.0.0.1",
					"64:ff9b::192.0.2.1|64:ff9b::c000:201", "1:2:3:4:5:6:1.2.3.4|1:2:3:4:5:6:102:304" })
	void ipv6PrintsPerRfc5952(String text, String canonical) {
		IpAddress address = IpAddress.parse(text);
		assertThat(address.isIpv4()).isFalse();
		assertThat(address).hasToString(canonical);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "\"\"|must not be empty", "example.com|'example.com' is not an IP address",
					"10.0.0|needs four numbers", "10.0.0.1.2|needs four numbers",
					"10.0.0.256|256 is out of range 0..255", "010.0.0.1|'010' has a leading zero",
					"10.00.0.1|leading zero", "10..0.1|empty number", "\"10.0.0.1 \"|is not an IP address",
					"fe80::1%eth0|zone ids", "[::1]|without brackets", "1::2::3|'::' may appear only once",
					":::|'::' may appear only once", "1:2:3:4:5:6:7|needs 8 groups", "1:2:3:4:5:6:7:8:9|needs 8 groups",
					"1:2:3:4:5:6:7:8::|too many groups", "12345::|1 to 4 hex digits", ":1::|1 to 4 hex digits",
					"g::1|not a group of hex digits", "::1.2.3.4:5|may only end the address",
					"1.2.3.4::|may only end the address", "::10.0.0.256|out of range" })
	void malformedAddressesAreRefusedWithAClearMessage(String text, String message) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> IpAddress.parse(text))
			.withMessageContaining(message);
	}

	@Test
	void ipv4AndIpv6NeverEqual() {
		assertThat(IpAddress.parse("::ffff:10.0.0.1")).isNotEqualTo(IpAddress.parse("10.0.0.1"));
		assertThat(IpAddress.parse("::a00:1")).isNotEqualTo(IpAddress.parse("10.0.0.1"));
	}

	@Test
	void addressesSortIpv4FirstThenNumerically() {
		List<IpAddress> addresses = new ArrayList<>(
				List.of(IpAddress.parse("ff::"), IpAddress.parse("10.0.0.10"), IpAddress.parse("::1"),
						IpAddress.parse("200.0.0.1"), IpAddress.parse("10.0.0.9"), IpAddress.parse("8000::")));
		addresses.sort(null);
		assertThat(addresses).map(IpAddress::toString)
			.containsExactly("10.0.0.9", "10.0.0.10", "200.0.0.1", "::1", "ff::", "8000::");
	}

	@Test
	void anIpv4AddressHasOnly32Bits() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> IpAddress.ofIpv4(1L << 32));
	}

}
