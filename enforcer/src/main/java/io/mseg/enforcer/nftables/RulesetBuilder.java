package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
 * the console connection (output), failsafe ports, observation counters, then the rules
 * in the document's order (rejects, allows, fallback rejects, fallback allows) and the
 * default reject. Remote addresses go into named interval sets (one per rule and family,
 * external networks grouped by their ports; rules with the same addresses share one),
 * ports into anonymous sets, so the rule count grows with the policies, not with
 * addresses × ports.
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

	private final List<NftSet> sets = new ArrayList<>();

	private final Map<Family, String> known = new LinkedHashMap<>();

	private final Map<List<Object>, String> remoteSets = new HashMap<>();

	private final Map<List<Object>, List<String>> elementsByRemotes = new HashMap<>();

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
	 * The ruleset for a policy; {@code null} gives the frame alone (default reject).
	 * @param document the rendered policy
	 * @return the ruleset
	 * @throws IllegalArgumentException when the document holds an address or port the
	 * enforcer cannot read (then nothing of it must be applied)
	 */
	public Ruleset build(PolicyDocument document) {
		this.sets.clear();
		this.known.clear();
		this.remoteSets.clear();
		this.elementsByRemotes.clear();
		List<NftRule> input = new ArrayList<>(frame(INPUT));
		List<NftRule> output = new ArrayList<>(frame(OUTPUT));
		if (document != null) {
			knownSets(document.knownProcessingUnitAddresses());
			List<NftRule> inputObserved = new ArrayList<>();
			List<NftRule> outputObserved = new ArrayList<>();
			List<NftRule> inputRules = new ArrayList<>();
			List<NftRule> outputRules = new ArrayList<>();
			List<UnitPolicy> units = document.processingUnits();
			for (int u = 0; u < units.size(); u++) {
				UnitPolicy unit = units.get(u);
				Map<Family, String> local = localSets(u, unit);
				side(u, unit, true, local, inputObserved, inputRules);
				side(u, unit, false, local, outputObserved, outputRules);
			}
			input.addAll(inputObserved);
			input.addAll(inputRules);
			output.addAll(outputObserved);
			output.addAll(outputRules);
		}
		String verdict = "counter " + this.options.reject().statement();
		input.add(NftRule.frame(verdict, "default reject"));
		output.add(NftRule.frame(verdict, "default reject"));
		List<NftChain> chains = List.of(new NftChain(INPUT, "input", input), new NftChain(OUTPUT, "output", output));
		return new Ruleset(this.options.table(), this.sets, chains);
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
			for (String ports : PortMatches.of(failsafe, null)) {
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

	private void knownSets(List<String> addresses) {
		for (Family family : Family.values()) {
			AddressRanges ranges = new AddressRanges(family);
			for (String address : addresses) {
				ranges.add(parseAddress(address, "knownProcessingUnitAddresses"));
			}
			if (!ranges.isEmpty()) {
				this.known.put(family, addSet("known_" + family.suffix(), family, ranges));
			}
		}
	}

	private Map<Family, String> localSets(int u, UnitPolicy unit) {
		Map<Family, String> local = new LinkedHashMap<>();
		for (Family family : Family.values()) {
			AddressRanges ranges = new AddressRanges(family);
			for (String address : unit.processingUnit().addresses()) {
				ranges.add(parseAddress(address, "processing unit addresses"));
			}
			if (!ranges.isEmpty()) {
				local.put(family, addSet("u" + u + "_" + family.suffix(), family, ranges));
			}
		}
		return local;
	}

	private void side(int u, UnitPolicy unit, boolean incoming, Map<Family, String> local, List<NftRule> observed,
			List<NftRule> deciding) {
		List<Rule> rules = incoming ? unit.incoming() : unit.outgoing();
		String localDirection = incoming ? "daddr" : "saddr";
		String remoteDirection = incoming ? "saddr" : "daddr";
		for (int r = 0; r < rules.size(); r++) {
			Rule rule = rules.get(r);
			List<NftRule> target = rule.observed() ? observed : deciding;
			String statement = rule.observed() ? "counter"
					: "counter " + (rule.rejects() ? this.options.reject().statement() : "accept");
			String comment = comment(rule);
			String prefix = "u" + u + "_" + (incoming ? "in" : "out") + r;
			ServicePorts rulePorts = parsePorts(rule.ports(), rule);
			Map<String, List<RemoteNetwork>> networkGroups = networkGroups(rule);
			for (Family family : Family.values()) {
				String localSet = local.get(family);
				if (localSet == null) {
					continue;
				}
				String localMatch = family.keyword() + " " + localDirection + " @" + localSet;
				String remote = family.keyword() + " " + remoteDirection;
				List<String> units = elements(family, rule.processingUnits(), () -> {
					AddressRanges ranges = new AddressRanges(family);
					for (RemoteUnit remoteUnit : rule.processingUnits()) {
						for (String address : remoteUnit.addresses()) {
							ranges.add(parseAddress(address, "addresses of a remote processing unit"));
						}
					}
					return ranges;
				});
				List<String> unitPorts = PortMatches.of(rulePorts, family);
				if (!units.isEmpty() && !unitPorts.isEmpty()) {
					String set = remoteSet(prefix + "_" + family.suffix(), family, units);
					for (String ports : unitPorts) {
						target.add(
								new NftRule(List.of(localMatch, remote + " @" + set, ports), statement, comment, true));
					}
				}
				int g = 0;
				for (List<RemoteNetwork> group : networkGroups.values()) {
					List<String> networks = elements(family, group, () -> {
						AddressRanges ranges = new AddressRanges(family);
						for (RemoteNetwork network : group) {
							ranges.addAll(networkRanges(network, family));
						}
						return ranges;
					});
					List<String> groupPorts = PortMatches.of(parsePorts(group.get(0).ports(), rule), family);
					if (!networks.isEmpty() && !groupPorts.isEmpty()) {
						String set = remoteSet(prefix + "_x" + g + "_" + family.suffix(), family, networks);
						String notKnown = this.known.containsKey(family) ? remote + " != @" + this.known.get(family)
								: "";
						for (String ports : groupPorts) {
							target.add(new NftRule(List.of(localMatch, notKnown, remote + " @" + set, ports), statement,
									comment, true));
						}
					}
					g++;
				}
			}
		}
	}

	/** External networks with the same ports share one set and one rule. */
	private Map<String, List<RemoteNetwork>> networkGroups(Rule rule) {
		Map<String, List<RemoteNetwork>> groups = new LinkedHashMap<>();
		for (RemoteNetwork network : rule.externalNetworks()) {
			if (!network.domains().isEmpty()) {
				this.warnings.accept("policy " + describe(rule) + ": external network "
						+ ((network.name() != null) ? "'" + network.name() + "'" : "(not visible)")
						+ " has domain entries " + network.domains()
						+ " that are not enforced yet; only its addresses are");
			}
			String key = parsePorts(network.ports(), rule).toString();
			groups.computeIfAbsent(key, (k) -> new ArrayList<>()).add(network);
		}
		return groups;
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

	private String addSet(String name, Family family, AddressRanges ranges) {
		this.sets.add(new NftSet(name, family, ranges.elements()));
		return name;
	}

	/**
	 * The set elements of some remote units or networks, computed once per distinct
	 * input: policies often name the same units and networks, and large lists are costly
	 * to merge.
	 */
	private List<String> elements(Family family, Object remotes, Supplier<AddressRanges> ranges) {
		return this.elementsByRemotes.computeIfAbsent(List.of(family, remotes), (key) -> ranges.get().elements());
	}

	/**
	 * Rules with the same remote addresses (several policies naming the same units or
	 * networks) share one set: the kernel holds each address list once.
	 */
	private String remoteSet(String name, Family family, List<String> elements) {
		String existing = this.remoteSets.get(List.of(family, elements));
		if (existing != null) {
			return existing;
		}
		this.sets.add(new NftSet(name, family, elements));
		this.remoteSets.put(List.of(family, elements), name);
		return name;
	}

	private static String comment(Rule rule) {
		String kind = (rule.observed() ? "observe " : "") + (rule.fallback() ? "fallback " : "")
				+ (rule.rejects() ? "reject" : "allow");
		return sanitize(kind + ": " + describe(rule));
	}

	private static String describe(Rule rule) {
		String name = (rule.policyName() != null) ? rule.policyName() : "";
		String id = (rule.policyId() != null) ? rule.policyId() : "?";
		return name.isEmpty() ? id : name + " [" + id + "]";
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

	private static IpAddress parseAddress(String text, String where) {
		try {
			return IpAddress.parse(text);
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
