package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.RemoteUnit;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;
import io.mseg.policy.port.ServicePorts;

/**
 * Builds the desired ruleset from a rendered policy (DESIGN §7). Each chain is, in order:
 * established/related accept, invalid drop, loopback accept, IPv6 neighbour discovery,
 * the console connection (output), failsafe ports, observation counters (one rule per
 * policy), then per protected unit its rejects, allows, fallback rejects and fallback
 * allows, and the default reject.
 * <p>
 * Within one unit, direction and verdict class, the policies with the same ports and the
 * same kind of remote (processing units, or external networks with their
 * {@code != @known} clause) become one rule whose remote set is the union of their
 * addresses: order within a class cannot change the verdict (DESIGN §3), so this is
 * exact. Every set is named by its content ({@link SetNames}); lists of several ports go
 * into named sets shared by content, never anonymous ones. Address sets of more than
 * {@link Shards#SPLIT_ABOVE} elements are cut into at most {@link Shards#MAX_SHARDS}
 * shards, the rule repeated per shard. So the rule count depends on the policies'
 * distinct port lists and verdict classes, never on the number of addresses or ports, and
 * the set count stays small whatever the number of policies.
 */
public final class RulesetBuilder {

	static final String INPUT = "input";

	static final String OUTPUT = "output";

	private static final String ND_INPUT = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, "
			+ "nd-router-advert, nd-redirect }";

	private static final String ND_OUTPUT = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, "
			+ "nd-router-solicit }";

	private static final int MAX_COMMENT = 128;

	/**
	 * The verdict classes in the order they are evaluated, as they appear in chain names.
	 */
	private static final List<String> CLASSES = List.of("observe", "reject", "allow", "fallback_reject",
			"fallback_allow");

	private final RulesetOptions options;

	private final Consumer<String> warnings;

	private final Map<List<Object>, AddressRanges> parsedNetworks = new HashMap<>();

	/** Remote units appear in many policies: each address is parsed once. */
	private final Map<String, IpAddress> parsedAddresses = new HashMap<>();

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
		this.parsedNetworks.clear();
		this.parsedAddresses.clear();
		List<NftRule> input = new ArrayList<>(frame(INPUT));
		List<NftRule> output = new ArrayList<>(frame(OUTPUT));
		List<NftChain> regular = new ArrayList<>();
		Shards used = shards;
		if (document != null) {
			Map<Family, AddressRanges> known = new EnumMap<>(Family.class);
			for (Family family : Family.values()) {
				AddressRanges ranges = new AddressRanges(family);
				for (String address : document.knownProcessingUnitAddresses()) {
					ranges.add(parseAddress(address, "knownProcessingUnitAddresses"));
				}
				if (!ranges.isEmpty()) {
					known.put(family, ranges);
				}
			}
			List<UnitPolicy> units = document.processingUnits();
			List<Map<Family, AddressRanges>> locals = new ArrayList<>();
			List<List<Group>> incoming = new ArrayList<>();
			List<List<Group>> outgoing = new ArrayList<>();
			for (int u = 0; u < units.size(); u++) {
				UnitPolicy unit = units.get(u);
				locals.add(localRanges(unit));
				incoming.add(groups(u, true, unit.incoming()));
				outgoing.add(groups(u, false, unit.outgoing()));
			}
			used = shards.fit(large(known, locals, incoming, outgoing));
			this.shards = used;
			Map<Family, List<String>> knownSets = new EnumMap<>(Family.class);
			known.forEach((family, ranges) -> knownSets.put(family, addressSets("known_" + family.suffix(), ranges)));
			List<Map<Family, List<String>>> localSets = new ArrayList<>();
			for (int u = 0; u < locals.size(); u++) {
				Map<Family, List<String>> local = new EnumMap<>(Family.class);
				int unit = u;
				locals.get(u)
					.forEach((family, ranges) -> local.put(family,
							addressSets("u" + unit + "_" + family.suffix(), ranges)));
				localSets.add(local);
			}
			for (int u = 0; u < units.size(); u++) {
				classChains(u, true, incoming.get(u), localSets.get(u), knownSets, input, regular);
				classChains(u, false, outgoing.get(u), localSets.get(u), knownSets, output, regular);
			}
		}
		String verdict = "counter " + this.options.reject().statement();
		input.add(NftRule.frame(verdict, "default reject"));
		output.add(NftRule.frame(verdict, "default reject"));
		List<NftChain> chains = new ArrayList<>(regular);
		chains.add(new NftChain(INPUT, "input", input));
		chains.add(new NftChain(OUTPUT, "output", output));
		return new Ruleset(this.options.table(), this.names.sets(), chains, used);
	}

	private List<NftRule> frame(String chain) {
		boolean in = INPUT.equals(chain);
		List<NftRule> rules = new ArrayList<>();
		rules.add(NftRule.frame("accept", null, "ct state established,related"));
		rules.add(NftRule.frame("drop", null, "ct state invalid"));
		rules.add(NftRule.frame("accept", null, in ? "iif \"lo\"" : "oif \"lo\""));
		rules.add(NftRule.frame("accept", "ipv6 neighbour discovery", in ? ND_INPUT : ND_OUTPUT));
		if (!in) {
			consoleRules(rules);
		}
		ServicePorts failsafe = in ? this.options.failsafeInbound() : this.options.failsafeOutbound();
		if (failsafe != null && !failsafe.isNone()) {
			for (String ports : PortMatches.of(failsafe, null, this.names)) {
				rules.add(NftRule.frame("accept", "failsafe", ports));
			}
		}
		return rules;
	}

	private void consoleRules(List<NftRule> rules) {
		Map<Integer, Map<Family, List<String>>> byPort = new TreeMap<>();
		for (Endpoint endpoint : this.options.console()) {
			byPort.computeIfAbsent(endpoint.port(), (port) -> new TreeMap<>())
				.computeIfAbsent(AddressRanges.familyOf(endpoint.address()), (family) -> new ArrayList<>())
				.add(endpoint.address().toString());
		}
		byPort.forEach((port, families) -> families.forEach((family, addresses) -> {
			List<String> distinct = addresses.stream().distinct().toList();
			String target = (distinct.size() == 1) ? distinct.get(0) : "{ " + String.join(", ", distinct) + " }";
			rules.add(NftRule.frame("accept", "console", family.keyword() + " daddr " + target, "tcp dport " + port));
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
	 * The rules of one unit and direction as groups: one per observed policy (its counter
	 * is its point), and for deciding ones one per verdict class, remote kind and ports,
	 * in the order of the classes.
	 */
	private List<Group> groups(int unit, boolean incoming, List<Rule> rules) {
		Map<List<Object>, Group> merged = new LinkedHashMap<>();
		List<Group> observed = new ArrayList<>();
		for (Rule rule : rules) {
			int order = rule.observed() ? 0 : 1 + (rule.fallback() ? 2 : 0) + (rule.rejects() ? 0 : 1);
			String statement = rule.observed() ? "counter"
					: "counter " + (rule.rejects() ? this.options.reject().statement() : "accept");
			String kind = rule.observed() ? "observe " + (rule.rejects() ? "reject" : "allow")
					: CLASSES.get(order).replace('_', ' ');
			ServicePorts rulePorts = parsePorts(rule.ports(), rule);
			Map<List<Object>, Group> own = rule.observed() ? new LinkedHashMap<>() : merged;
			if (!rule.processingUnits().isEmpty()) {
				Group group = own.computeIfAbsent(List.of(order, false, key(rulePorts), observedId(rule)),
						(k) -> new Group(k, unit, incoming, order, false, rulePorts, statement, kind));
				group.add(rule);
				for (RemoteUnit remote : rule.processingUnits()) {
					if (group.added.add(remote)) {
						for (String address : remote.addresses()) {
							IpAddress parsed = parseAddress(address, "addresses of a remote processing unit");
							group.remotes(AddressRanges.familyOf(parsed)).add(parsed);
						}
					}
				}
			}
			for (RemoteNetwork network : rule.externalNetworks()) {
				if (!network.domains().isEmpty()) {
					this.warnings.accept("policy " + describe(rule) + ": external network "
							+ ((network.name() != null) ? "'" + network.name() + "'" : "(not visible)")
							+ " has domain entries " + network.domains()
							+ " that are not enforced yet; only its addresses are");
				}
				ServicePorts networkPorts = parsePorts(network.ports(), rule);
				Group group = own.computeIfAbsent(List.of(order, true, key(networkPorts), observedId(rule)),
						(k) -> new Group(k, unit, incoming, order, true, networkPorts, statement, kind));
				group.add(rule);
				if (group.added.add(network)) {
					for (Family family : Family.values()) {
						AddressRanges ranges = this.parsedNetworks.computeIfAbsent(List.of(family, network),
								(k) -> networkRanges(network, family));
						if (!ranges.isEmpty()) {
							group.remotes(family).addAll(ranges);
						}
					}
				}
			}
			if (rule.observed()) {
				observed.addAll(own.values());
			}
		}
		List<Group> ordered = new ArrayList<>(observed);
		ordered.addAll(merged.values());
		ordered.sort(Comparator.comparingInt((group) -> group.order));
		return ordered;
	}

	private static String observedId(Rule rule) {
		return rule.observed() ? String.valueOf(rule.policyId()) : "";
	}

	private static List<String> key(ServicePorts ports) {
		return ports.toStrings().stream().sorted().distinct().toList();
	}

	/** The address sets above the shard threshold, by family. */
	@SafeVarargs
	private static Map<Family, List<AddressRanges>> large(Map<Family, AddressRanges> known,
			List<Map<Family, AddressRanges>> locals, List<List<Group>>... groups) {
		Map<Family, List<AddressRanges>> large = new EnumMap<>(Family.class);
		List<AddressRanges> all = new ArrayList<>(known.values());
		locals.forEach((local) -> all.addAll(local.values()));
		for (List<List<Group>> perUnit : groups) {
			perUnit.forEach((list) -> list.forEach((group) -> all.addAll(group.remotes.values())));
		}
		for (AddressRanges ranges : all) {
			if (ranges.size() > Shards.SPLIT_ABOVE) {
				large.computeIfAbsent(ranges.family(), (family) -> new ArrayList<>()).add(ranges);
			}
		}
		return large;
	}

	/**
	 * One regular chain per verdict class of a unit and direction that has rules, entered
	 * from the base chain by a jump for the unit's own addresses: a change rewrites only
	 * the chains whose rules changed.
	 */
	private void classChains(int unit, boolean incoming, List<Group> groups, Map<Family, List<String>> local,
			Map<Family, List<String>> knownSets, List<NftRule> base, List<NftChain> chains) {
		String localDirection = incoming ? "daddr" : "saddr";
		for (int order = 0; order < CLASSES.size(); order++) {
			String name = "u" + unit + "_" + (incoming ? "in" : "out") + "_" + CLASSES.get(order);
			List<NftRule> rules = new ArrayList<>();
			for (Group group : groups) {
				if (group.order != order) {
					continue;
				}
				if (!group.sharded()) {
					rules(group, local, knownSets, rules);
					continue;
				}
				// a group over large (sharded) sets gets a chain of its own, named after
				// what the
				// group is rather than what it holds: a changed shard rewrites only that
				// chain
				List<NftRule> own = new ArrayList<>();
				rules(group, local, knownSets, own);
				if (!own.isEmpty()) {
					String groupChain = name + "_"
							+ SetNames.hash("group", group.key.stream().map(String::valueOf).toList());
					chains.add(new NftChain(groupChain, null, own));
					rules.add(new NftRule(List.of(), "jump " + groupChain, null, false));
				}
			}
			if (rules.isEmpty()) {
				continue;
			}
			chains.add(new NftChain(name, null, rules));
			local.forEach((family, sets) -> {
				for (String set : sets) {
					base.add(NftRule.frame("jump " + name, null, family.keyword() + " " + localDirection + " @" + set));
				}
			});
		}
	}

	private void rules(Group group, Map<Family, List<String>> local, Map<Family, List<String>> knownSets,
			List<NftRule> target) {
		String remoteDirection = group.incoming ? "saddr" : "daddr";
		String comment = comment(group.kind, group.rules);
		for (Family family : Family.values()) {
			AddressRanges remote = group.remotes.get(family);
			if (!local.containsKey(family) || remote == null || remote.isEmpty()) {
				continue;
			}
			List<String> ports = PortMatches.of(group.ports, family, this.names);
			if (ports.isEmpty()) {
				continue;
			}
			String prefix = family.keyword() + " " + remoteDirection;
			List<String> matches = new ArrayList<>();
			if (group.network) {
				for (String set : knownSets.getOrDefault(family, List.of())) {
					matches.add(prefix + " != @" + set);
				}
			}
			for (String set : addressSets("remote_" + family.suffix(), remote)) {
				for (String port : ports) {
					List<String> all = new ArrayList<>(matches);
					all.add(prefix + " @" + set);
					all.add(port);
					target.add(new NftRule(all, group.statement, comment, true));
				}
			}
		}
	}

	private static AddressRanges networkRanges(RemoteNetwork network, Family family) {
		AddressRanges ranges = new AddressRanges(family);
		for (String entry : network.entries()) {
			ranges.add(parsePrefix(entry));
		}
		for (String excluded : network.excluded()) {
			ranges.remove(parsePrefix(excluded));
		}
		return ranges;
	}

	/**
	 * The sets holding some addresses: one, or one per shard when there are more than
	 * {@link Shards#SPLIT_ABOVE}.
	 */
	private List<String> addressSets(String role, AddressRanges ranges) {
		String type = ranges.family().setType();
		if (ranges.size() <= Shards.SPLIT_ABOVE) {
			return List.of(this.names.name(role, type, ranges.elements()));
		}
		List<String> sets = new ArrayList<>();
		List<AddressRanges> shards = ranges.split(this.shards.boundaries(ranges.family()));
		for (int i = 0; i < shards.size(); i++) {
			if (!shards.get(i).isEmpty()) {
				sets.add(this.names.name(role + "_s" + ((i < 10) ? "0" : "") + i, type, shards.get(i).elements()));
			}
		}
		return sets;
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
	 * Policies of one unit, direction, verdict class, remote kind and ports: one rule per
	 * family, port match and shard.
	 */
	private static final class Group {

		final int unit;

		final boolean incoming;

		final int order;

		final boolean network;

		final ServicePorts ports;

		final String statement;

		final String kind;

		final List<Rule> rules = new ArrayList<>();

		final Map<Family, AddressRanges> remotes = new EnumMap<>(Family.class);

		final Set<Object> added = new HashSet<>();

		final List<Object> key;

		Group(List<Object> key, int unit, boolean incoming, int order, boolean network, ServicePorts ports,
				String statement, String kind) {
			this.key = key;
			this.unit = unit;
			this.incoming = incoming;
			this.order = order;
			this.network = network;
			this.ports = ports;
			this.statement = statement;
			this.kind = kind;
		}

		void add(Rule rule) {
			if (this.rules.isEmpty() || this.rules.get(this.rules.size() - 1) != rule) {
				this.rules.add(rule);
			}
		}

		AddressRanges remotes(Family family) {
			return this.remotes.computeIfAbsent(family, AddressRanges::new);
		}

		boolean sharded() {
			return this.remotes.values().stream().anyMatch((ranges) -> ranges.size() > Shards.SPLIT_ABOVE);
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

	private static ServicePorts parsePorts(List<String> ports, Rule rule) {
		try {
			return ServicePorts.parse(ports);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"policy " + describe(rule) + ": unreadable ports " + ports + ": " + ex.getMessage(), ex);
		}
	}

	private IpAddress parseAddress(String text, String where) {
		IpAddress known = this.parsedAddresses.get(text);
		if (known != null) {
			return known;
		}
		try {
			IpAddress parsed = IpAddress.parse(text);
			this.parsedAddresses.put(text, parsed);
			return parsed;
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable address '" + text + "' in " + where, ex);
		}
	}

	private static IpPrefix parsePrefix(String text) {
		try {
			return IpPrefix.parse(text);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable external network entry '" + text + "'", ex);
		}
	}

}
