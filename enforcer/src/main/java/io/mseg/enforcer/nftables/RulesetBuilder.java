package io.mseg.enforcer.nftables;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.policy.decision.DecisionReason;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;
import io.mseg.policy.port.ServicePorts;

/**
 * Builds the desired ruleset from a rendered policy (DESIGN §7). Each base chain is, in
 * order: established/related accept, the console connection (both directions), invalid
 * drop, loopback accept, IPv6 neighbour discovery, failsafe ports, then per protected
 * unit a jump into its chain for that direction, and the default reject.
 * <p>
 * A unit's chain first sends a remote processing unit's packet, through a verdict map, to
 * the chain of its class ({@link UnitClasses}); then come the external networks' rules:
 * within one verdict class, the policies with the same ports become one rule whose remote
 * set is the union of their networks (order within a class cannot change the verdict,
 * DESIGN §3, so this is exact). Every set is named by its content ({@link SetNames});
 * lists of several ports go into named sets shared by content, never anonymous ones.
 * Address sets of more than {@link Shards#SPLIT_ABOVE} elements are cut into at most
 * {@link Shards#MAX_SHARDS} shards, the rule repeated per shard, and a network that large
 * is never merged into a union, so it is held once. So the rule count depends on the
 * policies' distinct port lists, verdict classes and remote classes, never on the number
 * of addresses or ports.
 * <p>
 * One builder serves one enforcer for its lifetime: it keeps what the last build parsed
 * and built ({@link Recent}), so that a change of a few entries does not parse, sort and
 * name hundreds of thousands again.
 */
public final class RulesetBuilder {

	static final String INPUT = "input";

	static final String OUTPUT = "output";

	private static final String ND_INPUT = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, "
			+ "nd-router-advert, nd-redirect }";

	private static final String ND_OUTPUT = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, "
			+ "nd-router-solicit }";

	private static final int MAX_COMMENT = 128;

	private final RulesetOptions options;

	private final Consumer<String> warnings;

	private final Recent<String, IpAddress> addresses = new Recent<>();

	private final Recent<String, IpPrefix> prefixes = new Recent<>();

	private final Recent<List<String>, ServicePorts> ports = new Recent<>();

	/** The external networks' addresses by family. */
	private final NetworkAddresses networks = new NetworkAddresses(this::parsePrefix);

	/** A role and addresses (a set or a shard): the named set. */
	private final Recent<List<Object>, NftSet> sets = new Recent<>();

	/** A role, a large set's addresses and the shard boundaries: its shards. */
	private final Recent<List<Object>, List<NftSet>> shardSets = new Recent<>();

	/**
	 * Per build: the shards of the large sets seen so far, by identity (a large network
	 * is one object however many rules name it).
	 */
	private final Map<AddressRanges, List<NftSet>> shardsOf = new IdentityHashMap<>();

	private final List<Recent<?, ?>> caches = List.of(this.addresses, this.prefixes, this.ports, this.sets,
			this.shardSets);

	/** A unit's chain name: its classes in the last build. */
	private Map<String, UnitClasses> classes = new HashMap<>();

	private Map<String, UnitClasses> classesBefore = Map.of();

	/** Per build: the matches of a list of ports in a family (registering port sets). */
	private final Map<List<Object>, List<String>> portMatches = new HashMap<>();

	private final UnitClasses.Context context = new UnitClasses.Context() {

		@Override
		public IpAddress address(String text) {
			return parseAddress(text, "addresses of a remote processing unit");
		}

		@Override
		public ServicePorts ports(Rule rule, List<String> ports) {
			return parsePorts(rule, ports);
		}

		@Override
		public List<String> portMatches(ServicePorts ports, Family family) {
			return RulesetBuilder.this.portMatches(ports, family);
		}

		@Override
		public String rejectStatement() {
			return RulesetBuilder.this.options.reject().statement();
		}

	};

	private SetNames names;

	private Shards shards = Shards.NONE;

	/**
	 * A builder.
	 * @param options the table, console and failsafe settings
	 * @param warnings receives one line per thing of the policy that is not enforced
	 * (domain names)
	 */
	public RulesetBuilder(RulesetOptions options, Consumer<String> warnings) {
		this.options = options;
		this.warnings = warnings;
	}

	/**
	 * The options it builds with.
	 * @return the options
	 */
	public RulesetOptions options() {
		return this.options;
	}

	/**
	 * The ruleset for a policy, sharding large sets at boundaries chosen now.
	 * @param document the rendered policy; {@code null} gives the frame alone (default
	 * reject)
	 * @return the ruleset
	 * @throws IllegalArgumentException when the document holds an address or port the
	 * enforcer cannot read (then nothing of it must be applied)
	 */
	public Ruleset build(PolicyDocument document) {
		return build(document, Shards.NONE);
	}

	/**
	 * The ruleset for a policy.
	 * @param document the rendered policy; {@code null} gives the frame alone (default
	 * reject)
	 * @param shards the shard boundaries of the last ruleset applied ({@link Shards#NONE}
	 * at first): kept while they fit, so that a small change touches few sets
	 * @return the ruleset, with the boundaries it used
	 * @throws IllegalArgumentException when the document holds an address or port the
	 * enforcer cannot read (then nothing of it must be applied)
	 */
	public Ruleset build(PolicyDocument document, Shards shards) {
		this.names = new SetNames();
		this.portMatches.clear();
		this.shardsOf.clear();
		this.caches.forEach(Recent::nextBuild);
		this.networks.nextBuild();
		this.classesBefore = this.classes;
		this.classes = new HashMap<>();
		try {
			return assemble(document, shards);
		}
		finally {
			this.caches.forEach(Recent::endBuild);
			this.networks.endBuild();
			this.classesBefore = Map.of();
		}
	}

	private Ruleset assemble(PolicyDocument document, Shards shards) {
		List<NftRule> input = new ArrayList<>(frame(INPUT));
		List<NftRule> output = new ArrayList<>(frame(OUTPUT));
		List<NftChain> regular = new ArrayList<>();
		Shards used = shards;
		if (document != null) {
			Map<Family, List<IpAddress>> known = new EnumMap<>(Family.class);
			for (String address : document.knownProcessingUnitAddresses()) {
				IpAddress parsed = parseAddress(address, "knownProcessingUnitAddresses");
				known.computeIfAbsent(AddressRanges.familyOf(parsed), (family) -> new ArrayList<>()).add(parsed);
			}
			List<UnitPolicy> units = document.processingUnits();
			List<Map<Family, AddressRanges>> locals = new ArrayList<>();
			List<List<Group>> networkGroups = new ArrayList<>();
			for (UnitPolicy unit : units) {
				locals.add(localRanges(unit));
				networkGroups.add(networkGroups(true, unit.incoming()));
				networkGroups.add(networkGroups(false, unit.outgoing()));
			}
			used = shards.fit(large(locals, networkGroups));
			this.shards = used;
			for (int u = 0; u < units.size(); u++) {
				Map<Family, List<String>> local = new EnumMap<>(Family.class);
				int unit = u;
				locals.get(u)
					.forEach((family, ranges) -> local.put(family,
							addressSets("u" + unit + "_" + family.suffix(), ranges)));
				unitChain("u" + u + "_in", true, units.get(u).incoming(), networkGroups.get(2 * u), local, known, input,
						regular);
				unitChain("u" + u + "_out", false, units.get(u).outgoing(), networkGroups.get(2 * u + 1), local, known,
						output, regular);
			}
		}
		String verdict = "counter " + this.options.reject().statement();
		String defaultReject = VerdictClass.label(DecisionReason.DEFAULT_REJECT);
		input.add(NftRule.frame(verdict, defaultReject));
		output.add(NftRule.frame(verdict, defaultReject));
		List<NftChain> chains = new ArrayList<>(regular);
		chains.add(new NftChain(INPUT, "input", input));
		chains.add(new NftChain(OUTPUT, "output", output));
		return new Ruleset(this.options.table(), this.names.sets(), chains, used);
	}

	private List<NftRule> frame(String chain) {
		boolean in = INPUT.equals(chain);
		List<NftRule> rules = new ArrayList<>();
		rules.add(NftRule.frame("accept", null, "ct state established,related"));
		consoleRules(in, rules);
		rules.add(NftRule.frame("drop", null, "ct state invalid"));
		rules.add(NftRule.frame("accept", null, in ? "iif \"lo\"" : "oif \"lo\""));
		rules.add(NftRule.frame("accept", "ipv6 neighbour discovery", in ? ND_INPUT : ND_OUTPUT));
		ServicePorts failsafe = in ? this.options.failsafeInbound() : this.options.failsafeOutbound();
		if (failsafe != null && !failsafe.isNone()) {
			for (String ports : PortMatches.of(failsafe, null, this.names)) {
				rules.add(NftRule.frame("accept", "failsafe", ports));
			}
		}
		return rules;
	}

	/**
	 * The enforcer's own connections to the console, in both directions and without
	 * asking connection tracking. A connection opened before the table existed (the
	 * enforcer enrolls and connects before its first apply) is first seen by conntrack in
	 * mid-stream: the console's next packet counts as {@code ct state new} (or
	 * {@code invalid} where {@code nf_conntrack_tcp_loose} is 0), so without an input
	 * rule the event stream goes deaf after the first apply. Inbound, a packet opening a
	 * connection (SYN without ACK) is not accepted: a spoofed console address must not
	 * reach the host's ports.
	 */
	private void consoleRules(boolean in, List<NftRule> rules) {
		Map<Integer, Map<Family, List<String>>> byPort = new TreeMap<>();
		for (Endpoint endpoint : this.options.console()) {
			byPort.computeIfAbsent(endpoint.port(), (port) -> new TreeMap<>())
				.computeIfAbsent(AddressRanges.familyOf(endpoint.address()), (family) -> new ArrayList<>())
				.add(endpoint.address().toString());
		}
		byPort.forEach((port, families) -> families.forEach((family, addresses) -> {
			List<String> distinct = addresses.stream().distinct().toList();
			String target = (distinct.size() == 1) ? distinct.get(0) : "{ " + String.join(", ", distinct) + " }";
			rules.add(in
					? NftRule.frame("accept", "console", family.keyword() + " saddr " + target, "tcp sport " + port,
							"tcp flags != syn / syn,ack")
					: NftRule.frame("accept", "console", family.keyword() + " daddr " + target, "tcp dport " + port));
		}));
	}

	private Map<Family, AddressRanges> localRanges(UnitPolicy unit) {
		Map<Family, AddressRanges> local = new EnumMap<>(Family.class);
		for (String address : unit.processingUnit().addresses()) {
			IpAddress parsed = parseAddress(address, "processing unit addresses");
			local.computeIfAbsent(AddressRanges.familyOf(parsed), AddressRanges::new).add(parsed);
		}
		return local;
	}

	/**
	 * The external networks of one unit and direction as groups: one per observed policy
	 * (its counter is its point), and for deciding ones one per verdict class and ports,
	 * in the order of the classes, over the union of their networks, except that a
	 * network above {@link Shards#SPLIT_ABOVE} is kept apart (held once, whoever names
	 * it).
	 */
	private List<Group> networkGroups(boolean incoming, List<Rule> rules) {
		Map<List<Object>, Group> merged = new LinkedHashMap<>();
		for (Rule rule : rules) {
			for (RemoteNetwork network : rule.externalNetworks()) {
				if (!network.domains().isEmpty()) {
					this.warnings.accept("policy " + describe(rule) + ": external network "
							+ ((network.name() != null) ? "'" + network.name() + "'" : "(not visible)")
							+ " has domain entries " + network.domains()
							+ " that are not enforced yet; only its addresses are");
				}
				ServicePorts networkPorts = parsePorts(rule, network.ports());
				Group group = merged.computeIfAbsent(VerdictClass.groupKey(rule, networkPorts),
						(k) -> new Group(k, incoming, VerdictClass.rank(rule), networkPorts,
								VerdictClass.statement(rule, this.options.reject().statement()),
								VerdictClass.label(rule)));
				group.add(rule);
				this.networks.of(network).forEach(group::addNetwork);
			}
		}
		List<Group> ordered = new ArrayList<>(merged.values());
		ordered.sort(Comparator.comparingInt((group) -> group.order));
		return ordered;
	}

	/** The address sets above the shard threshold, by family. */
	private static Map<Family, List<AddressRanges>> large(List<Map<Family, AddressRanges>> locals,
			List<List<Group>> groups) {
		Map<Family, List<AddressRanges>> large = new EnumMap<>(Family.class);
		List<AddressRanges> all = new ArrayList<>();
		locals.forEach((local) -> all.addAll(local.values()));
		groups.forEach((list) -> list.forEach((group) -> all.addAll(group.sets())));
		Set<AddressRanges> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (AddressRanges ranges : all) {
			if (ranges.size() > Shards.SPLIT_ABOVE && seen.add(ranges)) {
				large.computeIfAbsent(ranges.family(), (family) -> new ArrayList<>()).add(ranges);
			}
		}
		return large;
	}

	/**
	 * The chain of one unit and direction ({@code u0_in}, {@code u0_out}), entered from
	 * the base chain by a jump for the unit's own addresses: first, per family, the
	 * verdict map of its remote units' classes; then the external networks' rules in the
	 * order of the verdict classes (a group over sharded sets in a chain of its own, so
	 * that a changed shard rewrites only that chain). A remote processing unit's packet
	 * meets only its class's rules, an external one only the networks' rules, so DESIGN
	 * §3's order holds.
	 */
	private void unitChain(String name, boolean incoming, List<Rule> rules, List<Group> networkGroups,
			Map<Family, List<String>> local, Map<Family, List<IpAddress>> known, List<NftRule> base,
			List<NftChain> chains) {
		List<NftRule> networkRules = new ArrayList<>();
		for (Group group : networkGroups) {
			List<NftRule> own = new ArrayList<>();
			networkRules(group, local, own);
			if (own.isEmpty() || !group.sharded()) {
				networkRules.addAll(own);
				continue;
			}
			String groupChain = name + "_net_"
					+ SetNames.hash("group", group.key.stream().map(String::valueOf).toList());
			chains.add(new NftChain(groupChain, null, own));
			networkRules.add(new NftRule(List.of(), "jump " + groupChain, null, false));
		}
		List<Rule> unitRules = rules.stream().filter((rule) -> !rule.processingUnits().isEmpty()).toList();
		Map<Family, List<IpAddress>> returns = networkRules.isEmpty() ? Map.of() : known;
		UnitClasses classes = this.classesBefore.get(name);
		if (classes == null || !classes.reusableFor(name, unitRules, local.keySet(), returns)) {
			classes = UnitClasses.of(name, unitRules, local.keySet(), returns, this.context, classes);
		}
		this.classes.put(name, classes);
		String remoteDirection = incoming ? "saddr" : "daddr";
		List<NftRule> chainRules = new ArrayList<>();
		classes.addTo(this.names, this.context, chains).forEach((family, maps) -> {
			for (String map : maps) {
				chainRules.add(new NftRule(List.of(), family.keyword() + " " + remoteDirection + " vmap @" + map, null,
						false));
			}
		});
		chainRules.addAll(networkRules);
		if (chainRules.isEmpty()) {
			return;
		}
		chains.add(new NftChain(name, null, chainRules));
		String localDirection = incoming ? "daddr" : "saddr";
		local.forEach((family, sets) -> {
			for (String set : sets) {
				base.add(NftRule.frame("jump " + name, null, family.keyword() + " " + localDirection + " @" + set));
			}
		});
	}

	private void networkRules(Group group, Map<Family, List<String>> local, List<NftRule> target) {
		String remoteDirection = group.incoming ? "saddr" : "daddr";
		String comment = comment(group.kind, group.rules);
		for (Family family : Family.values()) {
			if (!local.containsKey(family)) {
				continue;
			}
			String prefix = family.keyword() + " " + remoteDirection;
			for (AddressRanges remote : group.sets(family)) {
				for (String set : addressSets("remote_" + family.suffix(), remote)) {
					for (String port : portMatches(group.ports, family)) {
						target.add(new NftRule(List.of(prefix + " @" + set, port), group.statement, comment, true));
					}
				}
			}
		}
	}

	/** Many rules share ports: each list's matches (and named sets) are made once. */
	private List<String> portMatches(ServicePorts ports, Family family) {
		return this.portMatches.computeIfAbsent(List.of(ports, family),
				(key) -> PortMatches.of(ports, family, this.names));
	}

	/**
	 * The sets holding some addresses: one, or one per shard when there are more than
	 * {@link Shards#SPLIT_ABOVE}; each kept from the last build when its content is the
	 * same.
	 */
	private List<String> addressSets(String role, AddressRanges ranges) {
		if (ranges.size() <= Shards.SPLIT_ABOVE) {
			return List.of(set(role, ranges));
		}
		List<NftSet> shards = this.shardsOf.computeIfAbsent(ranges, (key) -> {
			List<BigInteger> boundaries = this.shards.boundaries(ranges.family());
			return this.shardSets.get(List.of(role, ranges, boundaries), (k) -> {
				List<NftSet> sets = new ArrayList<>();
				List<AddressRanges> parts = ranges.split(boundaries);
				for (int i = 0; i < parts.size(); i++) {
					if (!parts.get(i).isEmpty()) {
						sets.add(builtSet(role + "_s" + ((i < 10) ? "0" : "") + i, parts.get(i)));
					}
				}
				return sets;
			});
		});
		return shards.stream().map(this.names::register).toList();
	}

	private String set(String role, AddressRanges ranges) {
		return this.names.register(builtSet(role, ranges));
	}

	private NftSet builtSet(String role, AddressRanges ranges) {
		return this.sets.get(List.of(role, ranges), (key) -> {
			String type = ranges.family().setType();
			List<String> elements = ranges.elements();
			return new NftSet(role + "_" + SetNames.hash(type, elements), type, elements);
		});
	}

	/**
	 * The comment of a rule: its class and the policies it comes from, {@code name [id]}
	 * each; when they do not all fit in nft's 128 characters, their IDs alone
	 * ({@code [id], [id]}, three UUIDs fit), as many as fit, then {@code +N more}.
	 */
	static String comment(String kind, List<Rule> rules) {
		List<String> policies = rules.stream().map(RulesetBuilder::describe).distinct().toList();
		String full = kind + ": " + String.join(", ", policies);
		if (full.length() <= MAX_COMMENT) {
			return sanitize(full);
		}
		List<String> ids = rules.stream()
			.map((rule) -> "[" + ((rule.policyId() != null) ? rule.policyId() : "?") + "]")
			.distinct()
			.toList();
		StringBuilder text = new StringBuilder(kind).append(": ");
		for (int i = 0; i < ids.size(); i++) {
			String next = ((i > 0) ? ", " : "") + ids.get(i);
			int after = ids.size() - i - 1;
			String more = (after > 0) ? " +" + after + " more" : "";
			if (text.length() + next.length() + more.length() > MAX_COMMENT) {
				String rest = " +" + (after + 1) + " more";
				if (i == 0) {
					int room = Math.max(0, MAX_COMMENT - text.length() - rest.length());
					text.append(next, 0, Math.min(room, next.length()));
				}
				text.append(rest);
				break;
			}
			text.append(next);
		}
		return sanitize(text.toString());
	}

	private static String describe(Rule rule) {
		String name = (rule.policyName() != null) ? rule.policyName() : "";
		String id = (rule.policyId() != null) ? rule.policyId() : "?";
		return name.isEmpty() ? id : name + " [" + id + "]";
	}

	/**
	 * External networks of one unit, direction, verdict class and ports: one rule per
	 * family, port match and set (or shard) over the union of the small ones, and over
	 * each large one.
	 */
	private static final class Group {

		final boolean incoming;

		final int order;

		final ServicePorts ports;

		final String statement;

		final String kind;

		final List<Rule> rules = new ArrayList<>();

		final Map<Family, AddressRanges> union = new EnumMap<>(Family.class);

		final Map<Family, Set<AddressRanges>> large = new EnumMap<>(Family.class);

		final List<Object> key;

		Group(List<Object> key, boolean incoming, int order, ServicePorts ports, String statement, String kind) {
			this.key = key;
			this.incoming = incoming;
			this.order = order;
			this.ports = ports;
			this.statement = statement;
			this.kind = kind;
		}

		void add(Rule rule) {
			if (this.rules.isEmpty() || this.rules.get(this.rules.size() - 1) != rule) {
				this.rules.add(rule);
			}
		}

		void addNetwork(Family family, AddressRanges ranges) {
			if (ranges.size() > Shards.SPLIT_ABOVE) {
				this.large.computeIfAbsent(family, (f) -> Collections.newSetFromMap(new IdentityHashMap<>()))
					.add(ranges);
			}
			else {
				this.union.computeIfAbsent(family, AddressRanges::new).addAll(ranges);
			}
		}

		/** The union (when not empty), then the large networks. */
		List<AddressRanges> sets(Family family) {
			List<AddressRanges> sets = new ArrayList<>();
			AddressRanges union = this.union.get(family);
			if (union != null && !union.isEmpty()) {
				sets.add(union);
			}
			sets.addAll(this.large.getOrDefault(family, Set.of()));
			return sets;
		}

		List<AddressRanges> sets() {
			List<AddressRanges> sets = new ArrayList<>();
			for (Family family : Family.values()) {
				sets.addAll(sets(family));
			}
			return sets;
		}

		boolean sharded() {
			return sets().stream().anyMatch((ranges) -> ranges.size() > Shards.SPLIT_ABOVE);
		}

	}

	/** nft comments cannot escape quotes; keep a safe subset and the length limit. */
	static String sanitize(String text) {
		StringBuilder safe = new StringBuilder();
		for (char c : text.toCharArray()) {
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| " .,:;_/=@+()[]-".indexOf(c) >= 0;
			safe.append(plain ? c : '_');
		}
		return (safe.length() > MAX_COMMENT) ? safe.substring(0, MAX_COMMENT) : safe.toString();
	}

	private ServicePorts parsePorts(Rule rule, List<String> ports) {
		try {
			return this.ports.get(ports, ServicePorts::parse);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"policy " + describe(rule) + ": unreadable ports " + ports + ": " + ex.getMessage(), ex);
		}
	}

	private IpAddress parseAddress(String text, String where) {
		try {
			return this.addresses.get(text, IpAddress::parse);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable address '" + text + "' in " + where, ex);
		}
	}

	private IpPrefix parsePrefix(String text) {
		try {
			return this.prefixes.get(text, IpPrefix::parse);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable external network entry '" + text + "'", ex);
		}
	}

}
