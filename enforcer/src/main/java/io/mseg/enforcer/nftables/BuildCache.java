package io.mseg.enforcer.nftables;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;
import io.mseg.policy.port.ServicePorts;

/**
 * What one build keeps for the next ({@link Recent}): parsed addresses, prefixes and
 * ports, each network's ranges, each set and shard by role and content, and each unit and
 * direction's classes. A policy change usually changes a few entries of a document of
 * hundreds of thousands: this is what spares parsing, sorting and naming them again. A
 * build uses it between {@link #nextBuild()} and {@link #endBuild()}, after which it
 * holds what that build used and nothing else.
 */
final class BuildCache {

	private final Recent<String, IpAddress> addresses = new Recent<>();

	/** The number of each unit's chains, by ID (and occurrence). */
	private Map<String, Integer> unitNumbers = new HashMap<>();

	private final Recent<String, IpPrefix> prefixes = new Recent<>();

	private final Recent<List<String>, ServicePorts> ports = new Recent<>();

	/** The external networks' addresses by family. */
	private final NetworkAddresses networks = new NetworkAddresses(this::prefix);

	/** A role and addresses (a set or a shard): the named set. */
	private final Recent<List<Object>, NftSet> sets = new Recent<>();

	/** A role, a large set's addresses and the shard boundaries: its shards. */
	private final Recent<List<Object>, List<NftSet>> shardSets = new Recent<>();

	private final List<Recent<?, ?>> recent = List.of(this.addresses, this.prefixes, this.ports, this.sets,
			this.shardSets);

	/** A unit's chain name: its classes in this build. */
	private Map<String, UnitClasses> unitClasses = new HashMap<>();

	/** A unit's chain name: its classes in the last build. */
	private Map<String, UnitClasses> unitClassesBefore = Map.of();

	/** Starts a build: what the last one used becomes what this one may reuse. */
	/**
	 * The names of the units' chains ({@code u3}, then {@code u3_in}...): a unit keeps
	 * its number from one build to the next, a new unit takes the lowest free one, so a
	 * unit coming or going renames (and rewrites) no other unit's chains.
	 * @param ids the units' IDs, in the document's order
	 * @return their names, in the same order
	 */
	List<String> unitNames(List<String> ids) {
		Map<String, Integer> occurrences = new HashMap<>();
		List<String> keys = new ArrayList<>(ids.size());
		for (String id : ids) {
			// an ID given twice (never by the console) still gets two names
			int occurrence = occurrences.merge(String.valueOf(id), 1, Integer::sum);
			keys.add(id + "#" + occurrence);
		}
		Map<String, Integer> next = new HashMap<>();
		BitSet used = new BitSet();
		for (String key : keys) {
			Integer number = this.unitNumbers.get(key);
			if (number != null) {
				next.put(key, number);
				used.set(number);
			}
		}
		List<String> names = new ArrayList<>(keys.size());
		for (String key : keys) {
			Integer number = next.get(key);
			if (number == null) {
				number = used.nextClearBit(0);
				used.set(number);
				next.put(key, number);
			}
			names.add("u" + number);
		}
		this.unitNumbers = next;
		return names;
	}

	void nextBuild() {
		this.recent.forEach(Recent::nextBuild);
		this.networks.nextBuild();
		this.unitClassesBefore = this.unitClasses;
		this.unitClasses = new HashMap<>();
	}

	/** Ends a build: what it did not use is forgotten. */
	void endBuild() {
		this.recent.forEach(Recent::endBuild);
		this.networks.endBuild();
		this.unitClassesBefore = Map.of();
	}

	/**
	 * An address of the document.
	 * @param text its text
	 * @param where where the document has it, for the error
	 * @return the address
	 * @throws IllegalArgumentException when it is not one
	 */
	IpAddress address(String text, String where) {
		try {
			return this.addresses.get(text, IpAddress::parse);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable address '" + text + "' in " + where, ex);
		}
	}

	/**
	 * A domain entry of the document.
	 * @param text its text
	 * @return the pattern
	 * @throws IllegalArgumentException when it is not one
	 */
	DomainPattern domain(String text) {
		try {
			return DomainPattern.parse(text);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable domain entry '" + text + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Ports of a rule.
	 * @param rule the rule, for the error
	 * @param ports their text
	 * @return the ports
	 * @throws IllegalArgumentException when they are not ports
	 */
	ServicePorts ports(Rule rule, List<String> ports) {
		try {
			return this.ports.get(ports, ServicePorts::parse);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"policy " + RuleComments.describe(rule) + ": unreadable ports " + ports + ": " + ex.getMessage(),
					ex);
		}
	}

	private IpPrefix prefix(String text) {
		try {
			return this.prefixes.get(text, IpPrefix::parse);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable external network entry '" + text + "'", ex);
		}
	}

	/**
	 * A network's addresses.
	 * @param network the network
	 * @return its addresses by family (no empty family), not to be changed
	 */
	Map<Family, AddressRanges> networkAddresses(RemoteNetwork network) {
		return this.networks.of(network);
	}

	/**
	 * The set of some addresses, named by its role and content.
	 * @param role what it holds ({@code remote_v4}, {@code u0_v6})
	 * @param ranges the addresses
	 * @return the set
	 */
	NftSet set(String role, AddressRanges ranges) {
		return this.sets.get(List.of(role, ranges), (key) -> {
			String type = ranges.family().setType();
			List<String> elements = ranges.elements();
			return new NftSet(role + "_" + SetNames.hash(type, elements), type, elements);
		});
	}

	/**
	 * The shards of a large set: its addresses cut at the boundaries, one set each
	 * ({@code <role>_s07_<hash>}), empty ones left out.
	 * @param role what it holds
	 * @param ranges the addresses
	 * @param boundaries where to cut them
	 * @return the shards
	 */
	List<NftSet> shards(String role, AddressRanges ranges, List<BigInteger> boundaries) {
		return this.shardSets.get(List.of(role, ranges, boundaries), (key) -> {
			List<NftSet> shards = new ArrayList<>();
			List<AddressRanges> parts = ranges.split(boundaries);
			for (int i = 0; i < parts.size(); i++) {
				if (!parts.get(i).isEmpty()) {
					shards.add(set(role + "_s" + ((i < 10) ? "0" : "") + i, parts.get(i)));
				}
			}
			return shards;
		});
	}

	/**
	 * The classes of one unit and direction: the last build's when they still fit
	 * ({@link UnitClasses#reusableFor}), else new ones that take what they can of them.
	 * @param chain the unit's chain for that direction
	 * @param rules its rules that name remote units
	 * @param families the families of the unit's own addresses
	 * @param returns the known processing units to send back to the base chain
	 * @param context parsing and port matches
	 * @return the classes
	 */
	UnitClasses unitClasses(String chain, List<Rule> rules, Set<Family> families, Map<Family, List<IpAddress>> returns,
			UnitClasses.Context context) {
		UnitClasses classes = this.unitClassesBefore.get(chain);
		if (classes == null || !classes.reusableFor(chain, rules, families, returns)) {
			classes = UnitClasses.of(chain, rules, families, returns, context, classes);
		}
		this.unitClasses.put(chain, classes);
		return classes;
	}

}
