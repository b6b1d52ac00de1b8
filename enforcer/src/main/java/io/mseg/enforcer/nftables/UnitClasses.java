package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;

/**
 * The remote processing units of one protected unit and direction, as the kernel holds
 * them: every remote address is named by some (group, rule) pairs, a group being the
 * rules of one verdict class with the same ports; addresses named by the same pairs form
 * one <em>class</em>. Each class gets one chain of port rules in the order of
 * {@link VerdictClass} (observations, then the policy core's evaluation order), and one
 * verdict map per family sends every remote address to its class's chain ({@code goto}).
 * So the kernel holds a remote address once per unit and direction, however many policies
 * name it: a set per merged rule held it once per rule (636,000 elements for 10,000
 * policies over 5,000 units, against 24,000 in the maps).
 * <p>
 * Known processing units that no rule names map to {@code return} when the direction also
 * has external networks, so that no network can match them (docs/api.md, "Policy
 * semantics").
 */
final class UnitClasses {

	/** What a build lends: parsing, port matches, the verdicts of the options. */
	interface Context {

		IpAddress address(String text);

		ServicePorts ports(Rule rule, List<String> ports);

		List<String> portMatches(ServicePorts ports, Family family);

		/** Whether the matches of a rule are logged for flow reports. */
		boolean logs(Rule rule);

		/** What a rule of a unit chain does with a packet ({@link FlowLogRules}). */
		String statement(Rule rule, String unitChain);

	}

	private final String chain;

	private List<Rule> rules;

	private final Set<Family> families;

	private Map<Family, List<IpAddress>> returns;

	private final Map<Family, List<NftSet>> maps = new EnumMap<>(Family.class);

	private final Map<String, NftChain> chains = new LinkedHashMap<>();

	/**
	 * A rule of each group, to name the groups' log chains again in a build that reuses
	 * these classes.
	 */
	private final List<Rule> groupRules = new ArrayList<>();

	/** The port lists the chains use, to register their named sets in every build. */
	private final Set<PortList> portLists = new LinkedHashSet<>();

	/**
	 * The class chains, by what they were built from: the next classes may reuse them.
	 */
	private final Map<ClassKey, BuiltChain> built = new HashMap<>();

	private UnitClasses(String chain, List<Rule> rules, Set<Family> families, Map<Family, List<IpAddress>> returns) {
		this.chain = chain;
		this.rules = rules;
		this.families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
		this.returns = returns;
	}

	/**
	 * The classes of one unit and direction.
	 * @param chain the name of the unit's chain for that direction ({@code u0_in}): the
	 * class chains and maps are named after it
	 * @param rules the unit's rules of that direction that name remote units
	 * @param families the families of the unit's own addresses (no other is mapped)
	 * @param returns known processing unit addresses to map to {@code return} when no
	 * rule names them (empty when the direction has no external network)
	 * @param context parsing and port matches
	 * @param before the classes of this unit and direction in the last build, or
	 * {@code null}: their class chains are kept where the same rule objects make them
	 * @return the classes
	 */
	static UnitClasses of(String chain, List<Rule> rules, Set<Family> families, Map<Family, List<IpAddress>> returns,
			Context context, UnitClasses before) {
		UnitClasses classes = new UnitClasses(chain, rules, families, returns);
		classes.build(context, (before != null) ? before.built : Map.of());
		return classes;
	}

	/**
	 * Whether these classes are what {@link #of} would give for these inputs: the same
	 * rules as far as the classes depend on them (ids, names, verdicts, ports, remote
	 * addresses; not the remote units' names), compared in place without hashing a thing,
	 * since a document holds hundreds of thousands of remote addresses. When they are,
	 * the classes keep the new rules instead of the old ones, so the old document can go.
	 */
	boolean reusableFor(String chain, List<Rule> rules, Set<Family> families, Map<Family, List<IpAddress>> returns) {
		if (!this.chain.equals(chain) || !this.families.equals(families) || !this.returns.equals(returns)
				|| this.rules.size() != rules.size()) {
			return false;
		}
		for (int i = 0; i < rules.size(); i++) {
			if (!sameRule(this.rules.get(i), rules.get(i))) {
				return false;
			}
		}
		this.rules = rules;
		this.returns = returns;
		return true;
	}

	private static boolean sameRule(Rule a, Rule b) {
		if (a == b) {
			// a rules section held from one policy version to the next
			return true;
		}
		if (!Objects.equals(a.policyId(), b.policyId()) || !Objects.equals(a.policyName(), b.policyName())
				|| !Objects.equals(a.action(), b.action()) || a.fallback() != b.fallback()
				|| a.observed() != b.observed() || a.logsEnabled() != b.logsEnabled() || !a.ports().equals(b.ports())
				|| a.processingUnits().size() != b.processingUnits().size()) {
			return false;
		}
		for (int i = 0; i < a.processingUnits().size(); i++) {
			if (!a.processingUnits().get(i).addresses().equals(b.processingUnits().get(i).addresses())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Adds the maps and chains to a ruleset being built.
	 * @param names the ruleset's sets (the maps and the port sets are registered there)
	 * @param context port matches, to register the port sets the chains use
	 * @param target the ruleset's regular chains
	 * @return the maps per family (one, or its shards)
	 */
	Map<Family, List<String>> addTo(SetNames names, Context context, List<NftChain> target) {
		this.portLists.forEach((list) -> context.portMatches(list.ports(), list.family()));
		this.groupRules.forEach((rule) -> context.statement(rule, this.chain));
		target.addAll(this.chains.values());
		Map<Family, List<String>> mapNames = new EnumMap<>(Family.class);
		this.maps.forEach((family, maps) -> mapNames.put(family, maps.stream().map(names::register).toList()));
		return mapNames;
	}

	private void build(Context context, Map<ClassKey, BuiltChain> builtBefore) {
		List<Group> groups = new ArrayList<>();
		Map<List<Object>, Group> byKey = new HashMap<>();
		Map<Family, Map<IpAddress, Members>> members = new EnumMap<>(Family.class);
		for (int index = 0; index < this.rules.size(); index++) {
			Rule rule = this.rules.get(index);
			ServicePorts ports = context.ports(rule, rule.ports());
			boolean logged = context.logs(rule);
			Group group = byKey.computeIfAbsent(VerdictClass.groupKey(rule, ports, logged), (key) -> {
				Group created = new Group(groups.size(), ports, context.statement(rule, this.chain),
						VerdictClass.label(rule));
				groups.add(created);
				this.groupRules.add(rule);
				return created;
			});
			long member = member(VerdictClass.rank(rule, logged), group.id, index);
			for (RenderedRemoteProcessingUnit remote : rule.processingUnits()) {
				for (String text : remote.addresses()) {
					IpAddress address = context.address(text);
					Family family = AddressRanges.familyOf(address);
					if (this.families.contains(family)) {
						members.computeIfAbsent(family, (f) -> new HashMap<>())
							.computeIfAbsent(address, (a) -> new Members())
							.add(member);
					}
				}
			}
		}
		for (Family family : this.families) {
			Map<Members, String> chainOfClass = new HashMap<>();
			Map<IpAddress, String> verdicts = new TreeMap<>();
			members.getOrDefault(family, Map.of()).forEach((address, named) -> {
				named.sort();
				String chain = chainOfClass.computeIfAbsent(named,
						(key) -> classChain(family, key, groups, context, builtBefore));
				// a remote unit whose rules match nothing in this family (ICMP of the
				// other
				// one) still never reaches the networks' rules
				verdicts.put(address, chain.isEmpty() ? "return" : "goto " + chain);
			});
			for (IpAddress address : this.returns.getOrDefault(family, List.of())) {
				verdicts.putIfAbsent(address, "return");
			}
			if (!verdicts.isEmpty()) {
				this.maps.put(family, maps(this.chain + "_units_" + family.suffix(), family, verdicts));
			}
		}
	}

	/**
	 * The chain of one class: per group that names it, one rule per port match, its
	 * comment naming the group's policies that name the class. Named by a hash of its
	 * rules, so classes with the same rules share it. Kept from the last build when the
	 * same groups name the class through the same rule objects (the rule sections held):
	 * building the comments and naming a thousand chains again is most of a policy
	 * change's build.
	 * @return its name, or {@code ""} when it has no rule (ports of another family only)
	 */
	private String classChain(Family family, Members members, List<Group> groups, Context context,
			Map<ClassKey, BuiltChain> builtBefore) {
		List<Object> groupKeys = new ArrayList<>();
		List<Rule> rules = new ArrayList<>(members.size);
		for (int i = 0; i < members.size; i++) {
			Group group = groups.get(group(members.values[i]));
			if (i == 0 || group(members.values[i - 1]) != group.id) {
				groupKeys.add(List.of(group.ports, group.statement, group.label, rules.size()));
			}
			rules.add(this.rules.get(rule(members.values[i])));
		}
		ClassKey key = new ClassKey(family, groupKeys, rules);
		BuiltChain built = this.built.get(key);
		if (built == null) {
			built = builtBefore.get(key);
			if (built == null) {
				built = buildClassChain(family, members, groups, context);
			}
			this.built.put(key, built);
		}
		this.portLists.addAll(built.portLists());
		if (built.chain() == null) {
			return "";
		}
		this.chains.putIfAbsent(built.chain().name(), built.chain());
		return built.chain().name();
	}

	private BuiltChain buildClassChain(Family family, Members members, List<Group> groups, Context context) {
		List<NftRule> rules = new ArrayList<>();
		List<PortList> portLists = new ArrayList<>();
		int i = 0;
		while (i < members.size) {
			Group group = groups.get(group(members.values[i]));
			List<Rule> policies = new ArrayList<>();
			while (i < members.size && group(members.values[i]) == group.id) {
				policies.add(this.rules.get(rule(members.values[i])));
				i++;
			}
			String comment = RuleComments.comment(group.label, policies);
			portLists.add(new PortList(group.ports, family));
			for (String port : context.portMatches(group.ports, family)) {
				rules.add(new NftRule(List.of(port), group.statement, comment, true));
			}
		}
		if (rules.isEmpty()) {
			return new BuiltChain(null, portLists);
		}
		String name = this.chain + "_" + family.suffix() + "_"
				+ SetNames.hash("class", rules.stream().map(NftRenderer::text).toList());
		return new BuiltChain(new NftChain(name, null, rules), portLists);
	}

	/**
	 * One map, or above {@link Shards#SPLIT_ABOVE} entries {@link Shards#MAX_SHARDS} maps
	 * that each address falls into by a hash of itself: the unit's chain looks the packet
	 * up in each in turn (a miss goes on to the next), so any split is exact, and this
	 * one keeps every address in its shard for good. A unit that comes, goes or changes
	 * rewrites one shard of a few hundred entries, not the whole map.
	 */
	private static List<NftSet> maps(String role, Family family, Map<IpAddress, String> verdicts) {
		String type = family.setType() + " : verdict";
		boolean split = verdicts.size() > Shards.SPLIT_ABOVE;
		List<List<String>> shards = new ArrayList<>();
		for (int i = 0; i < (split ? Shards.MAX_SHARDS : 1); i++) {
			shards.add(new ArrayList<>());
		}
		verdicts.forEach((address, verdict) -> shards.get(split ? shard(address) : 0).add(address + " : " + verdict));
		List<NftSet> maps = new ArrayList<>();
		for (int i = 0; i < shards.size(); i++) {
			List<String> elements = shards.get(i);
			if (!elements.isEmpty()) {
				String name = role + (split ? "_s" + ((i < 10) ? "0" : "") + i : "");
				maps.add(new NftSet(name + "_" + SetNames.hash(type, elements), type, elements));
			}
		}
		return maps;
	}

	/** A fixed hash of the address: the same shard in every build and every enforcer. */
	private static int shard(IpAddress address) {
		long mixed = (address.high() * 0x9E3779B97F4A7C15L) ^ (address.low() * 0xC2B2AE3D27D4EB4FL);
		return (int) ((mixed ^ (mixed >>> 29)) & (Shards.MAX_SHARDS - 1));
	}

	/**
	 * A (group, rule) pair as one number that sorts by the rank of the rule's verdict
	 * class, then group, then rule: the rank from bit 56 up, the group in bits 28 to 55,
	 * the rule's index in bits 0 to 27.
	 */
	private static long member(int rank, int group, int rule) {
		return ((long) rank << 56) | ((long) group << 28) | rule;
	}

	private static int group(long member) {
		return (int) ((member >>> 28) & 0xFFF_FFFF);
	}

	private static int rule(long member) {
		return (int) (member & 0xFFF_FFFF);
	}

	/**
	 * Rules of one verdict class with the same ports (observed ones: one policy each).
	 */
	private record Group(int id, ServicePorts ports, String statement, String label) {

	}

	/** A list of ports in one family, as the class chains match it. */
	private record PortList(ServicePorts ports, Family family) {

	}

	/**
	 * A class chain and the port lists it matches; no chain when its groups match nothing
	 * in the family.
	 */
	private record BuiltChain(NftChain chain, List<PortList> portLists) {

	}

	/**
	 * What a class chain of one unit and direction is built from: the family, the groups
	 * (ports, verdict, where their rules start) and the rules naming the class, compared
	 * by identity: a rule object held from one build to the next has not changed, and
	 * comparing it by value would read its hundreds of remote units.
	 */
	private static final class ClassKey {

		private final Family family;

		private final List<Object> groups;

		private final List<Rule> rules;

		private final int hash;

		ClassKey(Family family, List<Object> groups, List<Rule> rules) {
			this.family = family;
			this.groups = groups;
			this.rules = rules;
			int hash = Objects.hash(family, groups);
			for (Rule rule : rules) {
				hash = 31 * hash + System.identityHashCode(rule);
			}
			this.hash = hash;
		}

		@Override
		public boolean equals(Object other) {
			if (!(other instanceof ClassKey key) || key.hash != this.hash || key.rules.size() != this.rules.size()
					|| key.family != this.family || !key.groups.equals(this.groups)) {
				return false;
			}
			for (int i = 0; i < this.rules.size(); i++) {
				if (key.rules.get(i) != this.rules.get(i)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

	/**
	 * The (group, rule) pairs that name one address, packed into numbers that sort in
	 * evaluation order ({@link #member}); once sorted, the key of the address's class.
	 */
	private static final class Members {

		private long[] values = new long[4];

		private int size;

		void add(long member) {
			// a rule names an address once, however many of its units have it
			if (this.size > 0 && this.values[this.size - 1] == member) {
				return;
			}
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = member;
		}

		void sort() {
			Arrays.sort(this.values, 0, this.size);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Members members
					&& Arrays.equals(this.values, 0, this.size, members.values, 0, members.size);
		}

		@Override
		public int hashCode() {
			int hash = 1;
			for (int i = 0; i < this.size; i++) {
				hash = 31 * hash + Long.hashCode(this.values[i]);
			}
			return hash;
		}

	}

}
