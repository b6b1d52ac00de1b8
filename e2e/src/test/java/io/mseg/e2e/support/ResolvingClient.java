package io.mseg.e2e.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@link ResolveThenConnect} inside a host's namespace
 * ({@code ip netns exec <ns> java -cp <test classes> ...}), so that its lookups go
 * through that host's {@code /etc/resolv.conf} and its connections through that host's
 * rules, and reads what it printed.
 */
public final class ResolvingClient {

	private ResolvingClient() {
	}

	/**
	 * Resolves each name and connects to its first address at once.
	 * @param host where it runs
	 * @param port the TCP port it connects to
	 * @param names the names
	 * @return what happened
	 */
	public static Outcome connect(Host host, int port, String... names) {
		return run(host, Duration.ofSeconds(60), options(port), names);
	}

	/**
	 * Runs the client with any of its options.
	 * @param host where it runs
	 * @param timeout the longest it may take
	 * @param options its options ({@code --all}, {@code --family v6}, ...)
	 * @param names the names (patterns with {@code --count})
	 * @return what happened
	 */
	public static Outcome run(Host host, Duration timeout, List<String> options, String... names) {
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", host.ns(), ConsoleProcess.java(),
				"-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-Dsun.net.inetaddr.ttl=0",
				"-Dsun.net.inetaddr.negative.ttl=0", "-cp", classes().toString(), ResolveThenConnect.class.getName()));
		command.addAll(options);
		command.addAll(List.of(names));
		Shell.Result result = Shell.run(timeout, command);
		Outcome outcome = Outcome.parse(result.output());
		if (!outcome.finished()) {
			throw new IllegalStateException("the resolving client in " + host + " did not finish (exit "
					+ result.exitCode() + "):\n" + result.output());
		}
		return outcome;
	}

	/**
	 * {@link #run} in the background, for a client that holds its connections open while
	 * the test does something else.
	 * @param host where it runs
	 * @param timeout the longest it may take
	 * @param options its options
	 * @param names the names
	 * @return its outcome, later
	 */
	public static CompletableFuture<Outcome> start(Host host, Duration timeout, List<String> options, String... names) {
		// A thread of its own: the common pool may have one thread, which others wait
		// for.
		return CompletableFuture.supplyAsync(() -> run(host, timeout, options, names), (task) -> {
			Thread thread = new Thread(task, "resolving-client");
			thread.setDaemon(true);
			thread.start();
		});
	}

	/**
	 * Options for a port.
	 * @param port the TCP port
	 * @param more other options
	 * @return the options
	 */
	public static List<String> options(int port, String... more) {
		List<String> options = new ArrayList<>(List.of("--port", Integer.toString(port)));
		options.addAll(List.of(more));
		return options;
	}

	/** The directory of the compiled test classes: the client needs nothing else. */
	private static Path classes() {
		try {
			return Path.of(ResolveThenConnect.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One attempt: a lookup and a connection to one of its addresses.
	 *
	 * @param name the name looked up
	 * @param address the address connected to, {@code -} when the lookup failed
	 * @param ok whether the connection was made and the listener answered
	 * @param detail how long it took, or why it failed
	 */
	public record Attempt(String name, String address, boolean ok, String detail) {

		public boolean resolved() {
			return !"-".equals(this.address);
		}

	}

	/**
	 * One line exchanged over a held connection.
	 *
	 * @param address the address of the connection
	 * @param time when (the client's wall clock, the same as the test's)
	 * @param ok whether the line came back
	 * @param line the whole line printed
	 */
	public record Exchange(String address, Instant time, boolean ok, String line) {

	}

	/**
	 * What the client printed.
	 *
	 * @param attempts its attempts
	 * @param exchanges the lines exchanged over held connections
	 * @param failures how many failed (attempts and exchanges)
	 * @param finished whether it printed its summary
	 * @param output everything it printed
	 */
	public record Outcome(List<Attempt> attempts, List<Exchange> exchanges, int failures, boolean finished,
			String output) {

		static Outcome parse(String output) {
			List<Attempt> attempts = new ArrayList<>();
			List<Exchange> exchanges = new ArrayList<>();
			int failures = 0;
			boolean finished = false;
			for (String line : output.lines().toList()) {
				String[] words = line.split(" ", 5);
				if (words[0].equals("attempt") && words.length >= 4) {
					attempts.add(
							new Attempt(words[1], words[2], words[3].equals("ok"), (words.length > 4) ? words[4] : ""));
				}
				else if (words[0].equals("exchange") && words.length >= 4) {
					exchanges.add(new Exchange(words[1], Instant.ofEpochMilli(Long.parseLong(words[2])),
							words[3].equals("ok"), line));
				}
				else if (words[0].equals("summary")) {
					finished = true;
					failures = Integer.parseInt(line.replaceFirst(".*failures=(\\d+).*", "$1"));
				}
			}
			return new Outcome(List.copyOf(attempts), List.copyOf(exchanges), failures, finished, output);
		}

		/** The attempts that failed. */
		public List<Attempt> failed() {
			return this.attempts.stream().filter((attempt) -> !attempt.ok()).toList();
		}

		/** The addresses connected to or tried, in order, without duplicates. */
		public Set<String> addresses() {
			Set<String> addresses = new LinkedHashSet<>();
			this.attempts.stream().filter(Attempt::resolved).forEach((attempt) -> addresses.add(attempt.address()));
			return addresses;
		}

		/**
		 * A summary for assertion messages: counts and the first failures.
		 * @return the text
		 */
		public String describe() {
			List<Attempt> failed = failed();
			return this.attempts.size() + " attempts, " + this.failures + " failures"
					+ (failed.isEmpty() ? "" : ", first: " + failed.subList(0, Math.min(5, failed.size())));
		}

		@Override
		public String toString() {
			return describe();
		}

	}

}
