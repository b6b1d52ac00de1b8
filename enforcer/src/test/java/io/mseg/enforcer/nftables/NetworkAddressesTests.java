package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.policy.network.IpPrefix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkAddressesTests {

	/** Entries parsed by {@link #kept}. */
	private final AtomicInteger parsed = new AtomicInteger();

	private final NetworkAddresses kept = new NetworkAddresses((text) -> {
		this.parsed.incrementAndGet();
		return IpPrefix.parse(text);
	});

	@Test
	void aNetworkChangedByAFewEntriesHasTheAddressesOfOneComputedAnew() {
		Random random = new Random(11);
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			entries.add(entry(random));
		}
		build(this.kept, entries);
		for (int change = 0; change < 300; change++) {
			// overlapping entries and duplicates on purpose: a removed entry's
			// addresses may still be covered by another
			// a run of a few entries added, removed or replaced at one place
			int edits = 1 + random.nextInt(4);
			int at = random.nextInt(entries.size() - edits);
			int kind = random.nextInt(3);
			for (int e = 0; e < edits; e++) {
				if (kind != 0) {
					entries.remove(at);
				}
				if (kind != 1) {
					entries.add(at,
							(random.nextInt(4) == 0) ? entries.get(random.nextInt(entries.size())) : entry(random));
				}
			}
			this.parsed.set(0);
			Map<Family, AddressRanges> updated = build(this.kept, entries);
			assertThat(this.parsed.get()).as("entries parsed for change " + change).isLessThanOrEqualTo(edits);
			Map<Family, AddressRanges> fresh = build(new NetworkAddresses(IpPrefix::parse), entries);
			assertThat(updated).as("change " + change).isEqualTo(fresh);
		}
	}

	@Test
	void aNetworkWithExclusionsOrManyChangesIsComputedAnew() {
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			entries.add("10.0." + i + ".0/24");
		}
		build(this.kept, entries);
		this.parsed.set(0);
		List<String> many = new ArrayList<>(entries.subList(0, 50));
		build(this.kept, many);
		assertThat(this.parsed.get()).isEqualTo(50);
		this.parsed.set(0);
		this.kept.nextBuild();
		Map<Family, AddressRanges> excluded = this.kept
			.of(new RemoteNetwork("n1", "n", "/a", many, List.of("10.0.1.0/25"), List.of(), List.of(), List.of()));
		this.kept.endBuild();
		assertThat(this.parsed.get()).isEqualTo(51);
		assertThat(excluded.get(Family.V4).elements()).contains("10.0.1.128/25").doesNotContain("10.0.1.0/24");
	}

	private static Map<Family, AddressRanges> build(NetworkAddresses addresses, List<String> entries) {
		addresses.nextBuild();
		try {
			return addresses.of(new RemoteNetwork("n1", "n", "/a", List.copyOf(entries), List.of(), List.of(),
					List.of(), List.of()));
		}
		finally {
			addresses.endBuild();
		}
	}

	private static String entry(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> "10." + random.nextInt(4) + ".0.0/16";
			case 1 -> "10." + random.nextInt(4) + "." + random.nextInt(256) + ".0/24";
			case 2 -> "10." + random.nextInt(4) + "." + random.nextInt(256) + "." + random.nextInt(256);
			default -> "fd00:" + random.nextInt(4) + "::/" + (32 + random.nextInt(97));
		};
	}

}
