package io.mseg.e2e.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The console jar as a real process in a host of the lab (its own network namespace on
 * the bridge, as a console on its own machine), with its own data directory (embedded
 * PostgreSQL, CA) that survives a restart. Enforcers reach it at the host's addresses
 * ({@link #uri()}, {@link #uri6()}); the tests reach its API through a relay from
 * 127.0.0.1 of the root namespace.
 */
public final class ConsoleProcess implements AutoCloseable {

	/** The console's port in its namespace. */
	public static final int PORT = 8443;

	private final Host host;

	private final Path data;

	private final Path log;

	private final String token;

	private final Relay admin;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final List<String> arguments = new ArrayList<>();

	private Process process;

	private AdminApi api;

	/**
	 * A console that will run in a host's namespace.
	 * @param workspace where its data and log go
	 * @param host the host it runs in
	 */
	public ConsoleProcess(Workspace workspace, Host host) {
		this.host = host;
		this.data = workspace.directory("console");
		this.log = workspace.path("console.log");
		this.token = "e2e-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		this.admin = Relay.intoNamespace(host.ns(), PORT, workspace.path("console-api.sock"));
	}

	/**
	 * Sets an environment variable for every start from now on.
	 * @param name its name, e.g. {@code MSEG_FEEDS_ALLOWEDHOSTS}
	 * @param value its value
	 */
	public void environment(String name, String value) {
		this.environment.put(name, value);
	}

	/**
	 * Adds a command-line argument for every start from now on.
	 * @param argument e.g. {@code --mseg.feeds.poll-interval=1s}
	 */
	public void argument(String argument) {
		this.arguments.add(argument);
	}

	/** Starts it and waits until its API answers. */
	public void start() {
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", this.host.ns(), java(), "-Xmx512m",
				"-jar", Jars.console().toString(), "--server.port=" + PORT));
		command.addAll(this.arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().put("MSEG_DATA_DIR", this.data.toString());
		builder.environment().put("MSEG_BOOTSTRAP_TOKEN", this.token);
		builder.environment().put("MSEG_TLS_HOSTS", this.host.v4() + "," + this.host.v6());
		builder.environment().putAll(this.environment);
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the console", ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the console exited with " + this.process.exitValue() + ":\n" + tail());
			}
			if (Files.exists(this.data.resolve("ca.pem"))) {
				try {
					AdminApi candidate = new AdminApi(URI.create("https://127.0.0.1:" + this.admin.port()), this.token,
							this.data.resolve("ca.pem"));
					if (candidate.ready()) {
						this.api = candidate;
						return;
					}
				}
				catch (RuntimeException ex) {
					// not yet
				}
			}
			sleep(200);
		}
		throw new IllegalStateException("the console did not answer within 120 s:\n" + tail());
	}

	/** Stops it (SIGTERM, then SIGKILL for anything left after 30 s). */
	public void stop() {
		if (this.process == null) {
			return;
		}
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (ProcessHandle child : children) {
			if (child.isAlive()) {
				child.destroy();
			}
		}
		for (ProcessHandle child : children) {
			try {
				child.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				child.destroyForcibly();
			}
		}
		this.process = null;
	}

	public AdminApi api() {
		return this.api;
	}

	public Host host() {
		return this.host;
	}

	/** The console for enforcers, by its IPv4 address. */
	public URI uri() {
		return URI.create("https://" + this.host.v4() + ":" + PORT);
	}

	/** The console for enforcers, by its IPv6 address. */
	public URI uri6() {
		return URI.create("https://[" + this.host.v6() + "]:" + PORT);
	}

	public Path caPem() {
		return this.data.resolve("ca.pem");
	}

	@Override
	public void close() {
		stop();
		this.admin.close();
	}

	/** The whole log so far. */
	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "";
		}
	}

	public String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
