package io.mseg.enforcer.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.mseg.enforcer.dns.DnsInterception.DnsStatus;
import io.mseg.enforcer.enroll.CaPinning;
import io.mseg.enforcer.enroll.Credentials;
import io.mseg.enforcer.enroll.Pem;
import io.mseg.enforcer.support.TestPki;
import io.mseg.enforcer.support.TlsServer;
import io.mseg.policy.render.wire.SectionNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The HTTPS client and the CA pinning against a TLS server that serves the chain the way
 * the console does.
 */
class HttpConsoleClientTests {

	private static final TestPki PKI = new TestPki("console CA");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Map<String, String> seen = new ConcurrentHashMap<>();

	private final CountDownLatch closeStream = new CountDownLatch(1);

	private TlsServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = new TlsServer(PKI);
	}

	@AfterEach
	void stopServer() throws IOException {
		this.closeStream.countDown();
		this.server.close();
	}

	@Test
	void pinsTheCaOfTheServedChainByItsFingerprint() throws Exception {
		X509Certificate pinned = CaPinning.pinnedCa(this.server.uri(), Pem.fingerprint(PKI.ca()), TIMEOUT);
		assertThat(pinned).isEqualTo(PKI.ca());
	}

	@Test
	void refusesAConsoleWhoseChainLacksTheFingerprint() {
		TestPki other = new TestPki("someone else");
		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> CaPinning.pinnedCa(this.server.uri(), Pem.fingerprint(other.ca()), TIMEOUT))
			.withMessageContaining("fingerprint");
	}

	@Test
	void enrollsWithTheTokenAsBearerOverThePinnedCa() throws Exception {
		this.server.handle("/enforcers", (exchange) -> {
			this.seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
			this.seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			respond(exchange, 201, "{\"ID\":\"e1\",\"name\":\"web-1\",\"namespace\":\"/acme\",\"certificate\":\"C\","
					+ "\"caCertificate\":\"A\",\"certificateExpiration\":\"2030-01-01T00:00:00Z\",\"extra\":1}");
		});
		ConsoleApi api = new HttpConsoleClient(this.server.uriByName(), Credentials.trustingOnly(PKI.ca()), TIMEOUT);
		Certificates answer = api.enroll("msen_x.y", "web-1", "CSR");
		assertThat(answer.id()).isEqualTo("e1");
		assertThat(answer.certificateExpiration()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
		assertThat(this.seen.get("authorization")).isEqualTo("Bearer msen_x.y");
		assertThat(this.seen.get("body")).contains("\"name\":\"web-1\"").contains("\"certificateRequest\":\"CSR\"");
	}

	@Test
	void aServerOfAnotherCaIsNotTrusted() throws Exception {
		TestPki other = new TestPki("someone else");
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), Credentials.trustingOnly(other.ca()), TIMEOUT);
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> api.fetchPolicyIndex("e1", null))
			.satisfies((ex) -> assertThat(ex.unreachable()).isTrue());
	}

	@Test
	void presentsTheClientCertificateAndUsesIfNoneMatch() throws Exception {
		this.server.handle("/enforcers/e1/renderedpolicy/index", (exchange) -> {
			this.seen.put("client", clientSubject(exchange));
			String tag = exchange.getRequestHeaders().getFirst("If-None-Match");
			exchange.getResponseHeaders().add("ETag", "\"v2\"");
			if ("\"v2\"".equals(tag)) {
				exchange.sendResponseHeaders(304, -1);
				exchange.close();
			}
			else {
				respond(exchange, 200, "{\"version\":2}");
			}
		});
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		Fetched first = api.fetchPolicyIndex("e1", "\"v1\"");
		assertThat(first.json()).isEqualTo("{\"version\":2}");
		assertThat(first.etag()).isEqualTo("\"v2\"");
		Fetched second = api.fetchPolicyIndex("e1", first.etag());
		assertThat(second.notModified()).isTrue();
		assertThat(this.seen.get("client")).isEqualTo("CN=enforcer");
	}

	@Test
	void fetchesSectionsAndChecksEachAgainstItsName() throws Exception {
		String rules = "[{\"policyID\":\"p1\"}]";
		String addresses = "[\"10.0.0.1\"]";
		this.server.handle("/enforcers/e1/renderedpolicy/sections", (exchange) -> {
			this.seen.put("method", exchange.getRequestMethod());
			this.seen.put("accept", exchange.getRequestHeaders().getFirst("Accept"));
			this.seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			respond(exchange, 200,
					SectionNames.of(rules) + " " + rules + "\n" + SectionNames.of(addresses) + " " + addresses + "\n");
		});
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		List<String> names = List.of(SectionNames.of(rules), SectionNames.of(addresses));
		assertThat(api.fetchSections("e1", names)).containsExactly(Map.entry(names.get(0), rules),
				Map.entry(names.get(1), addresses));
		assertThat(this.seen.get("method")).isEqualTo("POST");
		assertThat(this.seen.get("accept")).isEqualTo("text/plain");
		assertThat(this.seen.get("body"))
			.isEqualTo("{\"sections\":[\"" + names.get(0) + "\",\"" + names.get(1) + "\"]}");
	}

	@Test
	void aSectionWhoseContentDoesNotMatchItsNameIsRefused() throws Exception {
		String name = SectionNames.of("[]");
		this.server.handle("/enforcers/e1/renderedpolicy/sections",
				(exchange) -> respond(exchange, 200, name + " [\"10.0.0.66\"]\n"));
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> api.fetchSections("e1", List.of(name)))
			.withMessageContaining("section " + name + " with content of another name");
	}

	@Test
	void aSectionLeftOutIsRefused() throws Exception {
		String name = SectionNames.of("[]");
		this.server.handle("/enforcers/e1/renderedpolicy/sections", (exchange) -> respond(exchange, 200, ""));
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> api.fetchSections("e1", List.of(name)))
			.withMessageContaining("left out 1 of the sections");
	}

	@Test
	void reportsTheStatusWithTheStringsTheConsoleAccepts() throws Exception {
		this.server.handle("/enforcers/e1/poke", (exchange) -> {
			this.seen.merge("bodies", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
					(a, b) -> a + "\n" + b);
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		Instant start = Instant.parse("2025-01-01T10:00:00Z");
		for (EnforcementStatus status : EnforcementStatus.values()) {
			api.poke("e1", new Status("1.0.0", start, null, status, new DnsStatus("Active", 2, 3, null), null));
		}
		assertThat(this.seen.get("bodies").lines().toList()).satisfiesExactly(
				(body) -> assertThat(body).contains("\"enforcementStatus\":\"Active\""),
				(body) -> assertThat(body).contains("\"enforcementStatus\":\"Failed\""),
				(body) -> assertThat(body).contains("\"enforcementStatus\":\"Inactive\""));
		assertThat(this.seen.get("bodies").lines().findFirst())
			.hasValueSatisfying((body) -> assertThat(body).contains("\"currentVersion\":\"1.0.0\"",
					"\"startTime\":\"2025-01-01T10:00:00Z\"",
					"\"dns\":{\"interception\":\"Active\",\"learnedNames\":2,\"learnedAddresses\":3"));
	}

	@Test
	void reportsTheWorkloadsOfNodeModeAndNullInHostMode() throws Exception {
		this.server.handle("/enforcers/e1/poke", (exchange) -> {
			this.seen.merge("bodies", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
					(a, b) -> a + "\n" + b);
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		Instant start = Instant.parse("2025-01-01T10:00:00Z");
		DnsStatus dns = new DnsStatus("Off", 0, 0, null);
		api.poke("e1", new Status("1.0.0", start, null, EnforcementStatus.ACTIVE, dns,
				new WorkloadStatus("directory:/var/lib/mseg/workloads", 2, List.of("web-3.json: not a workload"))));
		api.poke("e1", new Status("1.0.0", start, null, EnforcementStatus.ACTIVE, dns, null));

		assertThat(this.seen.get("bodies").lines().toList()).satisfiesExactly(
				(body) -> assertThat(body).contains("\"workloads\":{\"source\":\"directory:/var/lib/mseg/workloads\","
						+ "\"count\":2,\"problems\":[\"web-3.json: not a workload\"]}"),
				// like a null dns: the console reads a null as left out
				(body) -> assertThat(body).contains("\"workloads\":null"));
	}

	@Test
	void errorsCarryTheProblemDetailAndRetryAfter() throws Exception {
		this.server.handle("/enforcers/e1/processingunits", (exchange) -> {
			exchange.getResponseHeaders().add("Retry-After", "7");
			exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
			respond(exchange, 429, "{\"title\":\"Too Many Requests\",\"detail\":\"slow down\"}");
		});
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		assertThatExceptionOfType(ConsoleException.class)
			.isThrownBy(() -> api.registerUnits("e1",
					List.of(new ReportedUnit("h", "Host", null, List.of("10.0.0.1"), List.of()))))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(429);
				assertThat(ex.getMessage()).isEqualTo("the console answered 429: slow down");
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void readsTheEventStreamWithLastEventIdAndNoticesItsEnd() throws Exception {
		this.server.handle("/enforcers/e1/events", (exchange) -> {
			this.seen.put("last", String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
			this.seen.put("accept", exchange.getRequestHeaders().getFirst("Accept"));
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(":connected\n\nid: 13\nevent: policy\ndata: {\"version\":13}\n\n: heartbeat\n\n"
					.getBytes(StandardCharsets.UTF_8));
				body.flush();
				this.closeStream.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		try (EventStream stream = api.events("e1", "12")) {
			assertThat(stream.next(TIMEOUT)).isEqualTo(SseEvent.comment("connected"));
			assertThat(stream.next(TIMEOUT)).isEqualTo(new SseEvent("policy", "13", "{\"version\":13}"));
			assertThat(stream.next(TIMEOUT)).isEqualTo(SseEvent.comment("heartbeat"));
			assertThat(stream.next(Duration.ofMillis(200))).isNull();
			this.closeStream.countDown();
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> stream.next(TIMEOUT));
		}
		assertThat(this.seen.get("last")).isEqualTo("12");
		assertThat(this.seen.get("accept")).isEqualTo("text/event-stream");
	}

	@Test
	void aRefusedEventStreamSaysWhy() throws Exception {
		this.server.handle("/enforcers/e1/events", (exchange) -> respond(exchange, 401,
				"{\"title\":\"Unauthorized\",\"detail\":\"the enforcer was revoked\"}"));
		ConsoleApi api = new HttpConsoleClient(this.server.uri(), credentials().sslContext(), TIMEOUT);
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> api.events("e1", null))
			.withMessage("the console answered 401: the enforcer was revoked");
	}

	@Test
	void anUnreachableConsoleIsReportedAsSuch() throws Exception {
		ConsoleApi api = new HttpConsoleClient(URIs.closed(), credentials().sslContext(), TIMEOUT);
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> api.fetchPolicyIndex("e1", null))
			.satisfies((ex) -> assertThat(ex.unreachable()).isTrue());
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> api.events("e1", null))
			.satisfies((ex) -> assertThat(ex.unreachable()).isTrue());
	}

	private static Credentials credentials() throws GeneralSecurityException {
		KeyPair keys = TestPki.keyPair();
		X509Certificate certificate = PKI.client(keys.getPublic(), Instant.now().minusSeconds(60),
				Instant.now().plusSeconds(3600));
		return new Credentials(keys.getPrivate(), certificate, PKI.ca());
	}

	private static String clientSubject(HttpExchange exchange) {
		try {
			return ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
				.getSubjectX500Principal()
				.getName();
		}
		catch (SSLPeerUnverifiedException ex) {
			return "none";
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static final class URIs {

		static java.net.URI closed() throws IOException {
			try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
				return java.net.URI.create("https://127.0.0.1:" + socket.getLocalPort());
			}
		}

	}

}
