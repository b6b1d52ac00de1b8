package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.policy.port.ServicePorts;

/**
 * The external networks of one unit, direction, verdict class and ports: one rule per
 * family, port match and set (or shard) over the union of the small ones, and over each
 * large one. Order within a class cannot change the verdict (docs/api.md, "Policy
 * semantics"), so the union is exact; a network above {@link Shards#SPLIT_ABOVE} is kept
 * apart, held once whoever names it.
 */
final class NetworkGroup {

	final boolean incoming;

	final int rank;

	final ServicePorts ports;

	final String statement;

	final String label;

	final List<Rule> rules = new ArrayList<>();

	private final Map<Family, AddressRanges> union = new EnumMap<>(Family.class);

	private final Map<Family, Set<AddressRanges>> large = new EnumMap<>(Family.class);

	/** The domain entries of its networks (outgoing only), canonical and sorted. */
	final SortedSet<String> domains = new TreeSet<>();

	/** {@link VerdictClass#groupKey}: it also names the group's chain when sharded. */
	final List<Object> key;

	private NetworkGroup(List<Object> key, boolean incoming, int rank, ServicePorts ports, String statement,
			String label) {
		this.key = key;
		this.incoming = incoming;
		this.rank = rank;
		this.ports = ports;
		this.statement = statement;
		this.label = label;
	}

	/**
	 * The external networks of one unit and direction as groups: one per observed policy
	 * (its counter is its point), and for deciding ones one per verdict class and ports,
	 * in the order of {@link VerdictClass}.
	 * @param incoming the direction
	 * @param rules the unit's rules of that direction
	 * @param cache parses ports and networks
	 * @param flowLog which rules are logged, and their statements
	 * @param unitChain the unit chain the groups' rules go into
	 * @param warnings receives a line per incoming rule naming a network with domain
	 * entries: they match only connections the unit initiates
	 * @return the groups, in evaluation order
	 */
	static List<NetworkGroup> of(boolean incoming, List<Rule> rules, BuildCache cache, FlowLogRules flowLog,
			String unitChain, Consumer<String> warnings) {
		Map<List<Object>, NetworkGroup> merged = new LinkedHashMap<>();
		for (Rule rule : rules) {
			for (RemoteNetwork network : rule.externalNetworks()) {
				if (incoming && !network.domains().isEmpty()) {
					warnings.accept("policy " + RuleComments.describe(rule) + ": the domain entries "
							+ network.domains() + " of external network "
							+ ((network.name() != null) ? "'" + network.name() + "'" : "(not visible)")
							+ " match nothing for incoming traffic (a domain entry matches only connections"
							+ " the unit initiates); only its addresses are enforced");
				}
				ServicePorts networkPorts = cache.ports(rule, network.ports());
				boolean logged = flowLog.logs(rule);
				NetworkGroup group = merged.computeIfAbsent(VerdictClass.groupKey(rule, networkPorts, logged),
						(key) -> new NetworkGroup(key, incoming, VerdictClass.rank(rule, logged), networkPorts,
								flowLog.statement(rule, unitChain), VerdictClass.label(rule)));
				group.add(rule);
				cache.networkAddresses(network).forEach(group::addNetwork);
				if (!incoming) {
					network.domains().forEach((domain) -> group.domains.add(cache.domain(domain).toString()));
				}
			}
		}
		List<NetworkGroup> ordered = new ArrayList<>(merged.values());
		ordered.sort(Comparator.comparingInt((group) -> group.rank));
		return ordered;
	}

	private void add(Rule rule) {
		if (this.rules.isEmpty() || this.rules.get(this.rules.size() - 1) != rule) {
			this.rules.add(rule);
		}
	}

	private void addNetwork(Family family, AddressRanges ranges) {
		if (ranges.size() > Shards.SPLIT_ABOVE) {
			this.large.computeIfAbsent(family, (f) -> Collections.newSetFromMap(new IdentityHashMap<>())).add(ranges);
		}
		else {
			this.union.computeIfAbsent(family, AddressRanges::new).addAll(ranges);
		}
	}

	/**
	 * The address sets of one family.
	 * @param family the family
	 * @return the union (when not empty), then the large networks
	 */
	List<AddressRanges> sets(Family family) {
		List<AddressRanges> sets = new ArrayList<>();
		AddressRanges union = this.union.get(family);
		if (union != null && !union.isEmpty()) {
			sets.add(union);
		}
		sets.addAll(this.large.getOrDefault(family, Set.of()));
		return sets;
	}

	/**
	 * The address sets of every family.
	 * @return them, family by family
	 */
	List<AddressRanges> sets() {
		List<AddressRanges> sets = new ArrayList<>();
		for (Family family : Family.values()) {
			sets.addAll(sets(family));
		}
		return sets;
	}

	/**
	 * Whether a set is large enough to be cut in shards.
	 * @return whether the group's rules go into a chain of their own
	 */
	boolean sharded() {
		return sets().stream().anyMatch((ranges) -> ranges.size() > Shards.SPLIT_ABOVE);
	}

}
