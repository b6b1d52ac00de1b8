package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.mseg.enforcer.nftables.NftChain.Attachment;
import io.mseg.enforcer.nftables.RulesetOptions.NodeMode;

/**
 * Node mode: the base chains that enforce the workloads of the node, whose traffic
 * crosses the node on routed interfaces. {@code forward_sources} (forward hook) and
 * {@code input_workloads} (input hook) decide what a workload sends, by its outgoing
 * rules, before anything else; {@code forward_destinations} (forward hook) and
 * {@code output_workloads} (output hook) decide what reaches a workload, from elsewhere
 * or from the node itself, by its incoming rules. A workload's packets count as its own
 * only on its interface (a workload cannot send as another one); each workload's rules
 * end with its default reject; last, every other packet of a workload interface is
 * rejected (a workload the enforcer does not know yet, or a spoofed address). The chains
 * accept what they do not reject, so a packet also meets the host's chains: a workload
 * reaching the node meets the node's incoming rules, the node reaching a workload its
 * outgoing rules, and two workloads on the node meet both sides' rules. So every
 * connection meets both sides' rules, as {@code POST /explain} decides it.
 */
final class WorkloadChains {

	static final String FORWARD_SOURCES = "forward_sources";

	static final String FORWARD_DESTINATIONS = "forward_destinations";

	static final String INPUT_WORKLOADS = "input_workloads";

	static final String OUTPUT_WORKLOADS = "output_workloads";

	private final NodeMode mode;

	private final String reject;

	private final List<NftRule> sources = new ArrayList<>();

	private final List<NftRule> destinations = new ArrayList<>();

	WorkloadChains(NodeMode mode, String reject) {
		this.mode = mode;
		this.reject = reject;
		this.sources.add(NftRule.frame("accept", null, "ct state established,related"));
		this.sources.add(NftRule.frame("drop", null, "ct state invalid"));
		this.destinations.addAll(this.sources);
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
	 * Adds one workload's rules.
	 * @param iface its interface
	 * @param local its address sets by family
	 * @param in the jump into its incoming chain, or {@code null} when it has none
	 * @param out the jump into its outgoing chain, or {@code null} when it has none
	 * @param defaultIn its incoming default reject
	 * @param defaultOut its outgoing default reject
	 */
	void add(String iface, Map<Family, List<String>> local, String in, String out, NftRule defaultIn,
			NftRule defaultOut) {
		String iif = "iifname " + quoted(iface);
		String oif = "oifname " + quoted(iface);
		local.forEach((family, sets) -> {
			for (String set : sets) {
				String source = family.keyword() + " saddr @" + set;
				String destination = family.keyword() + " daddr @" + set;
				if (out != null) {
					this.sources.add(NftRule.frame(out, null, iif, source));
				}
				this.sources
					.add(new NftRule(List.of(iif, source), defaultOut.statement(), defaultOut.comment(), false));
				if (in != null) {
					this.destinations.add(NftRule.frame(in, null, oif, destination));
				}
				this.destinations
					.add(new NftRule(List.of(oif, destination), defaultIn.statement(), defaultIn.comment(), false));
			}
		});
	}

	/**
	 * The chains, each ending with the reject of every other packet on a workload
	 * interface.
	 * @return the base chains
	 */
	List<NftChain> chains() {
		List<NftRule> sources = new ArrayList<>(this.sources);
		List<NftRule> destinations = new ArrayList<>(this.destinations);
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
		for (String iface : interfaces) {
			sources.add(NftRule.frame("counter " + this.reject, "unknown workload", "iifname " + iface));
			destinations.add(NftRule.frame("counter " + this.reject, "unknown workload", "oifname " + iface));
		}
		return List.of(new NftChain(FORWARD_SOURCES, "forward", sources, Attachment.WORKLOAD_SOURCES),
				new NftChain(FORWARD_DESTINATIONS, "forward", destinations, Attachment.WORKLOAD_DESTINATIONS),
				new NftChain(INPUT_WORKLOADS, "input", sources, Attachment.WORKLOAD_SOURCES),
				new NftChain(OUTPUT_WORKLOADS, "output", destinations, Attachment.WORKLOAD_DESTINATIONS));
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
