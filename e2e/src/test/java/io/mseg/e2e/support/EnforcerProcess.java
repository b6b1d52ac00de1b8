package io.mseg.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One enforcer jar as a real process inside its host's network namespace, as deployed
 * ({@code ip netns exec <host> java -jar enforcer.jar ...}): its own connections to the
 * console cross the rules it installs, and it finds the host's addresses itself. Every
 * start is the same command line, with the same enrollment token, as a service unit
 * restarting it would run.
 */
public final class EnforcerProcess implements AutoCloseable {

	/** The table the tests let the enforcers own. */
	public static final String TABLE = "mseg";

	private final Host host;

	private final URI console;

	private final String token;

	private final Path state;

	private final Path log;

	private final List<String> tags;

	private final List<String> options;

	private Process process;

	/**
	 * An enforcer, not started yet.
	 * @param workspace where its state directory and log go
	 * @param host the host it protects and runs in
	 * @param console the console's URL
	 * @param token its enrollment token
	 * @param options more flags ({@code --reject-with icmp})
	 * @param tags the tags of its processing unit
	 */
	public EnforcerProcess(Workspace workspace, Host host, URI console, String token, List<String> options,
			String... tags) {
		this.host = host;
		this.console = console;
		this.token = token;
		this.state = workspace.path("state-" + host.name());
		this.log = workspace.path("enforcer-" + host.name() + ".log");
		this.options = List.copyOf(options);
		this.tags = List.of(tags);
	}

	/** Starts it. */
	public void start() {
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", this.host.ns(), ConsoleProcess.java(),
				"-XX:+ExitOnOutOfMemoryError", "-Xmx256m", "-jar", Jars.enforcer().toString(), "--console",
				this.console.toString(), "--name", this.host.name(), "--state-dir", this.state.toString(),
				"--nft-table", TABLE, "--reconnect-min", "200ms", "--reconnect-max", "1s", "--request-timeout", "5s"));
		command.addAll(this.options);
		for (String tag : this.tags) {
			command.add("--tag");
			command.add(tag);
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		// As a service unit gives it: in the environment, not in the process list.
		builder.environment().put("MSEG_ENFORCER_TOKEN", this.token);
		builder.environment().put("MSEG_ENFORCER_LOG_LEVEL", "FINE");
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the enforcer of " + this.host, ex);
		}
	}

	/** Stops it with SIGTERM (the kernel keeps its rules). */
	public void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	public boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	public Host host() {
		return this.host;
	}

	public String log() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Waits for a text to appear in the log.
	 * @param text the text
	 * @param occurrences how many times it must appear
	 * @param timeout how long to wait
	 */
	public void awaitLog(String text, int occurrences, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (count(log(), text) >= occurrences) {
				return;
			}
			if (this.process != null && !this.process.isAlive()) {
				throw new IllegalStateException(
						"the enforcer of " + this.host + " exited with " + this.process.exitValue() + ":\n" + tail());
			}
			ConsoleProcess.sleep(50);
		}
		throw new IllegalStateException(
				"the enforcer of " + this.host + " did not log '" + text + "' within " + timeout + ":\n" + tail());
	}

	public static int count(String haystack, String needle) {
		int count = 0;
		for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
			count++;
		}
		return count;
	}

	public String tail() {
		List<String> lines = log().lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	@Override
	public void close() {
		stop();
	}

}
