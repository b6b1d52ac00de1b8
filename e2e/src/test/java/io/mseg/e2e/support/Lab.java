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
