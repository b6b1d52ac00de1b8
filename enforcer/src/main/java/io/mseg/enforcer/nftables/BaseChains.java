package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.policy.decision.DecisionReason;
import io.mseg.policy.port.ServicePorts;

/**
 * The fixed rules of the base chains {@code input} and {@code output}, around the jumps
 * into the protected units' chains: before them, established/related accept, the console
 * connection (both directions), invalid drop, loopback accept, IPv6 neighbour discovery
 * and the failsafe ports; after them, the default reject
 * ({@link FlowLogRules#defaultReject}).
 */
final class BaseChains {

	static final String INPUT = "input";

	static final String OUTPUT = "output";

	static final String ND_INPUT = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, "
			+ "nd-router-advert, nd-redirect }";

	private static final String ND_OUTPUT = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, "
			+ "nd-router-solicit }";

	private BaseChains() {
	}

	/**
	 * The rules before any policy.
	 * @param chain {@link #INPUT} or {@link #OUTPUT}
	 * @param options the console's addresses and the failsafe ports
	 * @param names where the failsafe ports' sets are registered
	 * @return the rules, in order
	 */
	static List<NftRule> head(String chain, RulesetOptions options, SetNames names) {
		boolean in = INPUT.equals(chain);
		List<NftRule> rules = new ArrayList<>();
		rules.add(NftRule.frame("accept", null, "ct state established,related"));
		consoleRules(in, options, rules);
		rules.add(NftRule.frame("drop", null, "ct state invalid"));
		rules.add(NftRule.frame("accept", null, in ? "iif \"lo\"" : "oif \"lo\""));
		rules.add(NftRule.frame("accept", "ipv6 neighbour discovery", in ? ND_INPUT : ND_OUTPUT));
		ServicePorts failsafe = in ? options.failsafeInbound() : options.failsafeOutbound();
		if (failsafe != null && !failsafe.isNone()) {
			for (String ports : PortMatches.of(failsafe, null, names)) {
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
	private static void consoleRules(boolean in, RulesetOptions options, List<NftRule> rules) {
		Map<Integer, Map<Family, List<String>>> byPort = new TreeMap<>();
		for (Endpoint endpoint : options.console()) {
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

}
