package io.mseg.e2e.support;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A host of the lab: its namespace and addresses, its listeners, and connection attempts
 * from it.
 */
public final class Host {

	/** The answer of every listener. */
	public static final String ANSWER = "pong";

	private final String name;

	private final String ns;

	private final String v4;

	private final String v6;

	private final Lab lab;

	Host(String name, String ns, String v4, String v6, Lab lab) {
		this.name = name;
		this.ns = ns;
		this.v4 = v4;
		this.v6 = v6;
		this.lab = lab;
	}

	public String name() {
		return this.name;
	}

	public String ns() {
		return this.ns;
	}

	public String v4() {
		return this.v4;
	}

	public String v6() {
		return this.v6;
	}

	/**
	 * Starts listeners that answer {@value #ANSWER} on IPv4 and IPv6.
	 * @param tcpPorts TCP ports
	 * @param udpPorts UDP ports
	 */
	public void listen(List<Integer> tcpPorts, List<Integer> udpPorts) {
		for (int port : tcpPorts) {
			start("TCP6-LISTEN:" + port + ",fork,reuseaddr,ipv6only=0");
		}
		if (!udpPorts.isEmpty()) {
			answerUdp(udpPorts.stream().map((port) -> ":" + port).toList());
		}
		for (int port : tcpPorts) {
			awaitListening("tcp", port);
		}
		for (int port : udpPorts) {
			awaitListening("udp", port);
		}
	}

	/**
	 * Starts UDP listeners bound to one more address of the host, which answer from that
	 * address: the listeners of {@link #listen} answer from the address the kernel picks
	 * (the host's first), which a client connected to another address never takes for the
	 * answer. TCP needs none: an accepted connection answers from its own address.
	 * @param address the address
	 * @param udpPorts the ports, each listened on by {@link #listen} already
	 */
	public void listenUdp(String address, List<Integer> udpPorts) {
		answerUdp(udpPorts.stream().map((port) -> bindable(address) + ":" + port).toList());
		for (int port : udpPorts) {
			awaitListening("udp", port, bindable(address) + ":" + port + " ");
		}
	}

	/**
	 * Tries a TCP connection and reads the answer.
	 * @param to the address
	 * @param port the port
	 * @param timeout how long the attempt may take
	 * @return whether the listener answered
	 */
	public boolean tcp(String to, int port, Duration timeout) {
		String target = to.contains(":") ? "TCP6:[" + to + "]:" + port : "TCP:" + to + ":" + port;
		double seconds = timeout.toMillis() / 1000.0;
		return answered(List.of("socat", "-T" + seconds, "-", target + ",connect-timeout=" + seconds), "ping\n",
				timeout);
	}

	/**
	 * Sends a UDP datagram and waits for the answer.
	 * @param to the address
	 * @param port the port
	 * @param timeout how long to wait for an answer
	 * @return whether the listener answered
	 */
	public boolean udp(String to, int port, Duration timeout) {
		String target = to.contains(":") ? "UDP6:[" + to + "]:" + port : "UDP:" + to + ":" + port;
		double seconds = timeout.toMillis() / 1000.0;
		return answered(List.of("socat", "-T" + seconds, "-", target), "ping\n", timeout);
	}

	/**
	 * Tries a TCP connection from one of this host's other addresses and reads the
	 * answer.
	 * @param source the source address (an address of this host)
	 * @param to the address
	 * @param port the port
	 * @param timeout how long the attempt may take
	 * @return whether the listener answered
	 */
	public boolean tcpFrom(String source, String to, int port, Duration timeout) {
		String target = to.contains(":") ? "TCP6:[" + to + "]:" + port : "TCP:" + to + ":" + port;
		double seconds = timeout.toMillis() / 1000.0;
		return answered(List.of("socat", "-T" + seconds, "-",
				target + ",bind=" + bindable(source) + ",connect-timeout=" + seconds), "ping\n", timeout);
	}

	/**
	 * Sends a UDP datagram from one of this host's other addresses and waits for the
	 * answer.
	 * @param source the source address (an address of this host)
	 * @param to the address
	 * @param port the port
	 * @param timeout how long to wait for an answer
	 * @return whether the listener answered
	 */
	public boolean udpFrom(String source, String to, int port, Duration timeout) {
		String target = to.contains(":") ? "UDP6:[" + to + "]:" + port : "UDP:" + to + ":" + port;
		double seconds = timeout.toMillis() / 1000.0;
		return answered(List.of("socat", "-T" + seconds, "-", target + ",bind=" + bindable(source)), "ping\n", timeout);
	}

	private static String bindable(String address) {
		return address.contains(":") ? "[" + address + "]" : address;
	}

	/**
	 * The ruleset of the enforcer's table in this host without counter values, empty when
	 * there is none.
	 * @param table the table name
	 * @return the {@code nft list table} text
	 */
	public String table(String table) {
		Shell.Result result = Shell.run(Duration.ofSeconds(10), "ip", "netns", "exec", this.ns, "nft", "-s", "list",
				"table", "inet", table);
		return result.ok() ? result.output() : "";
	}

	/**
	 * Every table of the host's namespace.
	 * @return the {@code nft list tables} text
	 */
	public String tables() {
		return Shell.run(Duration.ofSeconds(10), "ip", "netns", "exec", this.ns, "nft", "list", "tables").output();
	}

	/**
	 * Starts a long-running {@code socat} in the host (killed when the lab closes) and
	 * waits until it listens.
	 * @param protocol {@code tcp} or {@code udp}
	 * @param port the port it listens on
	 * @param addresses its two addresses, e.g. {@code TCP6-LISTEN:7007,fork} and
	 * {@code PIPE} for an echo server
	 */
	public void socat(String protocol, int port, String... addresses) {
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", this.ns, "socat"));
		command.addAll(List.of(addresses));
		start(command);
		awaitListening(protocol, port);
	}

	/**
	 * Runs {@code ip} in the host, e.g. to add an address or a route.
	 * @param arguments its arguments
	 */
	public void ip(String... arguments) {
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", this.ns, "ip"));
		command.addAll(List.of(arguments));
		Shell.check(command.toArray(String[]::new));
	}

	public void nft(String... arguments) {
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", this.ns, "nft"));
		command.addAll(List.of(arguments));
		Shell.check(command.toArray(String[]::new));
	}

	private boolean answered(List<String> socat, String input, Duration timeout) {
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", this.ns));
		command.addAll(socat);
		Shell.Result result = Shell.run(timeout.plusSeconds(3), command, input);
		return result.output().contains(ANSWER);
	}

	private void start(String address) {
		// Read the request line before answering: a listener that answers without reading
		// dies of a broken pipe now and then.
		start(List.of("ip", "netns", "exec", this.ns, "socat", address, "SYSTEM:read line; echo " + ANSWER));
	}

	/**
	 * Starts a {@link UdpAnswerer} in this host for the given {@code [address]:port}s.
	 */
	private void answerUdp(List<String> listens) {
		List<String> command = new ArrayList<>(
				List.of("ip", "netns", "exec", this.ns, ConsoleProcess.java(), "-Xmx16m", "-Xss256k",
						"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classes(), UdpAnswerer.class.getName()));
		command.addAll(listens);
		start(command);
	}

	private static String classes() {
		try {
			return Path.of(UdpAnswerer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void start(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			this.lab.track(process);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start socat in " + this.ns, ex);
		}
	}

	private void awaitListening(String protocol, int port) {
		awaitListening(protocol, port, ":" + port + " ");
	}

	private void awaitListening(String protocol, int port, String local) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			String sockets = Shell
				.run(Duration.ofSeconds(5), "ip", "netns", "exec", this.ns, "ss", "-lnH",
						protocol.equals("tcp") ? "-t" : "-u")
				.output();
			if (sockets.contains(local)) {
				return;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IllegalStateException("no " + protocol + " listener on port " + port + " in " + this.ns);
	}

	@Override
	public String toString() {
		return this.name + " (" + this.v4 + ")";
	}

}
