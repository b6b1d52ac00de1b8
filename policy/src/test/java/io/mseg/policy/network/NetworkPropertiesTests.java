package io.mseg.policy.network;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Property tests. QuickTheories does not run a draw it has already tried, so each
 * property asks for more draws than the examples it must run at least ({@code N} in
 * {@code withExamples(draws) // N}).
 */
class NetworkPropertiesTests {

	@Test
	void parsingTheCanonicalTextGivesTheSameAddress() {
		qt().withExamples(600) // 500
			.forAll(addresses())
			.checkAssert((address) -> assertThat(IpAddress.parse(address.toString())).isEqualTo(address));
	}

	@Test
	void parsingTheCanonicalTextGivesTheSamePrefix() {
		qt().withExamples(520) // 500
			.forAll(prefixes())
			.checkAssert((prefix) -> assertThat(IpPrefix.parse(prefix.toString())).isEqualTo(prefix));
	}

	@Test
	void aPrefixContainsItsNetworkAndAHostPrefixOnlyItsAddress() {
		qt().withExamples(520) // 500
			.forAll(prefixes(), addresses())
			.checkAssert((prefix, address) -> {
				assertThat(prefix.contains(prefix.network())).isTrue();
				assertThat(IpPrefix.of(address).contains(address)).isTrue();
				assertThat(prefix.contains(IpPrefix.of(address))).isEqualTo(prefix.contains(address));
			});
	}

	@Test
	void parsingTheCanonicalTextGivesTheSameDomainPattern() {
		qt().withExamples(520) // 500
			.forAll(domains())
			.checkAssert((pattern) -> {
				assertThat(DomainPattern.parse(pattern.toString())).isEqualTo(pattern);
				assertThat(DomainPattern.parse(pattern.toString().toUpperCase(Locale.ROOT) + ".")).isEqualTo(pattern);
			});
	}

	@Test
	void aWildcardMatchesEveryProperSubdomain() {
		qt().withExamples(320) // 300
			.forAll(domains(), labels())
			.checkAssert((pattern, label) -> {
				DomainPattern wildcard = new DomainPattern(pattern.domain(), true);
				assertThat(wildcard.matches(label + "." + pattern.domain())).isTrue();
				assertThat(wildcard.matches(pattern.domain())).isFalse();
			});
	}

	/** Mostly small values, so that zero runs and IPv4-mapped addresses show up often. */
	static Gen<IpAddress> addresses() {
		Gen<Long> word = oneOf(pick(List.of(0L, 0xffffL, 1L)), longs().between(0, 0xffff));
		Gen<IpAddress> v6 = lists().of(word).ofSize(8).map((words) -> {
			long high = 0;
			long low = 0;
			for (int i = 0; i < 4; i++) {
				high = (high << 16) | words.get(i);
				low = (low << 16) | words.get(i + 4);
			}
			return IpAddress.ofIpv6(high, low);
		});
		Gen<IpAddress> mapped = thirtyTwoBits().map((bits) -> IpAddress.ofIpv6(0, (0xffffL << 32) | bits));
		Gen<IpAddress> v4 = thirtyTwoBits().map(IpAddress::ofIpv4);
		return oneOf(v4, v6, mapped);
	}

	static Gen<IpPrefix> prefixes() {
		return addresses().zip(integers().between(0, 128), (address, length) -> {
			int bits = Math.min(length, address.bitLength());
			IpAddress network = IpPrefix.parse(address + "/" + address.bitLength()).network();
			return masked(network, bits);
		});
	}

	static Gen<String> labels() {
		Gen<String> inner = strings("abcxyz019-", 0, 8);
		Gen<String> end = strings("abz09", 1, 1);
		return end.zip(inner, end, (first, middle, last) -> first + middle + last);
	}

	static Gen<DomainPattern> domains() {
		Gen<String> tld = pick(List.of("com", "org", "io", "example", "x1"));
		return lists().of(labels())
			.ofSizeBetween(1, 4)
			.zip(tld, pick(List.of(true, false)),
					(labels, last, wildcard) -> new DomainPattern(String.join(".", labels) + "." + last, wildcard));
	}

	/**
	 * Any 32-bit value, with the edges (0, 1, and the two largest) drawn more often than
	 * chance would.
	 */
	private static Gen<Long> thirtyTwoBits() {
		return frequency(Pair.of(9, longs().between(0, 0xffffffffL)),
				Pair.of(1, pick(List.of(0L, 1L, 0xfffffffeL, 0xffffffffL))));
	}

	/** Strings of the given characters, of a length between the bounds. */
	private static Gen<String> strings(String chars, int minLength, int maxLength) {
		Gen<Character> character = pick(chars.chars().mapToObj((c) -> (char) c).toList());
		return lists().of(character)
			.ofSizeBetween(minLength, maxLength)
			.map((list) -> list.stream().map(String::valueOf).reduce("", String::concat));
	}

	private static IpPrefix masked(IpAddress address, int length) {
		// Parse of "address/length" would refuse host bits, so clear them by hand first.
		int total = address.bitLength();
		if (address.isIpv4()) {
			long mask = (length == 0) ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
			return new IpPrefix(IpAddress.ofIpv4(address.low() & mask), length);
		}
		long highMask = (length >= 64) ? -1L : ((length == 0) ? 0 : -1L << (64 - length));
		long lowMask = (length <= 64) ? 0 : ((length == total) ? -1L : -1L << (128 - length));
		return new IpPrefix(IpAddress.ofIpv6(address.high() & highMask, address.low() & lowMask), length);
	}

}
