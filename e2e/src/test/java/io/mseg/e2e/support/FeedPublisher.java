package io.mseg.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A publisher of feeds for external networks: an HTTPS server in the test JVM, on
 * 127.0.0.1 of the root namespace at a random port, that answers each path with what the
 * test last set for it ({@link #publish}: the body with an {@code ETag}, and 304 to a
 * request whose {@code If-None-Match} names it; {@link #fail}: a status without a body;
 * any other path: 404), and records every request. Its key and self-signed certificate
 * (an EC key, {@code 127.0.0.1} as IP SAN) are made by the JDK's {@code keytool} (the
 * module has no Bouncy Castle); a self-signed certificate is its own trust anchor, so
 * {@link #caCertificate()} is what a source gives as {@code caCertificate}.
 */
public final class FeedPublisher implements AutoCloseable {

	/**
	 * One request the publisher answered.
	 *
	 * @param time when it came
	 * @param path its path
	 * @param ifNoneMatch its {@code If-None-Match}, or {@code null}
	 * @param status the status answered
	 * @param etag the {@code ETag} answered (with 200 and 304), or {@code null}
	 */
	public record Request(Instant time, String path, String ifNoneMatch, int status, String etag) {

	}

	/** What a path answers: a body under an ETag, or a status alone. */
	private record Answer(int status, byte[] body, String etag) {

	}

	private static final String ALIAS = "feeds";

	private final HttpsServer server;

	private final ExecutorService executor;

	private final String certificate;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final List<Request> requests = new ArrayList<>();

	/**
	 * Makes a key and certificate in a directory and starts serving.
	 * @param directory where the key store goes (a directory of the test's)
	 */
	public FeedPublisher(Path directory) {
		String password = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		Path store = directory.resolve("feed-publisher.p12");
		keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=mseg e2e feeds", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				store.toString(), "-storepass", password, "-keypass", password);
		this.certificate = pem(store, password);
		this.executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "feed-publisher");
			thread.setDaemon(true);
			return thread;
		});
		try {
			this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.setHttpsConfigurator(new HttpsConfigurator(tls(store, password)));
			this.server.createContext("/", this::answer);
			this.server.setExecutor(this.executor);
			this.server.start();
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new IllegalStateException("cannot start the feed publisher", ex);
		}
	}

	/** The port it listens on, on 127.0.0.1 of the root namespace. */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The PEM of its certificate, for a source's {@code caCertificate}. */
	public String caCertificate() {
		return this.certificate;
	}

	/**
	 * Serves a body at a path from now on, with an ETag of its own.
	 * @param path e.g. {@code /partners.txt}
	 * @param body the feed's text
	 * @return the ETag
	 */
	public String publish(String path, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String etag = "\"" + sha256(bytes).substring(0, 16) + "\"";
		this.answers.put(path, new Answer(200, bytes, etag));
		return etag;
	}

	/**
	 * Answers a path with a status and no body from now on.
	 * @param path the path
	 * @param status e.g. 503
	 */
	public void fail(String path, int status) {
		this.answers.put(path, new Answer(status, null, null));
	}

	/**
	 * The requests for a path so far, oldest first.
	 * @param path the path
	 * @return the requests
	 */
	public List<Request> requests(String path) {
		synchronized (this.requests) {
			return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
		}
	}

	/**
	 * Whether a path has been answered with a status (and, for 200 and 304, that ETag).
	 * @param path the path
	 * @param status the status
	 * @param etag the ETag, or {@code null} for any
	 * @return whether such an answer went out
	 */
	public boolean answered(String path, int status, String etag) {
		return requests(path).stream()
			.anyMatch((request) -> request.status() == status && (etag == null || etag.equals(request.etag())));
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.transferTo(OutputStream.nullOutputStream());
			String path = exchange.getRequestURI().getPath();
			String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
			Answer answer = this.answers.getOrDefault(path, new Answer(404, null, null));
			int status = answer.status();
			if (status == 200 && answer.etag().equals(ifNoneMatch)) {
				status = 304;
			}
			synchronized (this.requests) {
				this.requests.add(new Request(Instant.now(), path, ifNoneMatch, status, answer.etag()));
			}
			if (answer.etag() != null) {
				exchange.getResponseHeaders().set("ETag", answer.etag());
			}
			if (status == 200) {
				exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
				exchange.sendResponseHeaders(200, answer.body().length);
				exchange.getResponseBody().write(answer.body());
			}
			else {
				// -1: no body (304 must have none; a failure needs none).
				exchange.sendResponseHeaders(status, -1);
			}
		}
		finally {
			exchange.close();
		}
	}

	private static SSLContext tls(Path store, String password) {
		try {
			KeyStore keys = load(store, password);
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keys, password.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(factory.getKeyManagers(), null, null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the feed publisher's key store " + store, ex);
		}
	}

	/** The certificate as PEM, as {@code keytool -exportcert -rfc} writes it. */
	private static String pem(Path store, String password) {
		try {
			byte[] der = load(store, password).getCertificate(ALIAS).getEncoded();
			return "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the feed publisher's certificate from " + store, ex);
		}
	}

	private static KeyStore load(Path store, String password) throws Exception {
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(in, password.toCharArray());
			return keys;
		}
	}

	private static String keytool(String... arguments) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
		command.addAll(List.of(arguments));
		Shell.Result result = Shell.run(Duration.ofSeconds(60), command);
		if (!result.ok()) {
			throw new IllegalStateException("keytool " + arguments[0] + " failed: " + result.output());
		}
		return result.output();
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
