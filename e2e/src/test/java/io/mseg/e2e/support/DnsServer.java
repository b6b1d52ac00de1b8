package io.mseg.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real DNS server for the lab: {@code dnsmasq} in a host of its own, answering only
 * from the records of a {@link Zone} (no upstream, no /etc/hosts), on the host's IPv4 and
 * IPv6 addresses, UDP and TCP. Hosts that {@link #serve(Host) resolve through it} get an
 * {@code /etc/netns/<ns>/resolv.conf} naming it, which {@code ip netns exec} mounts over
 * {@code /etc/resolv.conf} for every process started in that namespace, so they look
 * names up through the system resolver as applications do. A counting table in the
 * server's namespace tells how many queries arrived over UDP and how many TCP connections
 * were opened to it (a truncated answer retried over TCP). Closing it kills dnsmasq and
 * removes the resolv.conf files.
 */
public final class DnsServer implements AutoCloseable {

	/** Its UDP and TCP port. */
	public static final int PORT = 53;

	private static final Path NETNS_ETC = Path.of("/etc/netns");

	private static final String COUNTING_TABLE = "dnscount";

	private final Host host;

	private final Path config;

	private final Path log;

	private final List<Path> created = new ArrayList<>();

	private Process process;

	/**
	 * Starts dnsmasq in a host.
	 * @param workspace where its configuration and log go
	 * @param host its host (nothing else should listen on port 53 there)
	 * @param zone its records
	 */
	public DnsServer(Workspace workspace, Host host, Zone zone) {
		this.host = host;
		this.config = workspace.path("dnsmasq-" + host.name() + ".conf");
		this.log = workspace.path("dnsmasq-" + host.name() + ".log");
		List<String> lines = new ArrayList<>(List.of("listen-address=" + host.v4() + "," + host.v6(),
				// Only its own addresses: nothing answers on the namespace's loopback.
				"bind-interfaces", "port=" + PORT));
		if (zone.logsQueries) {
			lines.add("log-queries=extra");
		}
		lines.addAll(zone.lines());
		try {
			Files.write(this.config, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	/**
	 * Makes a host resolve through this server: its {@code /etc/resolv.conf}, as
	 * {@code ip netns exec} shows it, names the server's IPv4 address.
	 * @param client the host
	 */
	public void serve(Host client) {
		serve(client, this.host.v4());
	}

	/**
	 * Makes a host resolve through this server at one of its addresses.
	 * @param client the host
	 * @param address the server's address the host's resolver uses
	 */
	public void serve(Host client, String address) {
		Path directory = NETNS_ETC.resolve(client.ns());
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory);
				this.created.add(directory);
			}
			Path resolvConf = directory.resolve("resolv.conf");
			// Short timeouts: a query the enforcer drops fails the lookup in seconds, not
			// in
			// the default 2 x 5 s.
			Files.writeString(resolvConf, "nameserver " + address + "\noptions timeout:2 attempts:2\n");
			this.created.add(resolvConf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Host host() {
		return this.host;
	}

	/** How many TCP connections were opened to port 53 so far. */
	public long tcpConnections() {
		return counter("tcp");
	}

	/** How many UDP datagrams arrived on port 53 so far. */
	public long udpQueries() {
		return counter("udp");
	}

	/**
	 * What dnsmasq logged (each query and its answer).
	 * @return the text
	 */
	public String log() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private long counter(String protocol) {
		// Not Host.table: that one lists without counter values.
		String table = Shell.check("ip", "netns", "exec", this.host.ns(), "nft", "list", "table", "inet",
				COUNTING_TABLE);
		Matcher matcher = Pattern.compile(protocol + " dport 53 .*counter packets (\\d+)").matcher(table);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + protocol + " counter in the DNS server's table:\n" + table);
		}
		return Long.parseLong(matcher.group(1));
	}

	private void start() {
		this.host.nft("add", "table", "inet", COUNTING_TABLE);
		this.host.nft("add", "chain", "inet", COUNTING_TABLE, "input",
				"{ type filter hook input priority 0; policy accept; }");
		this.host.nft("add", "rule", "inet", COUNTING_TABLE, "input", "tcp", "dport", "53", "tcp", "flags", "syn",
				"counter");
		this.host.nft("add", "rule", "inet", COUNTING_TABLE, "input", "udp", "dport", "53", "counter");
		List<String> command = List.of("ip", "netns", "exec", this.host.ns(), binary(), "--keep-in-foreground",
				"--no-resolv", "--no-hosts", "--conf-file=" + this.config, "--log-facility=" + this.log,
				// No pid file in /run shared with every other namespace, and no switch to
				// a
				// user that may not exist here.
				"--pid-file=", "--user=root");
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start dnsmasq in " + this.host.ns(), ex);
		}
		Await.until("dnsmasq listening on " + this.host, Duration.ofSeconds(10), () -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("dnsmasq exited with " + this.process.exitValue() + ":\n" + log());
			}
			String udp = Shell.run(Duration.ofSeconds(5), "ip", "netns", "exec", this.host.ns(), "ss", "-lnuH")
				.output();
			String tcp = Shell.run(Duration.ofSeconds(5), "ip", "netns", "exec", this.host.ns(), "ss", "-lntH")
				.output();
			return udp.contains(this.host.v4() + ":53 ") && tcp.contains(this.host.v4() + ":53 ")
					&& udp.contains("[" + this.host.v6() + "]:53 ") && tcp.contains("[" + this.host.v6() + "]:53 ");
		}, this::log);
	}

	static String binary() {
		return Files.isExecutable(Path.of("/usr/sbin/dnsmasq")) ? "/usr/sbin/dnsmasq" : "dnsmasq";
	}

	@Override
	public void close() {
		if (this.process != null) {
			// dnsmasq forks a child per TCP connection.
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
			try {
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
		for (int i = this.created.size() - 1; i >= 0; i--) {
			try {
				Files.deleteIfExists(this.created.get(i));
			}
			catch (IOException ex) {
				System.err.println("cannot delete " + this.created.get(i) + ": " + ex.getMessage());
			}
		}
		this.created.clear();
	}

	/**
	 * The records a {@link DnsServer} answers with, as dnsmasq options. Names outside the
	 * zones declared {@link #local(String) local} are refused (there is no upstream);
	 * unknown names inside them are answered NXDOMAIN.
	 */
	public static final class Zone {

		private final List<String> lines = new ArrayList<>();

		private boolean logsQueries = true;

		/**
		 * No line per query in the server's log: under a benchmark's load, writing it
		 * would cost the server more than answering.
		 * @return this zone
		 */
		public Zone quiet() {
			this.logsQueries = false;
			return this;
		}

		/**
		 * The TTL of the {@link #wildcard} records (dnsmasq's {@code local-ttl}).
		 * @param seconds the TTL
		 * @return this zone
		 */
		public Zone localTtl(int seconds) {
			this.lines.add("local-ttl=" + seconds);
			return this;
		}

		/**
		 * Answers every name in a domain from these records only (NXDOMAIN for unknown
		 * names, no data for a type a name does not have).
		 * @param domain the domain
		 * @return this zone
		 */
		public Zone local(String domain) {
			this.lines.add("local=/" + domain + "/");
			return this;
		}

		/**
		 * A name with A and AAAA records; each address its own record, all in one answer.
		 * A name can be given many addresses, so that its answer does not fit in a 512
		 * byte UDP message: dnsmasq then truncates it and the client retries over TCP.
		 * @param name the name
		 * @param ttl the TTL of its records, in seconds
		 * @param addresses its IPv4 and IPv6 addresses
		 * @return this zone
		 */
		public Zone host(String name, int ttl, String... addresses) {
			for (String address : addresses) {
				this.lines.add("host-record=" + name + "," + address + "," + ttl);
			}
			return this;
		}

		/**
		 * Every name under a domain and the domain itself answered with these addresses,
		 * with the {@link #localTtl} TTL; a {@link #host} record of the same name wins
		 * over it (so the bare domain can be given other addresses).
		 * @param domain the domain
		 * @param addresses its IPv4 and IPv6 addresses
		 * @return this zone
		 */
		public Zone wildcard(String domain, String... addresses) {
			for (String address : addresses) {
				this.lines.add("address=/" + domain + "/" + address);
			}
			return this;
		}

		/**
		 * A CNAME record; the target must be a {@link #host} name or another CNAME.
		 * @param alias the name
		 * @param target the canonical name
		 * @param ttl its TTL, in seconds
		 * @return this zone
		 */
		public Zone cname(String alias, String target, int ttl) {
			this.lines.add("cname=" + alias + "," + target + "," + ttl);
			return this;
		}

		List<String> lines() {
			return List.copyOf(this.lines);
		}

	}

}
