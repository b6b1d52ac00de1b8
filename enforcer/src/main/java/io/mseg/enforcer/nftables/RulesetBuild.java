package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;

/**
 * One build of a ruleset, and what lives as long as it: the sets it names, the port
 * matches it made, the shards of its large sets and the boundaries it cuts them at.
 * {@link RulesetBuilder#build} makes one and lets it go; what outlives a build is in the
 * {@link BuildCache}.
 */
final class RulesetBuild {

	private final RulesetOptions options;

	private final Consumer<String> warnings;

	private final BuildCache cache;

	private final SetNames names = new SetNames();

	/** The matches of a list of ports in a family (registering their port sets). */
	private final Map<List<Object>, List<String>> portMatches = new HashMap<>();

	/**
	 * The shards of the large sets seen so far, by identity (a large network is one
	 * object however many rules name it).
	 */
	private final Map<AddressRanges, List<NftSet>> shardsOf = new IdentityHashMap<>();

	/** What the remote units' classes borrow from the build. */
	private final UnitClasses.Context context = new UnitClasses.Context() {

		@Override
		public IpAddress address(String text) {
			return RulesetBuild.this.cache.address(text, "addresses of a remote processing unit");
		}

		@Override
		public ServicePorts ports(Rule rule, List<String> ports) {
			return RulesetBuild.this.cache.ports(rule, ports);
		}

		@Override
		public List<String> portMatches(ServicePorts ports, Family family) {
			return RulesetBuild.this.portMatches(ports, family);
		}

		@Override
		public boolean logs(Rule rule) {
			return RulesetBuild.this.flowLog.logs(rule);
		}

		@Override
		public String statement(Rule rule, String unitChain) {
			return RulesetBuild.this.flowLog.statement(rule, unitChain);
		}

	};

	/** The sets of learned addresses, by family and domain patterns. */
	private final Map<List<Object>, DomainSet> domainSets = new LinkedHashMap<>();

	/** The log chains of the rules that log new connections. */
	private final FlowLogRules flowLog;

	/** Where large sets are cut: chosen once the document's sets are known. */
	private Shards shards = Shards.NONE;

	RulesetBuild(RulesetOptions options, Consumer<String> warnings, BuildCache cache) {
		this.options = options;
		this.warnings = warnings;
		this.cache = cache;
		this.flowLog = new FlowLogRules(options.flowLog(), options.reject().statement());
	}

	/**
	 * The ruleset of a document.
	 * @param document the rendered policy, or {@code null} for the base chains alone
	 * @param lastShards the shard boundaries of the last ruleset applied
	 * @return the ruleset
	 */
	Ruleset assemble(PolicyDocument document, Shards lastShards) {
		List<NftRule> input = new ArrayList<>(BaseChains.head(BaseChains.INPUT, this.options, this.names));
		List<NftRule> output = new ArrayList<>(BaseChains.head(BaseChains.OUTPUT, this.options, this.names));
		int outputHead = output.size();
		List<NftChain> regular = new ArrayList<>();
		WorkloadChains workloads = (this.options.nodeMode() != null)
				? new WorkloadChains(this.options.nodeMode(), this.options.reject().statement()) : null;
		this.shards = lastShards;
		if (document != null) {
			Map<Family, List<IpAddress>> known = new EnumMap<>(Family.class);
			for (String address : document.knownProcessingUnitAddresses()) {
				IpAddress parsed = this.cache.address(address, "knownProcessingUnitAddresses");
				known.computeIfAbsent(AddressRanges.familyOf(parsed), (family) -> new ArrayList<>()).add(parsed);
			}
			List<UnitPolicy> units = document.processingUnits();
			List<String> names = this.cache
				.unitNames(units.stream().map((unit) -> unit.processingUnit().ID()).toList());
			List<Map<Family, AddressRanges>> locals = new ArrayList<>();
			List<List<NetworkGroup>> networkGroups = new ArrayList<>();
			for (int u = 0; u < units.size(); u++) {
				UnitPolicy unit = units.get(u);
				String id = unit.processingUnit().ID();
				String name = names.get(u);
				this.flowLog.unit(name + "_in", id, true);
				this.flowLog.unit(name + "_out", id, false);
				locals.add(localRanges(unit));
				networkGroups
					.add(NetworkGroup.of(true, unit.incoming(), this.cache, this.flowLog, name + "_in", this.warnings));
				networkGroups.add(NetworkGroup.of(false, unit.outgoing(), this.cache, this.flowLog, name + "_out",
						this.warnings));
			}
			this.shards = lastShards.fit(large(locals, networkGroups));
			for (int u = 0; u < units.size(); u++) {
				String iface = null;
				if (workloads != null && isWorkload(units.get(u))) {
					iface = workloads.interfaceOf(units.get(u).processingUnit().name());
					if (iface == null) {
						continue;
					}
				}
				Map<Family, List<String>> local = new EnumMap<>(Family.class);
				String unit = names.get(u);
				locals.get(u)
					.forEach((family, ranges) -> local.put(family, addressSets(unit + "_" + family.suffix(), ranges)));
				boolean in = unitChain(unit + "_in", true, units.get(u).incoming(), networkGroups.get(2 * u), local,
						known, regular);
				boolean out = unitChain(unit + "_out", false, units.get(u).outgoing(), networkGroups.get(2 * u + 1),
						local, known, regular);
				if (iface != null) {
					workloads.add(iface, addresses(units.get(u)), in ? unit + "_in" : null, out ? unit + "_out" : null);
				}
				else {
					if (in) {
						jumps(unit + "_in", "daddr", local, input);
					}
					if (out) {
						jumps(unit + "_out", "saddr", local, output);
					}
				}
			}
		}
		boolean intercept = !this.domainSets.isEmpty() && this.options.dnsPort() != null;
		if (intercept) {
			output.addAll(outputHead, DnsInterceptionRules.output(this.options.dnsPort()));
			this.names.register(DnsInterceptionRules.aliveSet());
		}
		input.add(this.flowLog.defaultReject(true));
		output.add(this.flowLog.defaultReject(false));
		List<NftChain> chains = new ArrayList<>(regular);
		chains.addAll(this.flowLog.chains());
		chains.add(new NftChain(BaseChains.INPUT, "input", input));
		chains.add(new NftChain(BaseChains.OUTPUT, "output", output));
		if (workloads != null) {
			chains.addAll(
					workloads.chains(this.names, this.flowLog.defaultReject(true), this.flowLog.defaultReject(false)));
		}
		if (intercept) {
			chains.add(DnsInterceptionRules.redirectChain(this.options.dnsPort()));
		}
		return new Ruleset(this.options.table(), this.names.sets(), chains, this.shards,
				List.copyOf(this.domainSets.values()), this.flowLog.objects());
	}

	/** A unit's own addresses by family. */
	private Map<Family, List<IpAddress>> addresses(UnitPolicy unit) {
		Map<Family, List<IpAddress>> addresses = new EnumMap<>(Family.class);
		for (String address : unit.processingUnit().addresses()) {
			IpAddress parsed = this.cache.address(address, "processing unit addresses");
			addresses.computeIfAbsent(AddressRanges.familyOf(parsed), (family) -> new ArrayList<>()).add(parsed);
		}
		return addresses;
	}

	private Map<Family, AddressRanges> localRanges(UnitPolicy unit) {
		Map<Family, AddressRanges> local = new EnumMap<>(Family.class);
		for (String address : unit.processingUnit().addresses()) {
			IpAddress parsed = this.cache.address(address, "processing unit addresses");
			local.computeIfAbsent(AddressRanges.familyOf(parsed), AddressRanges::new).add(parsed);
		}
		return local;
	}

	/** The address sets above the shard threshold, by family. */
	private static Map<Family, List<AddressRanges>> large(List<Map<Family, AddressRanges>> locals,
			List<List<NetworkGroup>> groups) {
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
	 * The chain of one unit and direction ({@code u0_in}, {@code u0_out}), entered from a
	 * base chain by a jump for the unit's own addresses: first, per family, the verdict
	 * map of its remote units' classes; then the external networks' rules in the order of
	 * the verdict classes (a group over sharded sets in a chain of its own, so that a
	 * changed shard rewrites only that chain). A remote processing unit's packet meets
	 * only its class's rules, an external one only the networks' rules, so DESIGN §3's
	 * order holds.
	 * @return whether the unit has a chain for the direction (without, its default reject
	 * decides)
	 */
	private boolean unitChain(String name, boolean incoming, List<Rule> rules, List<NetworkGroup> networkGroups,
			Map<Family, List<String>> local, Map<Family, List<IpAddress>> known, List<NftChain> chains) {
		List<NftRule> networkRules = new ArrayList<>();
		for (NetworkGroup group : networkGroups) {
			List<NftRule> own = networkRules(group, local);
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
		UnitClasses classes = this.cache.unitClasses(name, unitRules, local.keySet(), returns, this.context);
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
			return false;
		}
		chains.add(new NftChain(name, null, chainRules));
		return true;
	}

	/** The jumps of a base chain into a unit's chain, one per address set of the unit. */
	private static void jumps(String chain, String direction, Map<Family, List<String>> local, List<NftRule> base) {
		local.forEach((family, sets) -> {
			for (String set : sets) {
				base.add(NftRule.frame("jump " + chain, null, family.keyword() + " " + direction + " @" + set));
			}
		});
	}

	/** Whether a unit is a workload of a node (node mode): a pod or a container. */
	private static boolean isWorkload(UnitPolicy unit) {
		List<String> tags = unit.processingUnit().normalizedTags();
		return tags.contains("$type=Pod") || tags.contains("$type=Container");
	}

	/** One rule per family, set (or shard) and port match of a group of networks. */
	private List<NftRule> networkRules(NetworkGroup group, Map<Family, List<String>> local) {
		List<NftRule> rules = new ArrayList<>();
		String remoteDirection = group.incoming ? "saddr" : "daddr";
		String comment = RuleComments.comment(group.label, group.rules);
		for (Family family : Family.values()) {
			if (!local.containsKey(family)) {
				continue;
			}
			String prefix = family.keyword() + " " + remoteDirection;
			// every rule names a non-empty set: networks without an address in the family
			// (no entries yet: a source not fetched) get no rule, never one without an
			// address match, which would match every remote
			for (AddressRanges remote : group.sets(family)) {
				for (String set : addressSets("remote_" + family.suffix(), remote)) {
					for (String port : portMatches(group.ports, family)) {
						rules.add(new NftRule(List.of(prefix + " @" + set, port), group.statement, comment, true));
					}
				}
			}
			if (!group.domains.isEmpty()) {
				String set = domainSet(family, group.domains).name();
				for (String port : portMatches(group.ports, family)) {
					rules.add(new NftRule(List.of(prefix + " @" + set, port), group.statement, comment, true));
				}
			}
		}
		return rules;
	}

	/**
	 * The set of learned addresses of some domain entries: named by the entries, so that
	 * it keeps its name (and what it learned) while they stay.
	 */
	private DomainSet domainSet(Family family, Collection<String> domains) {
		List<String> patterns = List.copyOf(domains);
		return this.domainSets.computeIfAbsent(List.of(family, patterns), (key) -> {
			String name = "dns_" + family.suffix() + "_" + SetNames.hash("dns", patterns);
			this.names.register(new NftSet(name, family.setType(), List.of(), true));
			return new DomainSet(name, family, patterns.stream().map(this.cache::domain).toList());
		});
	}

	/** Many rules share ports: each list's matches (and named sets) are made once. */
	private List<String> portMatches(ServicePorts ports, Family family) {
		return this.portMatches.computeIfAbsent(List.of(ports, family),
				(key) -> PortMatches.of(ports, family, this.names));
	}

	/**
	 * The names of the sets holding some addresses: one set, or one per shard when there
	 * are more than {@link Shards#SPLIT_ABOVE}; each kept from the last build when its
	 * content is the same.
	 */
	private List<String> addressSets(String role, AddressRanges ranges) {
		if (ranges.size() <= Shards.SPLIT_ABOVE) {
			return List.of(this.names.register(this.cache.set(role, ranges)));
		}
		List<NftSet> shards = this.shardsOf.computeIfAbsent(ranges,
				(key) -> this.cache.shards(role, ranges, this.shards.boundaries(ranges.family())));
		return shards.stream().map(this.names::register).toList();
	}

}
