package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.mseg.enforcer.nftables.NftChain.Attachment;
import io.mseg.enforcer.nftables.RulesetOptions.NodeMode;
import io.mseg.policy.network.IpAddress;

/**
 * Node mode: the base chains that enforce the workloads of the node, whose traffic
 * crosses the node on routed interfaces. {@code forward_sources} (forward hook) and
 * {@code input_workloads} (input hook) decide what a workload sends, by its outgoing
 * rules, before anything else; {@code forward_destinations} (forward hook) and
 * {@code output_workloads} (output hook) decide what reaches a workload, from elsewhere
 * or from the node itself, by its incoming rules. A packet goes to a workload's chain
 * through a verdict map keyed by interface and address, so a workload's packets count as
 * its own only on its interface (a workload cannot send as another one); what its rules
 * do not decide meets its default reject (a set of the same keys). Last, every other
 * packet of a workload interface is rejected (a workload the enforcer does not know yet,
 * or a spoofed address). The chains accept what they do not reject, so a packet also
 * meets the host's chains: a workload reaching the node meets the node's incoming rules,
 * the node reaching a workload its outgoing rules, and two workloads on the node meet
 * both sides' rules. So every connection meets both sides' rules, as
 * {@code POST /explain} decides it. The rule count does not depend on the number of
 * workloads: a workload coming or going changes the maps' elements and rewrites a few
 * rules.
 */
final class WorkloadChains {

	static final String FORWARD_SOURCES = "forward_sources";

	static final String FORWARD_DESTINATIONS = "forward_destinations";

	static final String INPUT_WORKLOADS = "input_workloads";

	static final String OUTPUT_WORKLOADS = "output_workloads";

	private final NodeMode mode;

	private final String reject;

	/** The elements of the maps, {@code "iface" . address : jump chain}, by family. */
	private final Map<Family, List<String>> sources = new EnumMap<>(Family.class);

	private final Map<Family, List<String>> destinations = new EnumMap<>(Family.class);

	/** Every workload's {@code "iface" . address}, by family. */
	private final Map<Family, List<String>> keys = new EnumMap<>(Family.class);

	WorkloadChains(NodeMode mode, String reject) {
		this.mode = mode;
		this.reject = reject;
	}

	/**
	 * The interface of a workload unit on this node.
	 * @param name the unit's name
	 * @return its interface, or {@code null} when it is not (or no longer) on this node:
	 * then its addresses match nothing here
	 */
	String interfaceOf(String name) {
		return this.mode.workloadInterfaces().get(name);
	}

	/**
	 * Adds one workload.
	 * @param iface its interface
	 * @param addresses its addresses by family
	 * @param in its incoming chain, or {@code null} when it has none
	 * @param out its outgoing chain, or {@code null} when it has none
	 */
	void add(String iface, Map<Family, List<IpAddress>> addresses, String in, String out) {
		addresses.forEach((family, list) -> {
			for (IpAddress address : list) {
				String key = quoted(iface) + " . " + address;
				this.keys.computeIfAbsent(family, (f) -> new ArrayList<>()).add(key);
				if (out != null) {
					this.sources.computeIfAbsent(family, (f) -> new ArrayList<>()).add(key + " : jump " + out);
				}
				if (in != null) {
					this.destinations.computeIfAbsent(family, (f) -> new ArrayList<>()).add(key + " : jump " + in);
				}
			}
		});
	}

	/**
	 * The chains: each workload's rules, its default reject, and the reject of every
	 * other packet on a workload interface.
	 * @param names where the maps and sets are registered
	 * @param defaultIn a workload's incoming default reject
	 * @param defaultOut a workload's outgoing default reject
	 * @return the base chains
	 */
	List<NftChain> chains(SetNames names, NftRule defaultIn, NftRule defaultOut) {
		List<String> interfaces = new ArrayList<>(
				this.mode.interfacePatterns().stream().map(WorkloadChains::quoted).toList());
		TreeSet<String> outside = new TreeSet<>();
		this.mode.workloadInterfaces()
			.values()
			.stream()
			.filter((iface) -> this.mode.interfacePatterns().stream().noneMatch((pattern) -> matches(pattern, iface)))
			.forEach((iface) -> outside.add(quoted(iface)));
		if (!outside.isEmpty()) {
			interfaces.add("{ " + String.join(", ", outside) + " }");
		}
		Map<Family, String> keySets = new EnumMap<>(Family.class);
		this.keys.forEach((family, list) -> {
			List<String> sorted = list.stream().sorted().toList();
			String type = "ifname . " + family.setType();
			keySets.put(family, names.register(
					new NftSet("workloads_" + family.suffix() + "_" + SetNames.hash(type, sorted), type, sorted)));
		});
		List<NftRule> sources = chain("iifname", "saddr", "workload_sources", this.sources, keySets, defaultOut,
				interfaces, names);
		List<NftRule> destinations = chain("oifname", "daddr", "workload_destinations", this.destinations, keySets,
				defaultIn, interfaces, names);
		return List.of(new NftChain(FORWARD_SOURCES, "forward", sources, Attachment.WORKLOAD_SOURCES),
				new NftChain(FORWARD_DESTINATIONS, "forward", destinations, Attachment.WORKLOAD_DESTINATIONS),
				new NftChain(INPUT_WORKLOADS, "input", sources, Attachment.WORKLOAD_SOURCES),
				new NftChain(OUTPUT_WORKLOADS, "output", destinations, Attachment.WORKLOAD_DESTINATIONS));
	}

	/**
	 * One direction: the jump into the workload's chain (a {@code jump}, not a
	 * {@code goto}: its class chains end by falling back here), then its default reject,
	 * then the reject of unknown workloads.
	 */
	private List<NftRule> chain(String iface, String direction, String role, Map<Family, List<String>> elements,
			Map<Family, String> keySets, NftRule defaultReject, List<String> interfaces, SetNames names) {
		List<NftRule> rules = new ArrayList<>();
		rules.add(NftRule.frame("accept", null, "ct state established,related"));
		rules.add(NftRule.frame("drop", null, "ct state invalid"));
		// a workload and the node find each other's link-layer addresses (its gateway is
		// the node's link-local address) before any rule can know them
		rules.add(NftRule.frame("accept", "ipv6 neighbour discovery", BaseChains.ND_INPUT));
		keySets.forEach((family, keys) -> {
			String match = iface + " . " + family.keyword() + " " + direction;
			List<String> jumps = elements.getOrDefault(family, List.of()).stream().sorted().toList();
			if (!jumps.isEmpty()) {
				String type = "ifname . " + family.setType() + " : verdict";
				String map = names
					.register(new NftSet(role + "_" + family.suffix() + "_" + SetNames.hash(type, jumps), type, jumps));
				rules.add(NftRule.frame(match + " vmap @" + map, null));
			}
			rules.add(new NftRule(List.of(match + " @" + keys), defaultReject.statement(), defaultReject.comment(),
					false));
		});
		for (String pattern : interfaces) {
			rules.add(NftRule.frame("counter " + this.reject, "unknown workload", iface + " " + pattern));
		}
		return rules;
	}

	/** Whether an interface name matches a name or a prefix pattern ({@code cali*}). */
	private static boolean matches(String pattern, String iface) {
		return pattern.endsWith("*") ? iface.startsWith(pattern.substring(0, pattern.length() - 1))
				: pattern.equals(iface);
	}

	/** An interface name (or a pattern ending in {@code *}) as nft reads it. */
	private static String quoted(String iface) {
		return "\"" + iface + "\"";
	}

}
