package io.mseg.policy.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;
import io.mseg.policy.render.RemoteNetwork;

/**
 * Addresses of processing units, sorted, and external networks by included CIDR, so that
 * the known addresses of a rendered policy and the networks that may cover an address
 * ({@link RemoteNetwork#mayCover}) are found without scanning. Changes need external
 * locking; reads may run concurrently.
 */
final class AddressIndex {

	/** Each processing-unit address, with how many times units claim it. */
	private final NavigableMap<IpAddress, Integer> puAddresses = new TreeMap<>();

	private final Map<IpPrefix, Set<String>> networksByPrefix = new HashMap<>();

	/**
	 * Prefix lengths in use, per family (IPv4 first), with how many prefixes have each.
	 */
	private final Map<Boolean, NavigableMap<Integer, Integer>> lengths = Map.of(true, new TreeMap<>(), false,
			new TreeMap<>());

	/** The exclusions of networks that have some. */
	private final Map<String, List<IpPrefix>> exclusions = new HashMap<>();

	/**
	 * The networks with domain entries: a name may resolve to any unit's address, so a
	 * document with such a network lists every unit address (an enforcer must never take
	 * a unit for an external host because a name resolved to it), and any unit's address
	 * change changes it.
	 */
	private final Set<String> domainNetworks = new HashSet<>();

	/**
	 * Per network id, the unit addresses inside its included CIDRs; filled by readers,
	 * emptied by writers.
	 */
	private final Map<String, List<IpAddress>> coveredByNetwork = new ConcurrentHashMap<>();

	/**
	 * Every unit address, shared by all documents with a network that covers them all.
	 */
	private volatile List<IpAddress> allPuAddresses;

	void add(ProcessingUnit pu) {
		pu.addresses().forEach((address) -> this.puAddresses.merge(address, 1, Integer::sum));
		forget(pu.addresses());
	}

	void remove(ProcessingUnit pu) {
		pu.addresses()
			.forEach((address) -> this.puAddresses.computeIfPresent(address, (a, n) -> (n == 1) ? null : n - 1));
		forget(pu.addresses());
	}

	private void forget(List<IpAddress> addresses) {
		if (!addresses.isEmpty()) {
			this.allPuAddresses = null;
			networksThatMayCover(addresses).forEach(this.coveredByNetwork::remove);
		}
	}

	void add(ExternalNetwork network) {
		for (IpPrefix prefix : network.entries().included()) {
			if (this.networksByPrefix.computeIfAbsent(prefix, (p) -> new HashSet<>()).add(network.id())) {
				this.lengths.get(prefix.isIpv4()).merge(prefix.length(), 1, Integer::sum);
			}
		}
		if (!network.entries().excluded().isEmpty()) {
			this.exclusions.put(network.id(), network.entries().excluded());
		}
		if (!network.entries().domains().isEmpty()) {
			this.domainNetworks.add(network.id());
		}
		this.coveredByNetwork.remove(network.id());
	}

	void remove(ExternalNetwork network) {
		for (IpPrefix prefix : network.entries().included()) {
			Set<String> ids = this.networksByPrefix.get(prefix);
			if (ids != null && ids.remove(network.id())) {
				this.lengths.get(prefix.isIpv4())
					.computeIfPresent(prefix.length(), (length, n) -> (n == 1) ? null : n - 1);
				if (ids.isEmpty()) {
					this.networksByPrefix.remove(prefix);
				}
			}
		}
		this.exclusions.remove(network.id());
		this.domainNetworks.remove(network.id());
		this.coveredByNetwork.remove(network.id());
	}

	/**
	 * The external networks that may cover one of the addresses: an included CIDR
	 * contains it and no exclusion does.
	 * @param addresses some addresses
	 * @return the network ids
	 */
	Set<String> networksThatMayCover(Collection<IpAddress> addresses) {
		Set<String> ids = new HashSet<>(addresses.isEmpty() ? Set.of() : this.domainNetworks);
		for (IpAddress address : addresses) {
			for (int length : this.lengths.get(address.isIpv4()).keySet()) {
				Set<String> covering = this.networksByPrefix.get(IpPrefix.containing(address, length));
				if (covering != null) {
					covering.stream().filter((id) -> !excludes(id, address)).forEach(ids::add);
				}
			}
		}
		return ids;
	}

	/**
	 * The processing-unit addresses that some of the networks may cover. Lists are cached
	 * per network; when one network covers every unit address, the one list of all
	 * addresses is returned, so documents share it.
	 * @param networks rendered external networks of this index
	 * @return the addresses, sorted, without duplicates
	 */
	List<IpAddress> processingUnitAddressesCoveredBy(Collection<RemoteNetwork> networks) {
		List<List<IpAddress>> lists = new ArrayList<>();
		for (RemoteNetwork network : networks) {
			if (!network.domains().isEmpty()) {
				return all();
			}
			List<IpAddress> covered = this.coveredByNetwork.computeIfAbsent(network.id(),
					(id) -> covered(network.included(), network.excluded()));
			if (covered.size() == this.puAddresses.size()) {
				return all();
			}
			if (!covered.isEmpty()) {
				lists.add(covered);
			}
		}
		return switch (lists.size()) {
			case 0 -> List.of();
			case 1 -> lists.get(0);
			default -> merge(lists);
		};
	}

	private List<IpAddress> all() {
		List<IpAddress> all = this.allPuAddresses;
		if (all == null) {
			all = List.copyOf(this.puAddresses.keySet());
			this.allPuAddresses = all;
		}
		return all;
	}

	private boolean excludes(String networkId, IpAddress address) {
		return this.exclusions.getOrDefault(networkId, List.of()).stream().anyMatch((p) -> p.contains(address));
	}

	/** The unit addresses inside some included prefix and no excluded one, sorted. */
	private List<IpAddress> covered(List<IpPrefix> included, List<IpPrefix> excluded) {
		List<IpPrefix> prefixes = new ArrayList<>(included);
		prefixes.sort(null);
		// Sorted by first address then length, a prefix that does not nest in the last
		// kept one starts after its end: the kept ranges are disjoint and in order.
		List<IpAddress> covered = new ArrayList<>();
		IpPrefix kept = null;
		for (IpPrefix prefix : prefixes) {
			if (kept == null || !kept.contains(prefix)) {
				kept = prefix;
				covered.addAll(this.puAddresses.subMap(prefix.network(), true, prefix.lastAddress(), true).keySet());
			}
		}
		if (!excluded.isEmpty()) {
			covered.removeIf((address) -> excluded.stream().anyMatch((p) -> p.contains(address)));
		}
		return List.copyOf(covered);
	}

	/** The union of sorted lists, sorted, without duplicates. */
	private static List<IpAddress> merge(List<List<IpAddress>> lists) {
		List<IpAddress> merged = new ArrayList<>();
		int[] next = new int[lists.size()];
		while (true) {
			IpAddress least = null;
			for (int i = 0; i < lists.size(); i++) {
				if (next[i] < lists.get(i).size()) {
					IpAddress head = lists.get(i).get(next[i]);
					if (least == null || head.compareTo(least) < 0) {
						least = head;
					}
				}
			}
			if (least == null) {
				return merged;
			}
			merged.add(least);
			for (int i = 0; i < lists.size(); i++) {
				if (next[i] < lists.get(i).size() && lists.get(i).get(next[i]).equals(least)) {
					next[i]++;
				}
			}
		}
	}

}
