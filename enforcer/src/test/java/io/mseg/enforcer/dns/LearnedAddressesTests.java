package io.mseg.enforcer.dns;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mseg.enforcer.nftables.DomainSet;
import io.mseg.enforcer.nftables.Family;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.network.IpAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LearnedAddressesTests {

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	private final LearnedAddresses store = new LearnedAddresses();

	private final DomainSet wildcard = new DomainSet("dns_v4_a", Family.V4,
			List.of(DomainPattern.parse("*.example.com")));

	private final DomainSet exact = new DomainSet("dns_v6_b", Family.V6, List.of(DomainPattern.parse("example.com")));

	@Test
	void aSetHoldsTheLiveAddressesOfItsNamesAndFamilyWithTheirLatestExpiry() {
		this.store.learn("a.example.com",
				Map.of(ip("192.0.2.1"), NOW.plusSeconds(60), ip("2001:db8::1"), NOW.plusSeconds(60)));
		this.store.learn("b.example.com",
				Map.of(ip("192.0.2.1"), NOW.plusSeconds(90), ip("192.0.2.2"), NOW.minusSeconds(1)));
		this.store.learn("example.com",
				Map.of(ip("192.0.2.3"), NOW.plusSeconds(60), ip("2001:db8::3"), NOW.plusSeconds(60)));
		assertThat(this.store.addresses(this.wildcard, NOW)).isEqualTo(Map.of(ip("192.0.2.1"), NOW.plusSeconds(90)));
		assertThat(this.store.addresses(this.exact, NOW)).isEqualTo(Map.of(ip("2001:db8::3"), NOW.plusSeconds(60)));
		assertThat(this.store.names()).isEqualTo(3);
		assertThat(this.store.addresses()).isEqualTo(5);
	}

	@Test
	void pruningForgetsWhatExpiredAndNamesNoSetMatches() {
		this.store.learn("a.example.com", Map.of(ip("192.0.2.1"), NOW.plusSeconds(60)));
		this.store.learn("b.example.com", Map.of(ip("192.0.2.2"), NOW.minusSeconds(1)));
		this.store.learn("api.example.org", Map.of(ip("192.0.2.3"), NOW.plusSeconds(60)));
		assertThat(this.store.prune(List.of(this.wildcard), NOW)).isTrue();
		assertThat(this.store.text())
			.isEqualTo("a.example.com 192.0.2.1 " + NOW.plusSeconds(60).getEpochSecond() + "\n");
		assertThat(this.store.prune(List.of(this.wildcard), NOW)).isFalse();
	}

	@Test
	void theStateFileReadsBackSkippingExpiredEntriesAndUnreadableLines() {
		this.store.learn("a.example.com",
				Map.of(ip("192.0.2.1"), NOW.plusSeconds(60), ip("2001:db8::1"), NOW.plusSeconds(5)));
		String text = this.store.text() + "garbage line\nb.example.com 192.0.2.9 "
				+ NOW.minusSeconds(5).getEpochSecond() + "\n";
		LearnedAddresses loaded = new LearnedAddresses();
		assertThat(loaded.load(text, NOW)).isEqualTo(1);
		assertThat(loaded.text()).isEqualTo(this.store.text());
	}

	private static IpAddress ip(String text) {
		return IpAddress.parse(text);
	}

}
