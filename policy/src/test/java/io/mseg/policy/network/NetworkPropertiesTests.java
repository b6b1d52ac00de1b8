package io.mseg.policy.network;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPropertiesTests {

	@Property(tries = 500)
	void parsingTheCanonicalTextGivesTheSameAddress(@ForAll("addresses") IpAddress address) {
		assertThat(IpAddress.parse(address.toString())).isEqualTo(address);
	}

	@Property(tries = 500)
	void parsingTheCanonicalTextGivesTheSamePrefix(@ForAll("prefixes") IpPrefix prefix) {
		assertThat(IpPrefix.parse(prefix.toString())).isEqualTo(prefix);
	}

	@Property(tries = 500)
	void aPrefixContainsItsNetworkAndAHostPrefixOnlyItsAddress(@ForAll("prefixes") IpPrefix prefix,
			@ForAll("addresses") IpAddress address) {
		assertThat(prefix.contains(prefix.network())).isTrue();
		assertThat(IpPrefix.of(address).contains(address)).isTrue();
		assertThat(prefix.contains(IpPrefix.of(address))).isEqualTo(prefix.contains(address));
	}

	@Property(tries = 500)
	void parsingTheCanonicalTextGivesTheSameDomainPattern(@ForAll("domains") DomainPattern pattern) {
		assertThat(DomainPattern.parse(pattern.toString())).isEqualTo(pattern);
		assertThat(DomainPattern.parse(pattern.toString().toUpperCase(java.util.Locale.ROOT) + ".")).isEqualTo(pattern);
	}

	@Property(tries = 300)
	void aWildcardMatchesEveryProperSubdomain(@ForAll("domains") DomainPattern pattern,
			@ForAll("labels") String label) {
		DomainPattern wildcard = new DomainPattern(pattern.domain(), true);
		assertThat(wildcard.matches(label + "." + pattern.domain())).isTrue();
		assertThat(wildcard.matches(pattern.domain())).isFalse();
	}

	/** Mostly small values, so that zero runs and IPv4-mapped addresses show up often. */
	@Provide
	Arbitrary<IpAddress> addresses() {
		Arbitrary<Long> word = Arbitraries.oneOf(Arbitraries.of(0L, 0xffffL, 1L),
				Arbitraries.longs().between(0, 0xffff));
		Arbitrary<IpAddress> v6 = word.list().ofSize(8).map((words) -> {
			long high = 0;
			long low = 0;
			for (int i = 0; i < 4; i++) {
				high = (high << 16) | words.get(i);
				low = (low << 16) | words.get(i + 4);
			}
			return IpAddress.ofIpv6(high, low);
		});
		Arbitrary<IpAddress> mapped = Arbitraries.longs()
			.between(0, 0xffffffffL)
			.map((bits) -> IpAddress.ofIpv6(0, (0xffffL << 32) | bits));
		Arbitrary<IpAddress> v4 = Arbitraries.longs().between(0, 0xffffffffL).map(IpAddress::ofIpv4);
		return Arbitraries.oneOf(v4, v6, mapped);
	}

	@Provide
	Arbitrary<IpPrefix> prefixes() {
		return Combinators.combine(addresses(), Arbitraries.integers().between(0, 128)).as((address, length) -> {
			int bits = Math.min(length, address.bitLength());
			IpAddress network = IpPrefix.parse(address + "/" + address.bitLength()).network();
			return masked(network, bits);
		});
	}

	@Provide
	Arbitrary<String> labels() {
		Arbitrary<String> inner = Arbitraries.strings().withChars("abcxyz019-").ofMinLength(0).ofMaxLength(8);
		return Combinators
			.combine(Arbitraries.strings().withChars("abz09").ofLength(1), inner,
					Arbitraries.strings().withChars("abz09").ofLength(1))
			.as((first, middle, last) -> first + middle + last);
	}

	@Provide
	Arbitrary<DomainPattern> domains() {
		Arbitrary<String> tld = Arbitraries.of("com", "org", "io", "example", "x1");
		return Combinators.combine(labels().list().ofMinSize(1).ofMaxSize(4), tld, Arbitraries.of(true, false))
			.as((labels, last, wildcard) -> new DomainPattern(String.join(".", labels) + "." + last, wildcard));
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
