package io.mseg.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.mseg.cli.output.Documents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * msegctl against a real console, started from the console's jar with a fresh data
 * directory. Each test works in a namespace of its own.
 */
@Tag("integration")
@ExtendWith(RunningConsole.class)
class MsegctlIntegrationTests {

	private static final String BOOTSTRAP_TOKEN = RunningConsole.BOOTSTRAP_TOKEN;

	private static ConsoleProcess console;

	@TempDir
	Path home;

	@BeforeAll
	static void connect(ConsoleProcess running) {
		console = running;
	}

	record Result(int code, String out, String err) {

		JsonNode json() {
			return Documents.JSON.readTree(this.out);
		}

		JsonNode yaml() {
			return Documents.YAML.readTree(this.out);
		}

	}

	private Map<String, String> environment() {
		Map<String, String> variables = new HashMap<>();
		variables.put("MSEGCTL_URL", console.url().toString());
		variables.put("MSEGCTL_TOKEN", BOOTSTRAP_TOKEN);
		variables.put("MSEGCTL_CA", console.caFile().toString());
		return variables;
	}

	private Result msegctl(String... args) {
		return msegctl(environment(), "", args);
	}

	private Result msegctl(Map<String, String> variables, String stdin, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		Environment environment = new Environment(variables,
				new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), this.home);
		int code = Msegctl.execute(environment, new PrintWriter(out), new PrintWriter(err), args);
		Result result = new Result(code, out.toString(), err.toString());
		assertThat(result.out() + result.err()).as("msegctl never prints the token").doesNotContain(BOOTSTRAP_TOKEN);
		return result;
	}

	private Path file(String name, String content) throws Exception {
		Path file = this.home.resolve(name);
		Files.writeString(file, content);
		return file;
	}

	/** A new top-level namespace for one test. */
	private String namespace(String name) throws Exception {
		Result result = msegctl("apply", "--kind", "namespaces", "-n", "/", "-f",
				file("ns-" + name + ".yaml", "name: " + name + "\n").toString());
		assertThat(result.code()).as(result.err()).isZero();
		return "/" + name;
	}

	private static String document(String policyName) {
		return """
				label: git
				data:
				  externalnetworks:
				  - name: internet
				    entries: ["0.0.0.0/0"]
				    servicePorts: ["tcp/443"]
				    associatedTags: ["ext:name=internet"]
				  networkaccesspolicies:
				  - name: %s
				    applyPolicyMode: IncomingTraffic
				    subject: [["ext:name=internet", "$identity=externalnetwork"]]
				    object: [["app=web", "$identity=processingunit"]]
				  processingunits:
				  - name: web-1
				    addresses: ["%s"]
				    associatedTags: ["app=web"]
				""".formatted(policyName, "10.77.0." + (Math.abs(policyName.hashCode()) % 250 + 1));
	}

	@Test
	void applyCreatesAndApplyingAgainChangesNothing() throws Exception {
		String ns = namespace("apply");
		Path document = file("apply.yaml", document("allow internet to web"));
		Result first = msegctl("apply", "-f", document.toString(), "-n", ns);
		assertThat(first.code()).as(first.err()).isZero();
		assertThat(first.out()).contains("created   networkaccesspolicy   /apply      allow internet to web")
			.contains("Applied to /apply: 3 created, 0 updated, 0 deleted, 0 unchanged.");
		Result again = msegctl("apply", "-f", document.toString(), "-n", ns);
		assertThat(again.code()).isZero();
		assertThat(again.out()).isEqualTo("Applied to /apply: nothing changed (3 unchanged)." + System.lineSeparator());
	}

	@Test
	void applyReadsJsonFromStandardInputAndPrintsTheRawAnswerOnRequest() throws Exception {
		String ns = namespace("stdin");
		String json = Documents.JSON.writeValueAsString(Documents.YAML.readTree(document("from stdin")));
		Result result = msegctl(environment(), json, "apply", "-f", "-", "-n", ns, "-o", "json");
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.json().path("created").findValuesAsString("name")).contains("from stdin", "web-1");
	}

	@Test
	void aDryRunShowsTheChangesAndWritesNothing() throws Exception {
		String ns = namespace("dryrun");
		Result dryRun = msegctl("apply", "--dry-run", "-f", file("dry.yaml", document("dry")).toString(), "-n", ns);
		assertThat(dryRun.code()).as(dryRun.err()).isZero();
		assertThat(dryRun.out()).contains("created    networkaccesspolicy   /dryrun     dry")
			.contains("Dry run in /dryrun, nothing written: 3 created");
		Result get = msegctl("get", "netpol", "-n", ns, "-o", "json");
		assertThat(get.code()).isZero();
		assertThat(get.json()).isEmpty();
		Result table = msegctl("get", "pu", "-n", ns);
		assertThat(table.out()).isEmpty();
		assertThat(table.err()).contains("No processingunits in /dryrun.");
	}

	@Test
	void aSingleObjectIsAppliedWithKind() throws Exception {
		String ns = namespace("single");
		Result result = msegctl("apply", "--kind", "netpol", "-n", ns, "-f", file("one.yaml", """
				name: only policy
				subject: [["app=a"]]
				object: [["app=b"]]
				""").toString());
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(msegctl("get", "netpol", "only policy", "-n", ns, "-o", "yaml").yaml().path("name").asString())
			.isEqualTo("only policy");
	}

	@Test
	void aSingleObjectIsAppliedAsTheKindItsFieldsTell() throws Exception {
		String ns = namespace("told");
		Path policy = file("policy.yaml", """
				name: told by its fields
				subject: [["app=a"]]
				object: [["app=b"]]
				""");
		Result first = msegctl("apply", "-f", policy.toString(), "-n", ns);
		assertThat(first.code()).as(first.err()).isZero();
		assertThat(first.out()).contains("created   networkaccesspolicy   /told       told by its fields")
			.contains("Applied to /told: 1 created, 0 updated, 0 deleted, 0 unchanged.");
		Result again = msegctl("apply", "-f", policy.toString(), "-n", ns);
		assertThat(again.out()).isEqualTo("Applied to /told: nothing changed (1 unchanged)." + System.lineSeparator());
	}

	@Test
	void aStreamOfObjectsOfSeveralKindsIsAppliedAndDeletesNothing() throws Exception {
		String ns = namespace("stream");
		assertThat(msegctl("apply", "-f", file("existing.yaml", document("existing")).toString(), "-n", ns).code())
			.isZero();
		Result result = msegctl("apply", "-n", ns, "-f", file("stream.yaml", """
				name: db-1
				addresses: ["10.78.0.1"]
				---
				- name: intranet
				  entries: ["10.0.0.0/8"]
				- name: web to db
				  subject: [["app=web"]]
				  object: [["app=db"]]
				""").toString());
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.out()).contains("Applied to /stream: 3 created, 0 updated, 0 deleted, 0 unchanged.");
		assertThat(msegctl("get", "netpol", "-n", ns, "-o", "json").json().findValuesAsString("name"))
			.containsExactlyInAnyOrder("existing", "web to db");
	}

	@Test
	void contentApplyDoesNotUnderstandExitsWithTwoAndIsNeverNothingChanged() throws Exception {
		String ns = namespace("misread");
		Map<String, String> contents = Map.of("misspelled data", "daat:\n  namespaces: [{name: prod}]\n",
				"unknown top-level key", "data:\n  namespaces: [{name: prod}]\nlables: [x]\n", "unknown kind",
				"data:\n  netpols: [{name: p}]\n", "empty", "", "no objects", "data: {}\n", "namespace without --kind",
				"name: prod\n");
		for (Map.Entry<String, String> content : contents.entrySet()) {
			Result result = msegctl("apply", "-n", ns, "-f", file("misread.yaml", content.getValue()).toString());
			assertThat(result.code()).as(content.getKey() + ": " + result.err()).isEqualTo(ExitCodes.USAGE);
			assertThat(result.out()).as(content.getKey()).isEmpty();
		}
		assertThat(msegctl("get", "ns", "-n", ns, "-r", "-o", "json").json()).as("no namespace created below")
			.isEmpty();
	}

	@Test
	void anInvalidDocumentExitsWithOneAndListsEveryFieldError() throws Exception {
		String ns = namespace("invalid");
		Result result = msegctl("apply", "-n", ns, "-f", file("bad.yaml", """
				data:
				  networkaccesspolicies:
				  - name: bad
				    subject: [["app="]]
				    object: [["app=web"]]
				    ports: ["tcp/99999"]
				""").toString());
		assertThat(result.code()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(result.err()).startsWith("error: the console refused the request: 422")
			.contains("2 fields are invalid")
			.contains("  data.networkaccesspolicies[0].subject[0]: ")
			.contains("  data.networkaccesspolicies[0].ports[0]: ");
		assertThat(msegctl("get", "netpol", "-n", ns, "-o", "json").json()).isEmpty();
	}

	@Test
	void getPrintsATableJsonOrYaml() throws Exception {
		String ns = namespace("get");
		assertThat(msegctl("apply", "-f", file("get.yaml", document("allow web")).toString(), "-n", ns).code())
			.isZero();
		Result table = msegctl("get", "policies", "-n", ns);
		assertThat(table.code()).isZero();
		assertThat(table.out().lines().toList()).hasSize(2);
		assertThat(table.out()).startsWith("NAME        NAMESPACE   ACTION   MODE       SUBJECT")
			.contains("allow web   /get        Allow    incoming   ext:name=internet & $identity=externalnetwork");
		JsonNode list = msegctl("get", "networkaccesspolicies", "-n", ns, "-o", "json").json();
		assertThat(list.isArray()).isTrue();
		assertThat(list.findValuesAsString("name")).containsExactly("allow web");
		JsonNode one = msegctl("get", "extnet", "internet", "-n", ns, "-o", "yaml").yaml();
		assertThat(one.path("entries").get(0).asString()).isEqualTo("0.0.0.0/0");
		JsonNode byId = msegctl("get", "pu",
				msegctl("get", "pu", "web-1", "-n", ns, "-o", "json").json().path("ID").asString(), "-n", ns, "-o",
				"json")
			.json();
		assertThat(byId.path("name").asString()).isEqualTo("web-1");
		assertThat(msegctl("get", "ns", "-n", "/", "-o", "json").json().findValuesAsString("name")).contains("/get");
		assertThat(msegctl("get", "tags", "-n", ns, "-r").out()).contains("app=web");
		assertThat(msegctl("get", "auditrecords", "web-1", "-n", ns, "-o", "json").json()
			.get(0)
			.path("operation")
			.asString()).isEqualTo("create");
		assertThat(msegctl("get", "apitokens", "-n", "/").out()).contains("bootstrap", "admin");
	}

	@Test
	void getShowsWhereAFeedBackedNetworkComesFromAndWhatItsLastFetchDid() throws Exception {
		HttpServer publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		publisher.createContext("/drop.txt", (exchange) -> {
			byte[] body = "; DROP list\n192.0.2.0/24\n198.51.100.0/24\n".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		publisher.start();
		try {
			String ns = namespace("feeds");
			String url = "http://127.0.0.1:" + publisher.getAddress().getPort();
			Path networks = file("feeds.yaml", """
					name: drop
					source:
					  url: %s/drop.txt
					  format: text
					---
					name: gone
					source:
					  url: %s/gone.txt
					  format: text
					""".formatted(url, url));
			Result applied = msegctl("apply", "-f", networks.toString(), "-n", ns);
			assertThat(applied.code()).as(applied.err()).isZero();

			// New sources are fetched at the console's next poll (every 15 s).
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			Result table = msegctl("get", "extnet", "-n", ns);
			while (!(table.out().contains("ok 20") && table.out().contains("failing"))
					&& System.nanoTime() < deadline) {
				Thread.sleep(500);
				table = msegctl("get", "extnet", "-n", ns);
			}
			assertThat(table.out().lines()).anySatisfy((line) -> assertThat(line).startsWith("drop ")
				.contains("2 from the feed", url + "/drop.txt", "ok 20"));
			assertThat(table.out().lines()).anySatisfy((line) -> assertThat(line).startsWith("gone ")
				.contains("0 from the feed", url + "/gone.txt", "failing: the feed answered HTTP 404"));
		}
		finally {
			publisher.stop(0);
		}
	}

	@Test
	void gettingANameThatDoesNotExistExitsWithFour() throws Exception {
		String ns = namespace("missing");
		Result result = msegctl("get", "netpol", "nope", "-n", ns);
		assertThat(result.code()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(result.err()).contains("no networkaccesspolicy named 'nope' in /missing");
	}

	@Test
	void deleteFindsTheObjectByName() throws Exception {
		String ns = namespace("delete");
		assertThat(msegctl("apply", "-f", file("del.yaml", document("to delete")).toString(), "-n", ns).code())
			.isZero();
		Result deleted = msegctl("delete", "netpol", "to delete", "-n", ns);
		assertThat(deleted.code()).as(deleted.err()).isZero();
		assertThat(deleted.out()).startsWith("networkaccesspolicy 'to delete' deleted (ID ")
			.contains("namespace /delete");
		assertThat(msegctl("get", "netpol", "to delete", "-n", ns).code()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(msegctl("delete", "netpol", "to delete", "-n", ns).code()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(msegctl("apply", "--kind", "ns", "-n", ns, "-f", file("sub.yaml", "name: sub\n").toString()).code())
			.isZero();
		assertThat(msegctl("get", "ns", "/delete/sub", "-n", "/", "-o", "json").json().path("name").asString())
			.isEqualTo("/delete/sub");
		Result notEmpty = msegctl("delete", "namespace", "delete", "-n", "/");
		assertThat(notEmpty.code()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(notEmpty.err()).contains("409").contains("hint: add --recursive");
		Result recursive = msegctl("delete", "namespace", "/delete", "-n", "/", "--recursive");
		assertThat(recursive.code()).as(recursive.err()).isZero();
		assertThat(msegctl("get", "ns", "delete", "-n", "/").code()).isEqualTo(ExitCodes.NOT_FOUND);
	}

	@Test
	void explainSaysWhyWithTheDecidingPolicy() throws Exception {
		String ns = namespace("explain");
		assertThat(msegctl("apply", "-f", file("ex.yaml", document("internet to web")).toString(), "-n", ns).code())
			.isZero();
		Result allowed = msegctl("explain", "--from", "203.0.113.7", "--to", "web-1", "--port", "tcp/443", "-n", ns);
		assertThat(allowed.code()).as(allowed.err()).isZero();
		assertThat(allowed.out()).startsWith("Verdict:     Allow")
			.contains("From:        203.0.113.7 (external)")
			.contains("To:          processing unit web-1 (/explain, ID ")
			.contains("Incoming, decided by the destination's enforcer: Allow (AllowPolicy)")
			.contains("allowed by 'internet to web'")
			.containsPattern("\\s+[0-9a-f-]{36}\\s+internet to web\\s+/explain\\s+Allow\\s+no\\s+");
		Result rejected = msegctl("explain", "--from", "203.0.113.7", "--to", "web-1", "--protocol", "tcp", "--port",
				"22", "-n", ns);
		assertThat(rejected.out()).startsWith("Verdict:     Reject")
			.contains("Reject (DefaultReject)")
			.contains("rejected by default: no policy matches");
		JsonNode raw = msegctl("explain", "--from", "203.0.113.7", "--to", "web-1", "--port", "tcp/443", "-n", ns, "-o",
				"json")
			.json();
		assertThat(raw.path("verdict").asString()).isEqualTo("Allow");
		assertThat(raw.path("incoming").path("decidingPolicies").get(0).path("name").asString())
			.isEqualTo("internet to web");
		Result unknown = msegctl("explain", "--from", "nobody", "--to", "web-1", "--port", "tcp/443", "-n", ns);
		assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
	}

	@Test
	void aCreatedApiTokenIsPrintedOnceAndWorks() throws Exception {
		String ns = namespace("tokens");
		Result created = msegctl("token", "create", "--name", "ci", "--role", "viewer", "--expires-in", "1h", "-n", ns);
		assertThat(created.code()).as(created.err()).isZero();
		String secret = created.out().strip();
		assertThat(secret).doesNotContain("\n").isNotBlank();
		assertThat(created.err()).contains("API token 'ci' (viewer, /tokens, expires ");
		Map<String, String> asViewer = environment();
		asViewer.put("MSEGCTL_TOKEN", secret);
		assertThat(msegctl(asViewer, "", "get", "netpol").code()).isZero();
		Result forbidden = msegctl(asViewer, "", "token", "create", "--name", "x", "--role", "admin");
		assertThat(forbidden.code()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(forbidden.err()).contains("403").doesNotContain(secret);
		JsonNode json = msegctl("token", "create", "--name", "ci-2", "--role", "editor", "-n", ns, "-o", "json").json();
		assertThat(json.path("role").asString()).isEqualTo("editor");
		assertThat(json.path("token").asString()).isNotBlank();
	}

	@Test
	void aCreatedEnrollmentTokenCarriesTheCaFingerprint() throws Exception {
		String ns = namespace("enroll");
		Result created = msegctl("enrollment-token", "create", "--max-uses", "3", "--expires-in", "2h", "--tag",
				"role=web", "--tag", "env=test", "-n", ns);
		assertThat(created.code()).as(created.err()).isZero();
		assertThat(created.out().strip()).startsWith("msen_").endsWith("." + console.caFingerprint());
		JsonNode json = msegctl("enrollment-token", "create", "--name", "web hosts", "-n", ns, "-o", "yaml").yaml();
		assertThat(json.path("name").asString()).isEqualTo("web hosts");
		assertThat(json.path("namespace").asString()).isEqualTo(ns);
		assertThat(msegctl("get", "enrollmenttokens", "-n", ns).out()).contains("0/3", "role=web,env=test");
	}

	@Test
	void aWrongTokenExitsWithOneAndTheConsolesReason() {
		Map<String, String> variables = environment();
		variables.put("MSEGCTL_TOKEN", "not-a-real-token-value");
		Result result = msegctl(variables, "", "get", "namespaces");
		assertThat(result.code()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(result.err()).contains("401").contains("unknown API token").doesNotContain("not-a-real-token-value");
	}

	@Test
	void anUnreachableConsoleExitsWithThree() throws Exception {
		Map<String, String> variables = environment();
		variables.put("MSEGCTL_URL", "https://127.0.0.1:" + ConsoleProcess.freePort());
		Result result = msegctl(variables, "", "get", "namespaces");
		assertThat(result.code()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(result.err()).contains("cannot reach the console at https://127.0.0.1:")
			.contains("connection refused");
	}

	@Test
	void theCaIsTrustedByItsFingerprint() throws Exception {
		Map<String, String> variables = environment();
		variables.remove("MSEGCTL_CA");
		Result untrusted = msegctl(variables, "", "get", "namespaces");
		assertThat(untrusted.code()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(untrusted.err()).contains("TLS failure").contains("not trusted");
		Result pinned = msegctl(variables, "", "get", "namespaces", "--ca-fingerprint", console.caFingerprint());
		assertThat(pinned.code()).as(pinned.err()).isZero();
	}

	@Test
	void aWrongFingerprintFailsWithThree() throws Exception {
		Map<String, String> variables = environment();
		variables.remove("MSEGCTL_CA");
		variables.put("MSEGCTL_CA_FINGERPRINT", "00".repeat(32));
		Result result = msegctl(variables, "", "get", "namespaces");
		assertThat(result.code()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(result.err()).contains("TLS failure").contains("pinned SHA-256 fingerprint " + "00".repeat(32));
	}

	@Test
	void thePinnedCaStillChecksTheHostName() throws Exception {
		// 127.0.0.2 reaches the same console, but its certificate names localhost,
		// 127.0.0.1 and ::1 only.
		Map<String, String> variables = environment();
		variables.remove("MSEGCTL_CA");
		variables.put("MSEGCTL_URL", "https://127.0.0.2:" + console.port());
		Result result = msegctl(variables, "", "get", "namespaces", "--ca-fingerprint", console.caFingerprint());
		assertThat(result.code()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(result.err()).contains("not valid for this host name");
	}

	@Test
	void theConfigurationFileIsEnoughAndFlagsWinOverIt() throws Exception {
		Path config = file("config.yaml", """
				url: %s
				token: %s
				caFingerprint: %s
				namespace: /nonexistent
				""".formatted(console.url(), BOOTSTRAP_TOKEN, console.caFingerprint()));
		Map<String, String> variables = Map.of("MSEGCTL_CONFIG", config.toString());
		Result fromFile = msegctl(variables, "", "get", "netpol");
		assertThat(fromFile.code()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(fromFile.err()).contains("404").contains("/nonexistent");
		assertThat(msegctl(variables, "", "get", "netpol", "-n", "/").code()).isZero();
	}

	@Test
	void connectionFlagsGoBeforeTheCommandAsWithKubectl() {
		Result result = msegctl(Map.of(), "", "--url", console.url().toString(), "--token", BOOTSTRAP_TOKEN, "--ca",
				console.caFile().toString(), "-n", "/", "get", "networkaccesspolicies", "-o", "json");
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.json().isArray()).isTrue();
	}

	@Test
	void aTokenTypedInTheWrongPlaceIsNeverPrinted() {
		Result asName = msegctl("get", "netpol", BOOTSTRAP_TOKEN, "-n", "/");
		assertThat(asName.code()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(asName.err()).contains("no networkaccesspolicy named '***' in /");
		Map<String, String> withoutToken = environment();
		withoutToken.remove("MSEGCTL_TOKEN");
		Result misspelled = msegctl(withoutToken, "", "--tokne", BOOTSTRAP_TOKEN, "get", "netpol");
		assertThat(misspelled.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(misspelled.err()).contains("unknown option: --tokne");
	}

	@Test
	void theJarRuns() throws Exception {
		Path jar = Path.of(System.getProperty("msegctl.jar", "target/msegctl.jar"));
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "get", "namespaces", "-n", "/", "-o", "json");
		builder.environment().putAll(environment());
		builder.redirectErrorStream(true);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(Documents.JSON.readTree(output).isArray()).isTrue();
		Process version = new ProcessBuilder(builder.command().subList(0, 3)).redirectErrorStream(true).start();
		version.getOutputStream().close();
		List<String> lines = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.toList();
		assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(lines).anyMatch((line) -> line.contains("give a command"));
		assertThat(version.exitValue()).isEqualTo(ExitCodes.USAGE);
	}

}
