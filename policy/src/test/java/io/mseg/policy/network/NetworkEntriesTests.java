package io.mseg.policy.network;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NetworkEntriesTests {

	@Test
	void entriesAreSortedIntoIncludedExcludedAndDomains() {
		NetworkEntries entries = NetworkEntries.parse(List.of("0.0.0.0/0", "!10.0.0.0/8", "*.Example.com",
				"2001:db8::/32", "api.example.org.", "169.254.169.254"));
		assertThat(entries.entries()).containsExactly("0.0.0.0/0", "!10.0.0.0/8", "*.example.com", "2001:db8::/32",
				"api.example.org", "169.254.169.254/32");
		assertThat(entries.included()).map(IpPrefix::toString)
			.containsExactly("0.0.0.0/0", "2001:db8::/32", "169.254.169.254/32");
		assertThat(entries.excluded()).map(IpPrefix::toString).containsExactly("10.0.0.0/8");
		assertThat(entries.domains()).map(DomainPattern::toString).containsExactly("*.example.com", "api.example.org");
	}

	@Test
	void coversIncludedAddressesOutsideExclusions() {
		NetworkEntries everythingButTen = NetworkEntries.parse(List.of("0.0.0.0/0", "!10.0.0.0/8"));
		assertThat(everythingButTen.covers(IpAddress.parse("8.8.8.8"))).isTrue();
		assertThat(everythingButTen.covers(IpAddress.parse("10.1.2.3"))).isFalse();
		assertThat(everythingButTen.covers(IpAddress.parse("2001:db8::1"))).isFalse();
		assertThat(everythingButTen.covers(null)).isFalse();
	}

	@Test
	void coversDomainsThroughItsPatterns() {
		NetworkEntries entries = NetworkEntries.parse(List.of("*.example.com", "example.org"));
		assertThat(entries.coversDomain("www.example.com")).isTrue();
		assertThat(entries.coversDomain("EXAMPLE.ORG.")).isTrue();
		assertThat(entries.coversDomain("example.com")).isFalse();
		assertThat(entries.coversDomain(null)).isFalse();
	}

	@Test
	void anExternalNetworkNeedsAnEntry() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> NetworkEntries.parse(List.of()))
			.withMessageContaining("at least one entry")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(-1));
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> NetworkEntries.parse(null));
	}

	@Test
	void anExclusionMustLieInsideAnIncludedCidrOfTheSameFamily() {
		assertThat(NetworkEntries.parse(List.of("!10.1.0.0/16", "10.0.0.0/8")).excluded()).hasSize(1);
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("10.0.0.0/8", "!192.168.0.0/16")))
			.withMessageContaining("must lie inside an included CIDR")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("10.0.0.0/16", "!10.0.0.0/8")))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("0.0.0.0/0", "example.com", "!2001:db8::/32")))
			.withMessageContaining("::/0")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(2));
	}

	@Test
	void anExclusionOfTheVeryBlockOfAnEntryIsRefused() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("::/0", "2001:db8::/64", "!2001:db8::/64")))
			.withMessageContaining("removes the very block an entry includes")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(2));
		assertThat(NetworkEntries.parse(List.of("::/0", "2001:db8::/63", "!2001:db8::/64")).excluded()).hasSize(1);
	}

	@Test
	void onlyAddressesCanBeExcluded() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("*.example.com", "!www.example.com")))
			.withMessageContaining("only IP addresses and CIDRs can be excluded")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void duplicatesAreComparedAfterCanonicalisation() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("10.0.0.1", "example.com", "10.0.0.1/32")))
			.withMessageContaining("duplicate entry '10.0.0.1/32' (same as entry 0, '10.0.0.1')")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(2));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("Example.com", "example.com.")))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("2001:DB8::/32", "2001:db8:0::/32")))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void invalidEntriesCarryTheirIndexAndReason() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("example.com", "10.0.0.1/8")))
			.withMessageContaining("did you mean 10.0.0.0/8?")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("10.0.0.256")))
			.withMessageContaining("out of range 0..255")
			.satisfies((ex) -> assertThat(ex.index()).isZero());
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(List.of("example.com", "googleapis.*")))
			.withMessageContaining("first label")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> NetworkEntries.parse(java.util.Arrays.asList("example.com", null)))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

}
