package io.mseg.policy.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IpPrefixTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "10.0.0.0/8|10.0.0.0/8", "0.0.0.0/0|0.0.0.0/0", "10.0.0.1|10.0.0.1/32", "10.0.0.1/32|10.0.0.1/32",
					"2001:DB8::/32|2001:db8::/32", "::/0|::/0", "::1|::1/128",
					"2001:db8::8000:0/97|2001:db8::8000:0/97", "2001:db8:0:0:8000::/65|2001:db8:0:0:8000::/65" })
	void parsesToTheCanonicalText(String text, String canonical) {
		assertThat(IpPrefix.parse(text)).hasToString(canonical);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "10.0.0.1/8|did you mean 10.0.0.0/8?", "192.168.1.1/24|did you mean 192.168.1.0/24?",
					"2001:db8::1/32|did you mean 2001:db8::/32?", "10.0.0.0/33|number from 0 to 32",
					"::/129|number from 0 to 128", "10.0.0.0/|number from 0 to 32", "10.0.0.0/08|without leading zeros",
					"10.0.0.0/-1|number from 0 to 32", "10.0.0.0/8/8|number from 0 to 32",
					"example.com/8|is not an IP address", "10.0.0.256/8|out of range 0..255" })
	void badPrefixesAreRefusedWithAClearMessage(String text, String message) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> IpPrefix.parse(text))
			.withMessageContaining(message);
	}

	@Test
	void containsAddressesOfItsOwnFamilyOnly() {
		IpPrefix tenEight = IpPrefix.parse("10.0.0.0/8");
		assertThat(tenEight.contains(IpAddress.parse("10.255.255.255"))).isTrue();
		assertThat(tenEight.contains(IpAddress.parse("11.0.0.0"))).isFalse();
		assertThat(tenEight.contains(IpAddress.parse("::ffff:10.0.0.1"))).isFalse();
		assertThat(IpPrefix.parse("0.0.0.0/0").contains(IpAddress.parse("::1"))).isFalse();
		assertThat(IpPrefix.parse("::/0").contains(IpAddress.parse("10.0.0.1"))).isFalse();
		assertThat(IpPrefix.parse("::/0").contains(IpAddress.parse("2001:db8::1"))).isTrue();
	}

	@Test
	void containsAddressesAcrossTheSixtyFourBitBoundary() {
		IpPrefix prefix = IpPrefix.parse("2001:db8:0:0:8000::/65");
		assertThat(prefix.contains(IpAddress.parse("2001:db8::8000:0:0:1"))).isTrue();
		assertThat(prefix.contains(IpAddress.parse("2001:db8::7fff:0:0:1"))).isFalse();
		assertThat(IpPrefix.parse("2001:db8::/64").contains(IpAddress.parse("2001:db8::ffff:ffff:ffff:ffff"))).isTrue();
		assertThat(IpPrefix.parse("2001:db8::/64").contains(IpAddress.parse("2001:db8:0:1::"))).isFalse();
	}

	@Test
	void containsNestedPrefixesAndItself() {
		IpPrefix tenEight = IpPrefix.parse("10.0.0.0/8");
		assertThat(tenEight.contains(IpPrefix.parse("10.1.0.0/16"))).isTrue();
		assertThat(tenEight.contains(tenEight)).isTrue();
		assertThat(IpPrefix.parse("10.1.0.0/16").contains(tenEight)).isFalse();
		assertThat(tenEight.contains(IpPrefix.parse("::/0"))).isFalse();
	}

	@Test
	void hostPrefixOfAnAddress() {
		assertThat(IpPrefix.of(IpAddress.parse("2001:db8::1"))).hasToString("2001:db8::1/128");
		assertThat(IpPrefix.parse("10.0.0.1").isIpv4()).isTrue();
	}

	@Test
	void constructorRefusesHostBits() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> new IpPrefix(IpAddress.parse("10.0.0.1"), 8))
			.withMessageContaining("did you mean 10.0.0.0/8?");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "10.1.2.3|8|10.0.0.0/8", "10.1.2.3|0|0.0.0.0/0", "10.1.2.3|32|10.1.2.3/32",
			"2001:db8::1|32|2001:db8::/32", "2001:db8::8000:0:0:1|65|2001:db8:0:0:8000::/65" })
	void theBlockOfALengthContainingAnAddressHasItsHostBitsCleared(String address, int length, String block) {
		assertThat(IpPrefix.containing(IpAddress.parse(address), length)).hasToString(block);
	}

	@Test
	void theBlockContainingAnAddressRefusesALengthOutOfRange() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> IpPrefix.containing(IpAddress.parse("10.0.0.1"), 33))
			.withMessageContaining("out of range 0..32");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "10.0.0.0/8|10.255.255.255", "0.0.0.0/0|255.255.255.255", "10.0.0.1/32|10.0.0.1",
					"::/0|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
					"2001:db8::/32|2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
					"2001:db8::/64|2001:db8::ffff:ffff:ffff:ffff", "2001:db8::/65|2001:db8::7fff:ffff:ffff:ffff",
					"2001:db8::/127|2001:db8::1", "2001:db8::1/128|2001:db8::1" })
	void theLastAddressHasEveryHostBitSet(String prefix, String last) {
		assertThat(IpPrefix.parse(prefix).lastAddress()).hasToString(last);
	}

}
