package io.mseg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.mseg.cli.http.Fingerprints;

/**
 * A real console, started from {@code console/target/console.jar} as a process with a
 * fresh data directory (embedded PostgreSQL, its own CA), for the integration tests.
 */
final class ConsoleProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final Process process;

	private final Path dataDir;

	private final Path log;

	private final int port;

	private ConsoleProcess(Process process, Path dataDir, Path log, int port) {
		this.process = process;
		this.dataDir = dataDir;
		this.log = log;
		this.port = port;
	}

	static ConsoleProcess start(String bootstrapToken) throws Exception {
		Path jar = Path.of(System.getProperty("console.jar", "../console/target/console.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath() + " does not exist: build the console first "
					+ "(./mvnw -pl policy,console -DskipTests package, or ./mvnw verify from the top)");
		}
		// PostgreSQL runs as an unprivileged user when the tests run as root: the data
		// directory must be reachable by others.
		Path dataDir = Files.createTempDirectory(Path.of("/tmp"), "msegctl-it-");
		Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path log = Files.createTempFile("msegctl-it-console-", ".log");
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toAbsolutePath().toString(), "--server.port=" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().remove("SPRING_DATASOURCE_URL");
		builder.environment().put("MSEG_DATA_DIR", dataDir.toString());
		builder.environment().put("MSEG_BOOTSTRAP_TOKEN", bootstrapToken);
		// Feeds published by the tests, on loopback over plain http.
		builder.environment().put("MSEG_FEEDS_ALLOWHTTP", "true");
		builder.environment().put("MSEG_FEEDS_ALLOWEDHOSTS", "127.0.0.1");
		ConsoleProcess console = new ConsoleProcess(builder.start(), dataDir, log, port);
		try {
			console.awaitHealthy();
		}
		catch (Exception | AssertionError ex) {
			console.close();
			throw ex;
		}
		return console;
	}

	URI url() {
		return URI.create("https://localhost:" + this.port);
	}

	int port() {
		return this.port;
	}

	/** The console's data directory, where it keeps ca.pem and bootstrap-token. */
	Path dataDir() {
		return this.dataDir;
	}

	Path caFile() {
		return this.dataDir.resolve("ca.pem");
	}

	String caFingerprint() throws Exception {
		try (InputStream in = Files.newInputStream(caFile())) {
			return Fingerprints.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
	}

	private void awaitHealthy() throws Exception {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		HttpClient client = null;
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the console exited with " + this.process.exitValue() + ":\n" + tail());
			}
			if (client == null && Files.exists(caFile())) {
				client = HttpClient.newBuilder().sslContext(trusting(caFile())).build();
			}
			if (client != null) {
				try {
					HttpResponse<Void> response = client.send(
							HttpRequest.newBuilder(url().resolve("/actuator/health")).build(),
							HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the console was not healthy within " + STARTUP_TIMEOUT + ":\n" + tail());
	}

	static SSLContext trusting(Path pem) throws Exception {
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		store.load(null, null);
		try (InputStream in = Files.newInputStream(pem)) {
			int i = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("ca-" + i++, certificate);
			}
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/** A port nothing listens on (right now). */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws Exception {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		// The embedded PostgreSQL is the console's child: make sure it is gone too.
		for (ProcessHandle descendant : descendants) {
			if (descendant.isAlive()) {
				descendant.destroy();
			}
		}
		for (ProcessHandle descendant : descendants) {
			try {
				descendant.onExit().get(30, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				descendant.destroyForcibly();
			}
		}
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		Files.deleteIfExists(this.log);
	}

}
