package io.mseg.benchmarks.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real console started from its jar as a separate process, on its embedded PostgreSQL,
 * in a fresh data directory under {@code /tmp} (mode 0755, so that the database server
 * can run as {@code nobody} when the console runs as root). Closing it stops the process
 * (SIGTERM, then SIGKILL after 30 s) and leaves the data directory and its
 * {@code console.log} for inspection.
 */
public final class ConsoleProcess implements AutoCloseable {

	private static final Pattern HEAP_USED = Pattern
		.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+([0-9.eE+-]+)");

	private static final Pattern DIRECT_USED = Pattern
		.compile("(?m)^jvm_buffer_memory_used_bytes\\{[^}]*id=\"direct\"[^}]*\\}\\s+([0-9.eE+-]+)");

	private static final Pattern RESIDENT = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

	private final Process process;

	private final Path dataDir;

	private final int port;

	private final String token;

	private final X509Certificate ca;

	private final SSLContext trusting;

	private final HttpClient client;

	private ConsoleProcess(Process process, Path dataDir, int port, String token, X509Certificate ca,
			SSLContext trusting) {
		this.process = process;
		this.dataDir = dataDir;
		this.port = port;
		this.token = token;
		this.ca = ca;
		this.trusting = trusting;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(trusting)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/**
	 * Starts a console and waits until it is ready.
	 * @param options {@code --console-jar} (default {@code console/target/console.jar}),
	 * {@code --console-java} (default {@code java}), {@code --port} (default 18443),
	 * {@code --console-xmx} (default {@code 1g}), repeatable {@code --console-jvm-arg}
	 * and {@code --console-arg} (a Spring property such as
	 * {@code --mseg.push.heartbeat-interval=30s})
	 * @return the running console
	 */
	public static ConsoleProcess start(Options options) throws IOException, InterruptedException {
		Path jar = Path.of(options.string("console-jar", "console/target/console.jar", "console/target/console.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath()
					+ " does not exist: build it first with ./mvnw -B -DskipTests package, or give --console-jar");
		}
		int port = options.integer("port", 18443, 18443);
		Path dataDir = Files.createTempDirectory(Path.of("/tmp"), "mseg-bench-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
		byte[] secret = new byte[24];
		new SecureRandom().nextBytes(secret);
		String token = "bench" + HexFormat.of().formatHex(secret);
		List<String> command = new ArrayList<>();
		command.add(options.string("console-java", "java", "java"));
		command.add("-Xmx" + options.string("console-xmx", "1g", "1g"));
		command.addAll(options.all("console-jvm-arg"));
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		command.add("--server.port=" + port);
		// One source address enrolls every simulated enforcer.
		command.add("--mseg.enforcers.enrollments-per-minute=100000000");
		command.add("--logging.level.io.mseg.console.requests=WARN");
		command.addAll(options.all("console-arg"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dataDir.resolve("console.log").toFile());
		builder.environment().put("MSEG_DATA_DIR", dataDir.toString());
		builder.environment().put("MSEG_BOOTSTRAP_TOKEN", token);
		System.out.printf("starting the console: %s (data and console.log in %s)%n", String.join(" ", command),
				dataDir);
		Process process = builder.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
		Path caFile = dataDir.resolve("ca.pem");
		while (true) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"the console exited with " + process.exitValue() + "; see " + dataDir.resolve("console.log"));
			}
			if (System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException("the console was not ready within 240 s; see " + dataDir);
			}
			if (Files.isRegularFile(caFile) && Files.size(caFile) > 0) {
				X509Certificate ca = readCertificate(Files.readString(caFile));
				SSLContext trusting = trusting(ca);
				ConsoleProcess console = new ConsoleProcess(process, dataDir, port, token, ca, trusting);
				if (console.ready()) {
					System.out.printf("console ready (pid %d)%n", process.pid());
					return console;
				}
			}
			Thread.sleep(250);
		}
	}

	private boolean ready() {
		try {
			return get("/actuator/health/readiness").statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public URI uri(String path) {
		return URI.create("https://localhost:" + this.port + path);
	}

	public int port() {
		return this.port;
	}

	public String token() {
		return this.token;
	}

	public long pid() {
		return this.process.pid();
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public X509Certificate ca() {
		return this.ca;
	}

	/** An SSL context that trusts the console's CA (no client certificate). */
	public SSLContext trusting() {
		return this.trusting;
	}

	/**
	 * The console's memory right after a full collection ({@code jcmd <pid> GC.run}
	 * twice): the heap in use and the direct buffers (sums of
	 * {@code jvm_memory_used_bytes{area="heap"}} and
	 * {@code jvm_buffer_memory_used_bytes{id="direct"}} from
	 * {@code /actuator/prometheus}), and the process's resident set ({@code VmRSS}), so
	 * that memory moved off the heap is seen too.
	 */
	public Memory memoryAfterGc() throws IOException, InterruptedException {
		for (int i = 0; i < 2; i++) {
			Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid()), "GC.run").redirectErrorStream(true).start();
			jcmd.getInputStream().readAllBytes();
			if (jcmd.waitFor() != 0) {
				throw new IllegalStateException("jcmd GC.run failed for pid " + pid());
			}
		}
		String metrics = get("/actuator/prometheus").body();
		Matcher rss = RESIDENT.matcher(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
		return new Memory(sum(HEAP_USED, metrics), sum(DIRECT_USED, metrics),
				rss.find() ? Long.parseLong(rss.group(1)) * 1024 : 0);
	}

	private static long sum(Pattern metric, String metrics) {
		Matcher matcher = metric.matcher(metrics);
		double used = 0;
		while (matcher.find()) {
			used += Double.parseDouble(matcher.group(1));
		}
		return (long) used;
	}

	/**
	 * Bytes of memory of the console.
	 *
	 * @param heap heap in use
	 * @param direct direct buffers in use
	 * @param resident the process's resident set
	 */
	public record Memory(long heap, long direct, long resident) {

	}

	/**
	 * Runs a diagnostic command in the console ({@code jcmd <pid> <command...>}) and
	 * answers its output.
	 */
	public String jcmd(String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid())));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jcmd.waitFor();
		return output;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	static X509Certificate readCertificate(String pem) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.cert.CertificateException ex) {
			throw new IllegalStateException("not a PEM certificate", ex);
		}
	}

	static TrustManagerFactory trustManagers(X509Certificate ca) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("mseg-ca", ca);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return factory;
		}
		catch (IOException | java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SSLContext trusting(X509Certificate ca) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers(ca).getTrustManagers(), null);
			return context;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
