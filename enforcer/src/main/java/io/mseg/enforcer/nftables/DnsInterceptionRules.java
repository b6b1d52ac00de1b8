package io.mseg.enforcer.nftables;

import java.util.List;

/**
 * The rules that send the host's DNS queries through the enforcer: a {@code nat} chain on
 * the output hook redirects every UDP and TCP query to port 53 (whatever resolver it is
 * addressed to) to the enforcer's port on the loopback address, except the enforcer's own
 * forwarded queries, which carry {@link #MARK}; the output chain lets those pass. The
 * redirect holds only while the set {@link #ALIVE_SET} holds port 53, an element the
 * enforcer renews every few seconds ({@link #aliveElement}): when the enforcer stops, the
 * host's lookups go straight to their resolvers again within {@link #ALIVE_SECONDS}
 * seconds instead of failing.
 */
public final class DnsInterceptionRules {

	/** The firewall mark of the enforcer's forwarded queries ("mseg" in ASCII). */
	public static final int MARK = 0x6d736567;

	/** The set that holds port 53 while the enforcer lives. */
	public static final String ALIVE_SET = "dns_alive";

	/** How long the redirect outlives the enforcer's last renewal. */
	public static final int ALIVE_SECONDS = 15;

	static final String CHAIN = "dns_intercept";

	private static final String MARK_MATCH = "meta mark " + String.format("0x%08x", MARK);

	private DnsInterceptionRules() {
	}

	/**
	 * The element of {@link #ALIVE_SET}, renewed while the enforcer runs.
	 * @return the element with its timeout
	 */
	public static String aliveElement() {
		return "53 timeout " + ALIVE_SECONDS + "s expires " + ALIVE_SECONDS + "s";
	}

	static NftSet aliveSet() {
		return new NftSet(ALIVE_SET, "inet_service", List.of(), true);
	}

	/**
	 * The {@code nat} chain that redirects queries.
	 * @param port the enforcer's DNS port
	 * @return the chain
	 */
	static NftChain redirectChain(int port) {
		return new NftChain(CHAIN, "output",
				List.of(NftRule.frame("return", "dns forwarding", MARK_MATCH),
						NftRule.frame("redirect to :" + port, "dns interception", "udp dport @" + ALIVE_SET),
						NftRule.frame("redirect to :" + port, "dns interception", "tcp dport @" + ALIVE_SET)),
				NftChain.Attachment.NAT);
	}

	/**
	 * The output chain's rules that let the redirected queries reach the enforcer (the
	 * filter chain sees them after the redirect but still with the original output
	 * interface, so the loopback rule does not take them) and the enforcer's forwarded
	 * queries pass.
	 * @param port the enforcer's DNS port
	 * @return the rules
	 */
	static List<NftRule> output(int port) {
		return List.of(
				NftRule.frame("accept", "dns interception", "meta l4proto { tcp, udp }", "th dport " + port,
						"ct status dnat"),
				NftRule.frame("accept", "dns forwarding", MARK_MATCH, "udp dport 53"),
				NftRule.frame("accept", "dns forwarding", MARK_MATCH, "tcp dport 53"));
	}

}
