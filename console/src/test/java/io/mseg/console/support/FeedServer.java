package io.mseg.console.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mseg.console.pki.CertificateAuthority;
import io.mseg.console.pki.Pem;

/**
 * A feed publisher for tests: an HTTPS server on loopback, its certificate issued by a CA
 * of its own (given to sources as {@code caCertificate}), serving bodies the test sets,
 * with an {@code ETag} per body (answering {@code If-None-Match} with 304), and counting
 * the requests of each path.
 */
public final class FeedServer implements AutoCloseable {

	private final HttpsServer server;

	private final String caCertificate;

	private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

	public FeedServer() {
		try {
			CertificateAuthority ca = CertificateAuthority.create("feed test CA");
			KeyPair keys = CertificateAuthority.newKeyPair();
			Certificate certificate = ca.issueServerCertificate(keys.getPublic(), List.of("127.0.0.1", "localhost"),
					Duration.ofDays(1));
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("feed", keys.getPrivate(), new char[0], new Certificate[] { certificate });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(store, new char[0]);
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(keyManagers.getKeyManagers(), null, null);
			this.caCertificate = Pem.encode(ca.certificate());
			this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.setHttpsConfigurator(new HttpsConfigurator(tls));
			this.server.createContext("/", this::answer);
			this.server.setExecutor(Executors.newFixedThreadPool(4));
			this.server.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the feed server", ex);
		}
	}

	/** What one path serves. */
	public static final class Feed {

		private volatile String body;

		private volatile int status = 200;

		private volatile boolean etags = true;

		private volatile String lastIfNoneMatch;

		private final AtomicInteger requests = new AtomicInteger();

		/** Serves this body from now on (with 200). */
		public Feed body(String body) {
			this.body = body;
			this.status = 200;
			return this;
		}

		/** Answers this status, without a body, from now on. */
		public Feed status(int status) {
			this.status = status;
			return this;
		}

		/** Whether answers carry an ETag (and 304 is answered). */
		public Feed etags(boolean etags) {
			this.etags = etags;
			return this;
		}

		public int requests() {
			return this.requests.get();
		}

		/** The If-None-Match of the last request, or null. */
		public String lastIfNoneMatch() {
			return this.lastIfNoneMatch;
		}

	}

	/** Serves {@code body} at {@code path}; the feed, to change later. */
	public Feed serve(String path, String body) {
		return this.feeds.computeIfAbsent(path, (p) -> new Feed()).body(body);
	}

	public String url(String path) {
		return "https://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** PEM of the CA that issued the server's certificate. */
	public String caCertificate() {
		return this.caCertificate;
	}

	private void answer(HttpExchange exchange) throws IOException {
		try {
			Feed feed = this.feeds.get(exchange.getRequestURI().getPath());
			if (feed == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			feed.requests.incrementAndGet();
			feed.lastIfNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
			if (feed.status != 200) {
				exchange.sendResponseHeaders(feed.status, -1);
				return;
			}
			byte[] body = feed.body.getBytes(StandardCharsets.UTF_8);
			String etag = "\"" + sha256(body) + "\"";
			if (feed.etags) {
				exchange.getResponseHeaders().set("ETag", etag);
				if (etag.equals(feed.lastIfNoneMatch)) {
					exchange.sendResponseHeaders(304, -1);
					return;
				}
			}
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		finally {
			exchange.close();
		}
	}

	private static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
