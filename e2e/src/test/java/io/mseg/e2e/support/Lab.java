package io.mseg.e2e.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hosts in network namespaces joined by a bridge: {@code mseg-<rand>-sw} holds the bridge
 * {@code br0}; each host {@code mseg-<rand>-<name>} has {@code eth0} (a veth pair to the
 * bridge) with 10.233.0.N/24 and fd00:233::N/64, addresses that exist only inside these
 * namespaces. Closing the lab kills the listeners and deletes every namespace (and with
 * them the veth pairs and the nft tables in them).
 */
public final class Lab implements AutoCloseable {

	/** The MAC of a workload veth's node side, as Calico sets it. */
	private static final String NODE_SIDE_MAC = "ee:ee:ee:ee:ee:ee";

	/**
	 * The link-local address the node side gets from that MAC: the workload's gateway.
	 */
	private static final String NODE_SIDE_LINK_LOCAL = "fe80::ecee:eeff:feee:eeee";

	private final String prefix;

	private final String bridge;

	private final Map<String, Host> hosts = new LinkedHashMap<>();

	private final List<Process> processes = new ArrayList<>();

	private final List<String> namespaces = new ArrayList<>();

	public Lab() {
		this.prefix = "mseg-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
		this.bridge = this.prefix + "-sw";
		addNamespace(this.bridge);
		Shell.check("ip", "netns", "exec", this.bridge, "ip", "link", "add", "br0", "type", "bridge");
		Shell.check("ip", "netns", "exec", this.bridge, "ip", "link", "set", "br0", "up");
	}

	/**
	 * Adds a host.
	 * @param name a short name ({@code h1})
	 * @param index its address suffix (1..254)
	 * @return the host
	 */
	public Host host(String name, int index) {
		String ns = this.prefix + "-" + name;
		addNamespace(ns);
		String port = "p" + index;
		Shell.check("ip", "link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns",
				this.bridge);
		Shell.check("ip", "netns", "exec", this.bridge, "ip", "link", "set", port, "master", "br0");
		Shell.check("ip", "netns", "exec", this.bridge, "ip", "link", "set", port, "up");
		Host host = new Host(name, ns, "10.233.0." + index, "fd00:233::" + Integer.toHexString(index), this);
		Shell.check("ip", "netns", "exec", ns, "ip", "addr", "add", host.v4() + "/24", "dev", "eth0");
		Shell.check("ip", "netns", "exec", ns, "ip", "-6", "addr", "add", host.v6() + "/64", "dev", "eth0", "nodad");
		Shell.check("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
		Shell.check("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
		// Refusals are ICMP errors with --reject-with icmp: unlimited, so that a burst of
		// refused probes fails fast instead of waiting out their timeouts.
		Shell.check("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.icmp_ratelimit=0",
				"net.ipv6.icmp.ratelimit=0");
		this.hosts.put(name, host);
		return host;
	}

	/**
	 * Adds a workload behind a node as Calico's CNI plugin sets one up: its own namespace
	 * with {@code eth0} holding its /32 (and /128) and default routes through 169.254.1.1
	 * (and the node side's link-local address), the other end of the veth in the node
	 * ({@code iface}, MAC ee:ee:ee:ee:ee:ee) with proxy ARP and a /32 (/128) route to the
	 * workload; the node forwards. No bridge: every packet of the workload crosses the
	 * node's forward (or input) hook.
	 * @param node the node
	 * @param name a short name, unique in the lab
	 * @param v4 its IPv4 address
	 * @param v6 its IPv6 address, or {@code null} for IPv4 only
	 * @param iface the node side of its veth
	 * @return the workload, as a host
	 */
	public Host workload(Host node, String name, String v4, String v6, String iface) {
		String ns = this.prefix + "-" + name;
		addNamespace(ns);
		Shell.check("ip", "link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", iface, "netns",
				node.ns());
		Shell.check("ip", "netns", "exec", node.ns(), "ip", "link", "set", iface, "address", NODE_SIDE_MAC);
		Shell.check("ip", "netns", "exec", node.ns(), "sysctl", "-qw", "net.ipv4.ip_forward=1",
				"net.ipv6.conf.all.forwarding=1", "net.ipv4.conf." + iface + ".proxy_arp=1",
				"net.ipv6.conf." + iface + ".accept_dad=0");
		Shell.check("ip", "netns", "exec", node.ns(), "ip", "link", "set", iface, "up");
		Shell.check("ip", "netns", "exec", node.ns(), "ip", "route", "add", v4 + "/32", "dev", iface);
		// proxy ARP answers for 169.254.1.1 only if the node has a route to it elsewhere
		Shell.check("ip", "netns", "exec", node.ns(), "ip", "route", "replace", "default", "dev", "eth0");
		Shell.check("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.icmp_ratelimit=0",
				"net.ipv6.icmp.ratelimit=0", "net.ipv6.conf.eth0.accept_dad=0");
		Shell.check("ip", "netns", "exec", ns, "ip", "addr", "add", v4 + "/32", "dev", "eth0");
		Shell.check("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
		Shell.check("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
		Shell.check("ip", "netns", "exec", ns, "ip", "route", "add", "169.254.1.1", "dev", "eth0", "scope", "link");
		Shell.check("ip", "netns", "exec", ns, "ip", "route", "add", "default", "via", "169.254.1.1", "dev", "eth0");
		if (v6 != null) {
			Shell.check("ip", "netns", "exec", node.ns(), "ip", "-6", "route", "add", v6 + "/128", "dev", iface);
			Shell.check("ip", "netns", "exec", ns, "ip", "-6", "addr", "add", v6 + "/128", "dev", "eth0", "nodad");
			Shell.check("ip", "netns", "exec", ns, "ip", "-6", "route", "add", "default", "via", NODE_SIDE_LINK_LOCAL,
					"dev", "eth0");
		}
		Host workload = new Host(name, ns, v4, v6, this);
		this.hosts.put(name, workload);
		return workload;
	}

	/**
	 * Routes a prefix through a host (a node holding workloads) from other hosts.
	 * @param prefix the prefix ({@code 10.244.1.0/24})
	 * @param via the host that routes it
	 * @param from the hosts that get the route
	 */
	public void route(String prefix, Host via, Host... from) {
		boolean v6 = prefix.contains(":");
		for (Host host : from) {
			Shell.check("ip", "netns", "exec", host.ns(), "ip", v6 ? "-6" : "-4", "route", "add", prefix, "via",
					v6 ? via.v6() : via.v4());
		}
	}

	/**
	 * Removes a workload: its namespace, and with it both ends of its veth.
	 * @param workload the workload
	 */
	public synchronized void remove(Host workload) {
		Shell.check("ip", "netns", "del", workload.ns());
		this.namespaces.remove(workload.ns());
		this.hosts.remove(workload.name());
	}

	public String prefix() {
		return this.prefix;
	}

	synchronized void track(Process process) {
		this.processes.add(process);
	}

	private void addNamespace(String ns) {
		Shell.check("ip", "netns", "add", ns);
		this.namespaces.add(ns);
	}

	@Override
	public synchronized void close() {
		Shell.killAll(this.processes);
		for (String ns : this.namespaces) {
			Shell.run(Duration.ofSeconds(10), "ip", "netns", "del", ns);
		}
	}

}
