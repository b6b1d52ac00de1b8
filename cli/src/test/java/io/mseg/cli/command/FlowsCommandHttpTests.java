package io.mseg.cli.command;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mseg.cli.Environment;
import io.mseg.cli.ExitCodes;
import io.mseg.cli.Msegctl;
import io.mseg.cli.command.FakeConsole.Request;
import io.mseg.cli.config.Settings;
import io.mseg.cli.config.Trust;
import io.mseg.cli.http.ConsoleClient;
import io.mseg.cli.output.Documents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.mseg.cli.command.FakeConsole.eventStream;
import static io.mseg.cli.command.FakeConsole.flowreport;
import static io.mseg.cli.command.FakeConsole.list;
import static io.mseg.cli.command.FakeConsole.problem;
import static io.mseg.cli.command.FlowsTableTests.ALLOWED;
import static io.mseg.cli.command.FlowsTableTests.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code msegctl flows} against a fake console on a loopback port, which serves canned
 * {@code /flowreports} pages and {@code /flowreports/events} streams: the requests it
 * makes and what it prints.
 */
@Timeout(30)
class FlowsCommandHttpTests {

	private static final String POLICY_ID = "c0060000-0000-4000-8000-000000000002";

	private static final String UNITS = "/processingunits";

	private static final String POLICIES = "/networkaccesspolicies";

	private static final String FLOWS = "/flowreports";

	private static final String EVENTS = "/flowreports/events";

	@TempDir
	Path home;

	private FakeConsole console;

	private record Result(int code, String out, String err) {

	}

	@BeforeEach
	void start() throws Exception {
		this.console = new FakeConsole();
		this.console.on(UNITS, list(List.of("{\"ID\": \"pu-1\", \"name\": \"web-1\", \"namespace\": \"/acme/prod\"}")));
		this.console.on(POLICIES, list(List
			.of("{\"ID\": \"" + POLICY_ID + "\", \"name\": \"allow internet to web\", \"namespace\": \"/acme\"}")));
	}

	@AfterEach
	void stop() {
		this.console.close();
	}

	private Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		Map<String, String> variables = Map.of("MSEGCTL_URL", this.console.url().toString(), "MSEGCTL_TOKEN",
				"mseg_test", "MSEGCTL_NAMESPACE", "/acme");
		int code = Msegctl.execute(new Environment(variables, new ByteArrayInputStream(new byte[0]), this.home),
				new PrintWriter(out), new PrintWriter(err), args);
		return new Result(code, out.toString(), err.toString());
	}

	@Test
	void theRecentRecordsPrintOldestFirstWithTheUnitsNames() {
		// The console answers newest first.
		this.console.on(FLOWS, list(List.of(REJECTED, ALLOWED)));
		Instant before = Instant.now();
		Result result = run("flows", "--action", "reject", "--policy", "allow internet to web", "--port", "443");
		assertThat(result.code()).as(result.err()).isZero();
		List<String> lines = result.out().lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).startsWith("TIME").contains("PU", "DESTINATION", "POLICY", "COUNT");
		assertThat(lines.get(1)).contains("web-1", "203.0.113.7", "10.1.0.5:443", "Allow", "pol-1");
		assertThat(lines.get(2)).contains("pu-2", "[2001:db8::53]:53 (dns.example.com)", "Reject (observed)");
		Request request = this.console.requests(FLOWS).get(0);
		assertThat(request.query()).containsEntry("action", "Reject")
			.containsEntry("policyID", POLICY_ID)
			.containsEntry("port", "443")
			.containsEntry("page", "1")
			.containsEntry("pagesize", "1000")
			.doesNotContainKeys("until", "observed", "processingUnitID", "address");
		Instant since = Instant.parse(request.query().get("since"));
		assertThat(since).isBetween(before.minus(Duration.ofHours(1)).minusSeconds(1),
				Instant.now().minus(Duration.ofHours(1)));
		// Names are looked up once, in the namespace, its descendants and what is
		// propagated to it.
		assertThat(this.console.requests(POLICIES)).singleElement()
			.satisfies((policies) -> assertThat(policies.query()).containsEntry("recursive", "true")
				.containsEntry("propagated", "true"));
		assertThat(this.console.requests(UNITS)).hasSize(1);
	}

	@Test
	void jsonAndYamlPrintTheRecordsAsTheConsoleSentThem() {
		this.console.on(FLOWS, list(List.of(REJECTED, ALLOWED)));
		JsonNode json = Documents.JSON.readTree(run("flows", "-o", "json").out());
		assertThat(json).containsExactly(Documents.JSON.readTree(ALLOWED), Documents.JSON.readTree(REJECTED));
		JsonNode yaml = Documents.YAML.readTree(run("flows", "-o", "yaml").out());
		assertThat(yaml).isEqualTo(json);
		// Only the table shows names: JSON and YAML need no lookup.
		assertThat(this.console.requests(UNITS)).isEmpty();
	}

	@Test
	void noRecordIsSaidOnStandardErrorLikeAnEmptyGet() {
		this.console.on(FLOWS, list(List.of()));
		Result table = run("flows", "--since", "10m");
		assertThat(table.code()).isZero();
		assertThat(table.out()).isEmpty();
		assertThat(table.err())
			.isEqualTo("No flow records in /acme or below in the last 10m." + System.lineSeparator());
		Result json = run("flows", "-o", "json");
		assertThat(json.code()).isZero();
		assertThat(json.out().strip()).isEqualTo("[ ]");
	}

	@Test
	void aNameThatMatchesNothingExitsWithNotFoundBeforeListingFlows() {
		Result result = run("flows", "--pu", "nosuch");
		assertThat(result.code()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(result.err()).contains("--pu nosuch: no processingunit has this name in /acme or below");
		assertThat(this.console.requests(FLOWS)).isEmpty();
	}

	@Test
	void theNewestRecordsUpToTheLimitAreReadPageByPage() {
		this.console.on(FLOWS, list(
				FakeConsole.repeated(2500, (i) -> ALLOWED.replace("\"ID\": \"1\"", "\"ID\": \"" + (2500 - i) + "\""))));
		Result result = run("flows", "-o", "json", "--limit", "1200");
		JsonNode records = Documents.JSON.readTree(result.out());
		assertThat(records).hasSize(1200);
		// Oldest of the 1,200 newest first, the newest (ID 2500) last.
		assertThat(records.get(0).path("ID").asString()).isEqualTo("1301");
		assertThat(records.get(1199).path("ID").asString()).isEqualTo("2500");
		assertThat(this.console.requests(FLOWS)).extracting((request) -> request.query().get("page"))
			.containsExactly("1", "2");
		assertThat(result.err()).contains("Showing the newest 1200 of 2500 records");
	}

	@Test
	void followingPrintsTheRecentRecordsThenEachNewOneAcrossReconnections() {
		this.console.on(FLOWS, list(List.of(ALLOWED)));
		this.console.on(EVENTS,
				eventStream(": a comment\n\n", "event: other\ndata: {}\n\n", "id: 41\n" + flowreport(REJECTED)),
				eventStream("id: 42\n" + flowreport(ALLOWED.replace("\"ID\": \"1\"", "\"ID\": \"3\""))),
				problem(403, "admin role required"));
		Result result = run("flows", "--follow", "--action", "Allow");
		assertThat(result.code()).isEqualTo(ExitCodes.API_REFUSED);
		List<String> lines = result.out().lines().toList();
		assertThat(lines).as(result.err()).hasSize(4);
		assertThat(lines.get(0)).startsWith("TIME");
		assertThat(lines.subList(1, 4)).allSatisfy((line) -> assertThat(line).startsWith("2025-05-01T10:00"));
		assertThat(lines.get(2)).contains("Reject (observed)");
		// Each stream opened, so each pause is the first one again.
		assertThat(result.err()).contains("the console ended the stream of new records; reconnecting in 1 s")
			.doesNotContain("reconnecting in 2 s", "not JSON")
			.contains("403 Refused: admin role required")
			.contains("--follow reads GET /flowreports/events, which needs a token with the admin role in /acme");
		List<Request> streams = this.console.requests(EVENTS);
		assertThat(streams).hasSize(3).allSatisfy((request) -> {
			assertThat(request.accept()).isEqualTo("text/event-stream");
			assertThat(request.query()).containsExactly(Map.entry("action", "Allow"));
		});
		// A reconnection resumes after the last event seen, should the console keep IDs.
		assertThat(streams).extracting(Request::lastEventId).containsExactly(null, "41", "42");
	}

	@Test
	void followingAsJsonPrintsOneRecordPerLineAndARecordBothListedAndStreamedOnce() {
		this.console.on(FLOWS, list(List.of(REJECTED, ALLOWED)));
		this.console.on(EVENTS, eventStream(flowreport(REJECTED.replace("\n", ""))), problem(401, "bad token"));
		Result result = run("flows", "-f", "-o", "json");
		assertThat(result.code()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(result.out().lines().map(Documents.JSON::readTree).map((record) -> record.path("ID").asString()))
			.as("the stream opens before the list: a record stored in between is in both")
			.containsExactly("1", "2");
		assertThat(result.err()).contains("401").contains("admin role");
	}

	@Test
	void aStreamThatCannotBeOpenedAtFirstEndsTheCommand() {
		this.console.on(FLOWS, list(List.of()));
		this.console.on(EVENTS, problem(404, "no such endpoint"));
		Result result = run("flows", "--follow");
		assertThat(result.code()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(result.err()).contains("404");
		assertThat(this.console.requests(EVENTS)).hasSize(1);
	}

	@Test
	void theFollowerWaitsLongerAfterEachFailureAndAgainBrieflyOnceAStreamOpens() throws Exception {
		this.console.on(EVENTS, problem(503, "restarting"), problem(502, "bad gateway"), eventStream(),
				problem(503, "restarting"), problem(403, "admin role required"));
		ConsoleClient client = ConsoleClient
			.connect(new Settings(this.console.url(), "mseg_test", new Trust.SystemDefault(), "/acme"), "test");
		List<Duration> pauses = new ArrayList<>();
		StringWriter err = new StringWriter();
		FlowFollower follower = new FlowFollower(client, pauses::add, new PrintWriter(err, true));
		assertThatThrownBy(() -> follower.follow(Map.of(), () -> {
		}, (record) -> {
		})).hasMessageContaining("403");
		assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
		assertThat(err.toString()).contains("503 Refused: restarting; reconnecting in 1 s");
	}

}
