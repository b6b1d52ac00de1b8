package io.mseg.e2e.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP relays made of {@code socat} processes, for what the test JVM in the root namespace
 * cannot do itself: reach a port inside a namespace, be reached from inside one, or offer
 * the console on a second port that a test can cut.
 * <ul>
 * <li>{@link #intoNamespace}: 127.0.0.1 of the root namespace to 127.0.0.1 of another,
 * through a Unix socket (the file system crosses namespaces, TCP does not), so the tests
 * reach the console's API without an address of theirs on the lab's bridge.</li>
 * <li>{@link #outOfNamespace}: the other way, 127.0.0.1 of a namespace to 127.0.0.1 of
 * the root namespace, so the console reaches a server of the tests (the feed publisher)
 * at a loopback address of its own.</li>
 * <li>{@link #inNamespace}: a second port inside a namespace, relayed to a local one;
 * {@link #cut()} kills the relay and every connection through it (the peers see them
 * close), {@link #restore()} listens again.</li>
 * </ul>
 * Every TCP end sets {@code TCP_NODELAY}, as the console and its clients do: with Nagle's
 * algorithm a relay holds back the second part of a request until the first is
 * acknowledged, up to the peer's 40 ms delayed acknowledgement.
 */
public final class Relay implements AutoCloseable {

	private final List<List<String>> commands;

	private final List<Integer> awaited;

	private final String ns;

	private final List<Process> processes = new ArrayList<>();

	private Relay(List<List<String>> commands, String ns, List<Integer> awaited) {
		this.commands = commands;
		this.ns = ns;
		this.awaited = awaited;
		restore();
	}

	/**
	 * A relay from 127.0.0.1 of the root namespace into a namespace.
	 * @param ns the namespace
	 * @param target the port on 127.0.0.1 inside it
	 * @param socket the Unix socket to pass through (in a directory of the test's)
	 * @return the relay, listening on {@link #port()} in the root namespace
	 */
	public static Relay intoNamespace(String ns, int target, Path socket) {
		int port = ConsoleProcess.freePort();
		return new Relay(List.of(
				List.of("ip", "netns", "exec", ns, "socat", "UNIX-LISTEN:" + socket + ",fork,unlink-early,mode=600",
						"TCP:127.0.0.1:" + target + ",nodelay"),
				List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr,nodelay",
						"UNIX-CONNECT:" + socket)),
				null, List.of(port));
	}

	/**
	 * A relay from 127.0.0.1 of a namespace out to 127.0.0.1 of the root namespace.
	 * @param ns the namespace
	 * @param port where it listens on 127.0.0.1 inside the namespace
	 * @param target the port on 127.0.0.1 of the root namespace
	 * @param socket the Unix socket to pass through (in a directory of the test's)
	 * @return the relay, listening on {@link #port()} in the namespace
	 */
	public static Relay outOfNamespace(String ns, int port, int target, Path socket) {
		return new Relay(List.of(
				List.of("socat", "UNIX-LISTEN:" + socket + ",fork,unlink-early,mode=600",
						"TCP:127.0.0.1:" + target + ",nodelay"),
				List.of("ip", "netns", "exec", ns, "socat",
						"TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr,nodelay", "UNIX-CONNECT:" + socket)),
				ns, List.of(port));
	}

	/**
	 * A relay inside a namespace, on every address (IPv4 and IPv6) of it.
	 * @param ns the namespace
	 * @param port where it listens
	 * @param target the port on 127.0.0.1 it relays to
	 * @return the relay
	 */
	public static Relay inNamespace(String ns, int port, int target) {
		return new Relay(
				List.of(List.of("ip", "netns", "exec", ns, "socat",
						"TCP6-LISTEN:" + port + ",fork,reuseaddr,ipv6only=0", "TCP:127.0.0.1:" + target)),
				ns, List.of(port));
	}

	/** The port it listens on. */
	public int port() {
		return this.awaited.get(0);
	}

	/** Kills the relay and every connection it carries; new connections are refused. */
	public synchronized void cut() {
		Shell.killAll(this.processes);
		this.processes.clear();
	}

	/** Listens again (a no-op while it listens). */
	public synchronized void restore() {
		if (!this.processes.isEmpty()) {
			return;
		}
		for (List<String> command : this.commands) {
			try {
				this.processes.add(new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start());
			}
			catch (IOException ex) {
				cut();
				throw new IllegalStateException("cannot start " + command, ex);
			}
		}
		awaitListening();
	}

	private void awaitListening() {
		List<String> ss = new ArrayList<>();
		if (this.ns != null) {
			ss.addAll(List.of("ip", "netns", "exec", this.ns));
		}
		ss.addAll(List.of("ss", "-lntH"));
		Await.until("relay listening on " + this.awaited, Duration.ofSeconds(10),
				() -> Shell.run(Duration.ofSeconds(5), ss).output().contains(":" + port() + " "));
	}

	@Override
	public void close() {
		cut();
	}

}
