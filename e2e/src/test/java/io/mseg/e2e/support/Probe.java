package io.mseg.e2e.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One expected connection result: from a host to another host's address, TCP or UDP, IPv4
 * or IPv6. {@link #check(Probe...)} tries them all at once (a blocked attempt costs its
 * timeout) and reports every mismatch together.
 *
 * @param from the initiating host
 * @param to the accepting host
 * @param protocol {@code tcp} or {@code udp}
 * @param port the destination port
 * @param ipv6 whether to use the IPv6 addresses
 * @param allowed whether the connection must succeed
 */
public record Probe(Host from, Host to, String protocol, int port, boolean ipv6, boolean allowed) {

	/** How long an attempt may take before it counts as blocked. */
	public static final Duration TIMEOUT = Duration.ofMillis(1500);

	private static final ExecutorService POOL = Executors.newFixedThreadPool(16, (task) -> {
		Thread thread = new Thread(task, "probe");
		thread.setDaemon(true);
		return thread;
	});

	public static Probe allowed(Host from, Host to, String protocol, int port) {
		return new Probe(from, to, protocol, port, false, true);
	}

	public static Probe blocked(Host from, Host to, String protocol, int port) {
		return new Probe(from, to, protocol, port, false, false);
	}

	public Probe v6() {
		return new Probe(this.from, this.to, this.protocol, this.port, true, this.allowed);
	}

	/**
	 * Tries the connection once.
	 * @param timeout how long the attempt may take
	 * @return whether it succeeded
	 */
	public boolean attempt(Duration timeout) {
		String address = this.ipv6 ? this.to.v6() : this.to.v4();
		return "udp".equals(this.protocol) ? this.from.udp(address, this.port, timeout)
				: this.from.tcp(address, this.port, timeout);
	}

	/**
	 * Tries every probe in parallel and fails with the list of those that did not behave
	 * as expected.
	 * @param probes the probes
	 */
	public static void check(Probe... probes) {
		List<Future<Boolean>> results = new ArrayList<>();
		for (Probe probe : probes) {
			results.add(POOL.submit(() -> probe.attempt(TIMEOUT)));
		}
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < probes.length; i++) {
			boolean passed;
			try {
				passed = results.get(i).get();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			if (passed != probes[i].allowed) {
				wrong.add(probes[i] + " " + (passed ? "passed" : "was blocked"));
			}
		}
		if (!wrong.isEmpty()) {
			throw new AssertionError("traffic not as expected:\n  " + String.join("\n  ", wrong));
		}
	}

	@Override
	public String toString() {
		return (this.allowed ? "expected allowed: " : "expected blocked: ") + this.from.name() + " -> " + this.to.name()
				+ " " + this.protocol + "/" + this.port + (this.ipv6 ? " (IPv6)" : "");
	}

}
