package io.mseg.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.mseg.cli.ReadmeSession.Result;
import io.mseg.cli.output.Documents;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code msegctl flows} against a real console, typed as a user types it, each command a
 * process of the built jar. The flow records come from an enforcer enrolled as a real one
 * enrolls (an enrollment token, a CSR, its client certificate), which registers its
 * processing unit and sends a batch over mTLS, as the contract of issue 17 has it.
 *
 * <p>
 * The tenant is {@code /flowco} (its {@code prod} namespace holds the unit
 * {@code web-1}), not the {@code /acme} of the documentation: the console is shared with
 * the other integration tests, and the example session of docs/cli.md owns {@code /acme}
 * and its {@code web-1}.
 */
@Tag("integration")
@ExtendWith(RunningConsole.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlowsIntegrationTests {

	private static final String TENANT = "/flowco";

	private static final String PROD = TENANT + "/prod";

	private static final String OTHER_TENANT = "/flowother";

	private static final String ALLOW_POLICY = "allow clients to web";

	private static final String OBSERVE_POLICY = "observe web to db";

	private static final String WEB_ADDRESS = "10.91.0.5";

	/** How docs/cli.md has users run msegctl; the session runs the jar under test. */
	private static final String ALIAS = "alias msegctl='java -jar /path/to/cli/target/msegctl.jar'";

	private static ConsoleProcess console;

	private static HttpClient http;

	@TempDir
	static Path workDir;

	/** The user with the bootstrap token (admin of /). */
	private static ReadmeSession admin;

	private static Enforcer enforcer;

	private static String unitId;

	private static String allowPolicyId;

	private static String observePolicyId;

	/** The three records the enforcer sent, oldest first. */
	private static List<Map<String, Object>> sent;

	@BeforeAll
	static void prepare(ConsoleProcess running) throws Exception {
		console = running;
		http = HttpClient.newBuilder()
			.sslContext(ConsoleProcess.trusting(console.caFile()))
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		Files.writeString(workDir.resolve("no-configuration.yaml"), "{}\n");
		admin = session(RunningConsole.BOOTSTRAP_TOKEN);
		Files.writeString(workDir.resolve("flowco.yaml"), "name: " + TENANT.substring(1) + "\n");
		Files.writeString(workDir.resolve("flowother.yaml"), "name: " + OTHER_TENANT.substring(1) + "\n");
		Files.writeString(workDir.resolve("prod.yaml"), "name: prod\n");
		Files.writeString(workDir.resolve("policies.yaml"), """
				label: flows
				data:
				  networkaccesspolicies:
				  - name: %s
				    applyPolicyMode: IncomingTraffic
				    subject: [["app=client"]]
				    object: [["app=web"]]
				    ports: ["tcp/443"]
				    logsEnabled: true
				  - name: %s
				    action: Reject
				    applyPolicyMode: OutgoingTraffic
				    observationEnabled: true
				    logsEnabled: true
				    subject: [["app=web"]]
				    object: [["app=db"]]
				""".formatted(ALLOW_POLICY, OBSERVE_POLICY));
		succeeded(admin.run("msegctl apply --kind ns -f flowco.yaml -n /"));
		succeeded(admin.run("msegctl apply --kind ns -f flowother.yaml -n /"));
		succeeded(admin.run("msegctl apply --kind ns -f prod.yaml -n " + TENANT));
		succeeded(admin.run("msegctl apply -f policies.yaml -n " + PROD));
		allowPolicyId = id(admin.run("msegctl get netpol '" + ALLOW_POLICY + "' -n " + PROD + " -o json"));
		observePolicyId = id(admin.run("msegctl get netpol '" + OBSERVE_POLICY + "' -n " + PROD + " -o json"));

		String enrollmentToken = succeeded(
				admin.run("msegctl enrollment-token create -n " + PROD + " --expires-in 10m --tag role=web"))
			.out()
			.strip();
		enforcer = Enforcer.enroll(enrollmentToken, "flows-it");
		unitId = enforcer.register("web-1", WEB_ADDRESS);
		assertThat(id(admin.run("msegctl get pu web-1 -n " + PROD + " -o json"))).isEqualTo(unitId);

		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		sent = List.of(
				record(now.minusSeconds(30), 3, "Incoming", "10.91.0.9", WEB_ADDRESS, 443, "Allow", false, "Policy",
						allowPolicyId),
				record(now.minusSeconds(20), 1, "Incoming", "203.0.113.7", WEB_ADDRESS, 22, "Reject", false,
						"DefaultReject", null),
				record(now.minusSeconds(10), 2, "Outgoing", WEB_ADDRESS, "10.91.0.20", 5432, "Reject", true, "Policy",
						observePolicyId));
		assertThat(enforcer.send(sent)).isEqualTo(204);
	}

	@Test
	@Order(1)
	void theTableShowsTheTenantsRecordsOldestFirstWithTheUnitsName() throws Exception {
		Result result = succeeded(admin.run("msegctl flows -n " + TENANT));
		List<String> lines = result.out().lines().map((line) -> line.strip().replaceAll("\\s+", " ")).toList();
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).isEqualTo("TIME PU DIRECTION SOURCE DESTINATION PROTO ACTION REASON POLICY COUNT");
		assertThat(lines.get(1))
			.matches(time(0) + " web-1 Incoming 10\\.91\\.0\\.9 10\\.91\\.0\\.5:443 tcp Allow Policy "
					+ Pattern.quote(allowPolicyId) + " 3");
		assertThat(lines.get(2))
			.matches(time(1) + " web-1 Incoming 203\\.0\\.113\\.7 10\\.91\\.0\\.5:22 tcp Reject DefaultReject \\S+ 1");
		assertThat(lines.get(3)).matches(time(2) + " web-1 Outgoing 10\\.91\\.0\\.5 10\\.91\\.0\\.20:5432 tcp "
				+ "Reject \\(observed\\) Policy " + Pattern.quote(observePolicyId) + " 2");
		assertThat(lines.get(2)).as("a default reject names no policy").doesNotContain(allowPolicyId, observePolicyId);
		assertThat(result.err()).isEmpty();
	}

	@Test
	@Order(2)
	void jsonFilteredByActionAndPolicyNameIsWhatTheConsoleStores() throws Exception {
		Result result = succeeded(
				admin.run("msegctl flows --action reject --policy '" + OBSERVE_POLICY + "' -o json -n " + TENANT));
		JsonNode printed = Documents.JSON.readTree(result.out());
		assertThat(printed.isArray()).isTrue();
		assertThat(printed).hasSize(1);
		JsonNode record = printed.get(0);
		assertThat(record.path("processingUnitID").asString()).isEqualTo(unitId);
		assertThat(record.path("namespace").asString()).isEqualTo(PROD);
		assertThat(record.path("action").asString()).isEqualTo("Reject");
		assertThat(record.path("observed").asBoolean()).isTrue();
		assertThat(record.path("policyID").asString()).isEqualTo(observePolicyId);
		assertThat(record.path("explain").asString())
			.isEqualTo("/flowreports/" + record.path("ID").asString() + "/explain");
		JsonNode stored = get(TENANT, "/flowreports?action=Reject&policyID=" + observePolicyId + "&since="
				+ Instant.now().minus(Duration.ofHours(1)));
		assertThat(printed).isEqualTo(reversed(stored));
		// Every Reject of the tenant, both ways, oldest first.
		JsonNode rejects = Documents.JSON
			.readTree(succeeded(admin.run("msegctl flows --action Reject -o json -n " + TENANT)).out());
		assertThat(rejects.findValuesAsString("reason")).containsExactly("DefaultReject", "Policy");
		assertThat(rejects).isEqualTo(
				reversed(get(TENANT, "/flowreports?action=Reject&since=" + Instant.now().minus(Duration.ofHours(1)))));
		// YAML says the same.
		JsonNode yaml = Documents.YAML
			.readTree(succeeded(admin.run("msegctl flows --pu web-1 --port 443 -o yaml -n " + PROD)).out());
		assertThat(yaml).hasSize(1);
		assertThat(yaml.get(0).path("policyID").asString()).isEqualTo(allowPolicyId);
		assertThat(yaml.get(0).path("count").asInt()).isEqualTo(3);
	}

	@Test
	@Order(3)
	void aUnitThatDoesNotExistExitsWithFour() throws Exception {
		Result result = admin.run("msegctl flows --pu nosuch -n " + TENANT);
		assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(result.err()).contains("--pu nosuch").contains(TENANT);
		assertThat(result.out()).isEmpty();
	}

	@Test
	@Order(4)
	void aDurationMsegctlDoesNotKnowExitsWithTwoBeforeAnyRequest() throws Exception {
		// A console that does not listen: any request would end in 3.
		ReadmeSession nowhere = new ReadmeSession(jar(), workDir,
				Map.of("MSEGCTL_URL", "https://127.0.0.1:" + ConsoleProcess.freePort(), "MSEGCTL_CA",
						console.caFile().toString(), "MSEGCTL_TOKEN", RunningConsole.BOOTSTRAP_TOKEN, "MSEGCTL_CONFIG",
						workDir.resolve("no-configuration.yaml").toString()));
		nowhere.alias(ALIAS);
		Result result = nowhere.run("msegctl flows --since 1w -n " + TENANT);
		assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("--since 1w is not a duration").doesNotContain("cannot reach");
		assertThat(result.out()).isEmpty();
	}

	@Test
	@Order(5)
	void anAdminOfAnotherTenantSeesNothing() throws Exception {
		String otherAdmin = succeeded(
				admin.run("msegctl token create --name flows-other --role admin --expires-in 1h -n " + OTHER_TENANT))
			.out()
			.strip();
		ReadmeSession other = session(otherAdmin);
		Result own = succeeded(other.run("msegctl flows -o json -n " + OTHER_TENANT));
		assertThat(Documents.JSON.readTree(own.out()).isArray()).isTrue();
		assertThat(Documents.JSON.readTree(own.out())).isEmpty();
		Result table = succeeded(other.run("msegctl flows -n " + OTHER_TENANT));
		assertThat(table.out()).isEmpty();
		assertThat(table.err()).contains("No flow records in " + OTHER_TENANT + " or below in the last 1h.");
		Result foreign = other.run("msegctl flows -o json -n " + TENANT);
		assertThat(foreign.code()).as(foreign.err()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(foreign.out()).doesNotContain(unitId);
		assertThat(foreign.err()).doesNotContain(unitId).doesNotContain(otherAdmin);
	}

	@Test
	@Order(6)
	void followPrintsEachNewRecordAsOneJsonLine() throws Exception {
		Process follow = start("msegctl flows -f -o json --action Reject -n " + TENANT);
		try {
			BlockingQueue<String> lines = new LinkedBlockingQueue<>();
			StringBuffer err = new StringBuffer();
			CompletableFuture.runAsync(() -> readLines(follow.getInputStream(), lines::add));
			CompletableFuture
				.runAsync(() -> readLines(follow.getErrorStream(), (line) -> err.append(line).append('\n')));
			// The recent Rejects first, one line each.
			for (int i = 0; i < 2; i++) {
				String line = lines.poll(60, TimeUnit.SECONDS);
				assertThat(line).as("a recent record; stderr: " + err).isNotNull();
				assertThat(Documents.JSON.readTree(line).path("action").asString()).isEqualTo("Reject");
			}
			awaitSubscriber(follow, err);
			Instant sentAt = Instant.now();
			Map<String, Object> fresh = record(sentAt.truncatedTo(ChronoUnit.MICROS), 1, "Incoming", "198.51.100.77",
					WEB_ADDRESS, 8080, "Reject", false, "DefaultReject", null);
			assertThat(enforcer.send(List.of(fresh))).isEqualTo(204);
			String line = lines.poll(10, TimeUnit.SECONDS);
			assertThat(line).as("a line within 10 s of the batch; stderr: " + err).isNotNull();
			assertThat(line).doesNotContain("\n");
			JsonNode record = Documents.JSON.readTree(line);
			assertThat(record.path("sourceAddress").asString()).isEqualTo("198.51.100.77");
			assertThat(record.path("destinationPort").asInt()).isEqualTo(8080);
			assertThat(record.path("processingUnitID").asString()).isEqualTo(unitId);
			assertThat(record.path("namespace").asString()).isEqualTo(PROD);
			assertThat(record.path("reason").asString()).isEqualTo("DefaultReject");
			assertThat(follow.isAlive()).as("following until interrupted").isTrue();
		}
		finally {
			follow.destroy();
			if (!follow.waitFor(30, TimeUnit.SECONDS)) {
				follow.destroyForcibly();
			}
		}
	}

	@Test
	@Order(7)
	void followWithAViewerTokenExitsWithOneAndSaysItNeedsAnAdmin() throws Exception {
		String viewerToken = succeeded(
				admin.run("msegctl token create --name flows-viewer --role viewer --expires-in 1h -n " + TENANT))
			.out()
			.strip();
		ReadmeSession viewer = session(viewerToken);
		// Listing is a viewer's right.
		assertThat(Documents.JSON.readTree(succeeded(viewer.run("msegctl flows -o json -n " + TENANT)).out()))
			.hasSizeGreaterThanOrEqualTo(3);
		Result result = viewer.run("msegctl flows -f -o json --action Reject -n " + TENANT);
		assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(result.err()).contains("403")
			.contains("--follow reads GET /flowreports/events, which needs a token with the admin role in " + TENANT)
			.doesNotContain(viewerToken);
	}

	private static Path jar() {
		return Path.of(System.getProperty("msegctl.jar", "target/msegctl.jar"));
	}

	/** A shell of a user with this token and no configuration file. */
	private static ReadmeSession session(String token) {
		ReadmeSession session = new ReadmeSession(jar(), workDir,
				Map.of("MSEGCTL_URL", console.url().toString(), "MSEGCTL_CA", console.caFile().toString(),
						"MSEGCTL_TOKEN", token, "MSEGCTL_CONFIG", workDir.resolve("no-configuration.yaml").toString()));
		session.alias(ALIAS);
		return session;
	}

	/** {@code msegctl ...} started as the admin's shell would, left running. */
	private static Process start(String line) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
						jar().toAbsolutePath().toString()));
		command.addAll(ReadmeSession.words(line.substring("msegctl ".length())));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("MSEGCTL_"));
		builder.environment()
			.putAll(Map.of("MSEGCTL_URL", console.url().toString(), "MSEGCTL_CA", console.caFile().toString(),
					"MSEGCTL_TOKEN", RunningConsole.BOOTSTRAP_TOKEN, "MSEGCTL_CONFIG",
					workDir.resolve("no-configuration.yaml").toString()));
		Process process = builder.start();
		process.getOutputStream().close();
		return process;
	}

	private static void readLines(InputStream in, Consumer<String> lines) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.accept(line);
			}
		}
		catch (IOException ex) {
			// The process was destroyed.
		}
	}

	/**
	 * Waits until the console counts a live tail ({@code mseg_flow_subscribers} on
	 * /actuator/prometheus): a record stored before would only be in the list.
	 */
	private static void awaitSubscriber(Process follow, StringBuffer err) throws Exception {
		Pattern gauge = Pattern.compile("(?m)^mseg_flow_subscribers(?:\\{[^}]*\\})? ([0-9.]+)");
		Instant deadline = Instant.now().plusSeconds(30);
		while (Instant.now().isBefore(deadline)) {
			assertThat(follow.isAlive()).as("msegctl follows; stderr: " + err).isTrue();
			HttpResponse<String> metrics = http.send(
					HttpRequest.newBuilder(console.url().resolve("/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher matcher = gauge.matcher(metrics.body());
			if (matcher.find() && Double.parseDouble(matcher.group(1)) >= 1) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the console never counted msegctl's live tail; stderr: " + err);
	}

	/** The regex of the time column of the i-th record sent (to the second). */
	private static String time(int i) {
		return Pattern.quote(Instant.parse((String) sent.get(i).get("time")).toString());
	}

	private static Result succeeded(Result result) {
		assertThat(result.code()).as("'msegctl " + result.command() + "': " + result.err()).isZero();
		assertThat(result.out() + result.err()).as("never the bootstrap token")
			.doesNotContain(RunningConsole.BOOTSTRAP_TOKEN);
		return result;
	}

	private static String id(Result result) {
		return Documents.JSON.readTree(succeeded(result).out()).path("ID").asString();
	}

	private static JsonNode reversed(JsonNode list) {
		List<JsonNode> items = new ArrayList<>();
		list.forEach(items::add);
		Collections.reverse(items);
		return Documents.JSON.valueToTree(items);
	}

	/** {@code GET path} of the console in {@code namespace}, as the bootstrap admin. */
	private static JsonNode get(String namespace, String pathAndQuery) throws Exception {
		String[] parts = pathAndQuery.split("\\?", 2);
		StringBuilder query = new StringBuilder();
		if (parts.length > 1) {
			for (String pair : parts[1].split("&")) {
				String[] nameValue = pair.split("=", 2);
				query.append(query.isEmpty() ? "?" : "&")
					.append(nameValue[0])
					.append('=')
					.append(URLEncoder.encode(nameValue[1], StandardCharsets.UTF_8));
			}
		}
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(console.url().resolve(parts[0] + query))
			.header("Authorization", "Bearer " + RunningConsole.BOOTSTRAP_TOKEN)
			.header("X-Namespace", namespace)
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Documents.JSON.readTree(response.body());
	}

	static Map<String, Object> record(Instant time, int count, String direction, String source, String destination,
			int port, String action, boolean observed, String reason, String policyId) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("time", time.toString());
		record.put("count", count);
		record.put("processingUnitID", unitId);
		record.put("direction", direction);
		record.put("protocol", "tcp");
		record.put("sourceAddress", source);
		record.put("destinationAddress", destination);
		record.put("destinationPort", port);
		record.put("action", action);
		record.put("observed", observed);
		record.put("reason", reason);
		if (policyId != null) {
			record.put("policyID", policyId);
		}
		return record;
	}

	/**
	 * An enforcer as the reference one enrolls: its own key, a CSR sent with the
	 * enrollment token, then every call with the certificate the console issued.
	 */
	private static final class Enforcer {

		private final String id;

		private final HttpClient mtls;

		private Enforcer(String id, HttpClient mtls) {
			this.id = id;
			this.mtls = mtls;
		}

		static Enforcer enroll(String enrollmentToken, String name) throws Exception {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keys = generator.generateKeyPair();
			byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), keys.getPublic())
				.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
				.getEncoded();
			String pem = "-----BEGIN CERTIFICATE REQUEST-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(csr)
					+ "\n-----END CERTIFICATE REQUEST-----\n";
			HttpResponse<String> enrolled = http.send(HttpRequest.newBuilder(console.url().resolve("/enforcers"))
				.header("Authorization", "Bearer " + enrollmentToken)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString(Documents.jsonLine(Map.of("name", name, "certificateRequest", pem))))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
			JsonNode answer = Documents.JSON.readTree(enrolled.body());
			List<Certificate> chain = new ArrayList<>(CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(
						answer.path("certificate").asString().getBytes(StandardCharsets.US_ASCII))));
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			char[] password = "enforcer".toCharArray();
			keyStore.setKeyEntry("enforcer", keys.getPrivate(), password, chain.toArray(Certificate[]::new));
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, password);
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			try (InputStream in = Files.newInputStream(console.caFile())) {
				int i = 0;
				for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
					trusted.setCertificateEntry("ca-" + i++, ca);
				}
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
			return new Enforcer(answer.path("ID").asString(),
					HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build());
		}

		/** Declares one unit ({@code PUT /enforcers/{id}/processingunits}); its ID. */
		String register(String name, String address) throws Exception {
			HttpResponse<String> response = call("PUT", "/processingunits", Documents.jsonLine(List
				.of(Map.of("name", name, "addresses", List.of(address), "associatedTags", List.of("app=web")))));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode units = Documents.JSON.readTree(response.body());
			assertThat(units).hasSize(1);
			return units.get(0).path("ID").asString();
		}

		/** Sends one batch of these records; the status. */
		int send(List<Map<String, Object>> records) throws Exception {
			Map<String, Object> batch = new LinkedHashMap<>();
			batch.put("batchID", UUID.randomUUID().toString());
			batch.put("dropped", Map.of("flows", 0, "records", 0));
			batch.put("records", records);
			HttpResponse<String> response = call("POST", "/flowreports", Documents.jsonLine(batch));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
			return response.statusCode();
		}

		private HttpResponse<String> call(String method, String path, String body) throws Exception {
			return this.mtls.send(HttpRequest.newBuilder(URI.create(console.url() + "/enforcers/" + this.id + path))
				.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
