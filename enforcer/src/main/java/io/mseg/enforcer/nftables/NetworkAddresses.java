package io.mseg.enforcer.nftables;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.policy.network.IpPrefix;

/**
 * The addresses of external networks by family, kept from one build to the next: by
 * content (a network named by several rules is computed once), and by identity (ID,
 * namespace, name), so that a network that gained or lost a few entries since the last
 * build is updated from its last ranges instead of parsed and sorted again. A one-entry
 * change to a network of 100,000 entries then costs a comparison of the two lists, not
 * 100,000 parses and a sort.
 */
final class NetworkAddresses {

	/** Above this many entries added and removed, a changed network is computed anew. */
	static final int INCREMENTAL_MAX = 32;

	private final Function<String, IpPrefix> parse;

	private final Recent<List<List<String>>, Parsed> byContent = new Recent<>();

	/**
	 * By the identity of the entries' list: a network section held from one version to
	 * the next is the same list, found without hashing its 100,000 entries.
	 */
	private Map<List<String>, Parsed> byList = new IdentityHashMap<>();

	private Map<List<String>, Parsed> byListBefore = Map.of();

	private Map<List<String>, Parsed> byIdentity = new HashMap<>();

	private Map<List<String>, Parsed> byIdentityBefore = Map.of();

	/**
	 * @param parse reads an entry (refusing it with the reason)
	 */
	NetworkAddresses(Function<String, IpPrefix> parse) {
		this.parse = parse;
	}

	void nextBuild() {
		this.byContent.nextBuild();
		this.byIdentityBefore = this.byIdentity;
		this.byIdentity = new HashMap<>();
		this.byListBefore = this.byList;
		this.byList = new IdentityHashMap<>();
	}

	void endBuild() {
		this.byContent.endBuild();
		this.byIdentityBefore = Map.of();
		this.byListBefore = Map.of();
	}

	/**
	 * A network's addresses.
	 * @param network the network
	 * @return its addresses by family (no empty family), not to be changed
	 */
	Map<Family, AddressRanges> of(RemoteNetwork network) {
		// a hidden network has no identity: only its content is remembered
		List<String> identity = (network.id() != null)
				? Arrays.asList(network.id(), network.namespace(), network.name()) : null;
		Parsed parsed = sameList(this.byList, network);
		if (parsed == null) {
			parsed = sameList(this.byListBefore, network);
		}
		if (parsed == null) {
			parsed = this.byContent.get(List.of(network.entries(), network.excluded()),
					(key) -> compute(network, (identity != null) ? this.byIdentityBefore.get(identity) : null));
		}
		this.byList.put(network.entries(), parsed);
		if (identity != null) {
			this.byIdentity.put(identity, parsed);
		}
		return parsed.ranges();
	}

	private static Parsed sameList(Map<List<String>, Parsed> byList, RemoteNetwork network) {
		Parsed parsed = byList.get(network.entries());
		return (parsed != null && parsed.excluded().equals(network.excluded())) ? parsed : null;
	}

	private Parsed compute(RemoteNetwork network, Parsed before) {
		if (before != null && network.excluded().isEmpty() && before.excluded().isEmpty()) {
			Parsed updated = update(before, network.entries());
			if (updated != null) {
				return updated;
			}
		}
		List<String> entries = network.entries();
		IpPrefix[] prefixes = new IpPrefix[entries.size()];
		Map<Family, AddressRanges> ranges = empty();
		for (int i = 0; i < prefixes.length; i++) {
			prefixes[i] = this.parse.apply(entries.get(i));
			ranges.get(AddressRanges.familyOf(prefixes[i].network())).add(prefixes[i]);
		}
		for (String excluded : network.excluded()) {
			IpPrefix prefix = this.parse.apply(excluded);
			ranges.get(AddressRanges.familyOf(prefix.network())).remove(prefix);
		}
		return new Parsed(entries, network.excluded(), prefixes, withoutEmpty(ranges));
	}

	/**
	 * The network updated from its last version when the two lists differ in one run of
	 * at most {@link #INCREMENTAL_MAX} entries (the common head and tail kept), else
	 * {@code null}.
	 */
	private Parsed update(Parsed before, List<String> entries) {
		List<String> old = before.entries();
		int head = 0;
		int shortest = Math.min(old.size(), entries.size());
		while (head < shortest && old.get(head).equals(entries.get(head))) {
			head++;
		}
		int tail = 0;
		while (tail < shortest - head
				&& old.get(old.size() - 1 - tail).equals(entries.get(entries.size() - 1 - tail))) {
			tail++;
		}
		int removedCount = old.size() - head - tail;
		int addedCount = entries.size() - head - tail;
		if (removedCount + addedCount > INCREMENTAL_MAX) {
			return null;
		}
		IpPrefix[] prefixes = new IpPrefix[entries.size()];
		System.arraycopy(before.prefixes(), 0, prefixes, 0, head);
		System.arraycopy(before.prefixes(), old.size() - tail, prefixes, entries.size() - tail, tail);
		for (int i = head; i < head + addedCount; i++) {
			prefixes[i] = this.parse.apply(entries.get(i));
		}
		Map<Family, AddressRanges> ranges = empty();
		before.ranges().forEach((family, last) -> ranges.put(family, last.copy()));
		for (int i = head; i < head + removedCount; i++) {
			IpPrefix removed = before.prefixes()[i];
			ranges.get(AddressRanges.familyOf(removed.network())).remove(removed);
			// what the removed entry covered may still be covered by another
			for (IpPrefix kept : prefixes) {
				if (kept != null && (removed.contains(kept) || kept.contains(removed))) {
					ranges.get(AddressRanges.familyOf(kept.network())).add(kept);
				}
			}
		}
		for (int i = head; i < head + addedCount; i++) {
			ranges.get(AddressRanges.familyOf(prefixes[i].network())).add(prefixes[i]);
		}
		return new Parsed(entries, List.of(), prefixes, withoutEmpty(ranges));
	}

	private static Map<Family, AddressRanges> empty() {
		Map<Family, AddressRanges> ranges = new EnumMap<>(Family.class);
		for (Family family : Family.values()) {
			ranges.put(family, new AddressRanges(family));
		}
		return ranges;
	}

	private static Map<Family, AddressRanges> withoutEmpty(Map<Family, AddressRanges> ranges) {
		ranges.values().removeIf(AddressRanges::isEmpty);
		return ranges;
	}

	/** A network's entries, each parsed, and its addresses. */
	private record Parsed(List<String> entries, List<String> excluded, IpPrefix[] prefixes,
			Map<Family, AddressRanges> ranges) {

	}

}
