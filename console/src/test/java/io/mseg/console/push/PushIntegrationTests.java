package io.mseg.console.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.EventStream;
import io.mseg.console.support.EventStream.Event;
import io.mseg.console.support.TestEnforcer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enforcer registers its processing units, fetches its rendered policy and holds an
 * event stream; changes reach it, and only the changes that affect it.
 */
@TestPropertySource(properties = { "mseg.push.heartbeat-interval=1s", "mseg.enforcers.disconnected-after=3s",
		"mseg.push.recompute-chunk=1" })
class PushIntegrationTests extends ConsoleIntegrationTest {

	private static final Duration QUIET = Duration.ofMillis(1500);

	private static final Duration SOON = Duration.ofSeconds(5);

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private EnforcerPolicies policies;

	private TestEnforcer web;

	private TestEnforcer db;

	private String webAddress;

	private String dbAddress;

	@BeforeEach
	void twoEnforcers() {
		this.web = enroll("web", "role=frontend");
		this.db = enroll("db", "role=storage");
		this.webAddress = Addresses.ipv4();
		this.dbAddress = Addresses.ipv4();
		register(this.web, unit("web-1", this.webAddress, "app=web")).expectStatus(200);
		register(this.db, unit("db-1", this.dbAddress, "app=db")).expectStatus(200);
	}

	@Test
	void registersItsUnitsWithTheEnrollmentTokensTagsAndReplacesThemOnTheNextDeclaration() {
		JsonNode units = register(this.web, unit("web-1", this.webAddress, "app=web")).expectStatus(200).json();
		assertThat(units).hasSize(1);
		JsonNode unit = units.get(0);
		assertThat(unit.get("namespace").asString()).isEqualTo(this.tenant);
		assertThat(unit.get("enforcerID").asString()).isEqualTo(this.web.id());
		assertThat(strings(unit.get("normalizedTags"))).contains("app=web", "role=frontend",
				"$enforcerid=" + this.web.id(), "$identity=processingunit");

		String other = Addresses.ipv4();
		register(this.web, unit("web-2", other, "app=web")).expectStatus(200);
		assertThat(this.api.get(this.tenant, "/processingunits").json().toString()).contains("web-2")
			.doesNotContain("\"web-1\"");
		aNodeDeclaringItsWorkloadsAgainRewritesOnlyTheOneThatChanged();
	}

	/**
	 * Folded into one test with the one above: every test here enrolls two enforcers, and
	 * enrollments are rate limited.
	 */
	private void aNodeDeclaringItsWorkloadsAgainRewritesOnlyTheOneThatChanged() {
		String podAddress = Addresses.ipv4();
		String otherAddress = Addresses.ipv4();
		register(this.web, "[" + unit("web-1", this.webAddress, "app=web") + ","
				+ unit("shop/pod-1", podAddress, "app=cart") + "," + unit("shop/pod-2", otherAddress, "app=cart") + "]")
			.expectStatus(200);
		JsonNode before = unitNamed("shop/pod-1");
		register(this.web,
				"[" + unit("web-1", this.webAddress, "app=web") + "," + unit("shop/pod-1", podAddress, "app=cart") + ","
						+ unit("shop/pod-2", otherAddress, "app=checkout") + "]")
			.expectStatus(200);
		assertThat(unitNamed("shop/pod-1").get("updateTime")).isEqualTo(before.get("updateTime"));
		assertThat(strings(unitNamed("shop/pod-2").get("associatedTags"))).contains("app=checkout")
			.doesNotContain("app=cart");
	}

	private JsonNode unitNamed(String name) {
		for (JsonNode unit : this.api.get(this.tenant, "/processingunits?pagesize=100").json()) {
			if (name.equals(unit.get("name").asString())) {
				return unit;
			}
		}
		throw new AssertionError("no unit " + name);
	}

	@Test
	void refusesBadDeclarationsAndWritesNothing() {
		register(this.web, "[" + unit("a", Addresses.ipv4(), "x=y") + "," + unit("a", Addresses.ipv4(), "x=y") + "]")
			.expectProblem(422, "[1].name");
		register(this.web, unit("web-3", this.dbAddress, "app=web")).expectProblem(409);
		this.api.post(this.tenant, "/processingunits", json("name", "admin-made")).expectStatus(201);
		register(this.web, unit("admin-made", Addresses.ipv4(), "app=web")).expectProblem(409);
		register(this.web, unit("web-4", "not-an-address", "app=web")).expectProblem(422, "[0].addresses[0]");
		register(this.web, "{\"name\": \"x\"}").expectProblem(422);
		this.web.client(this.api, caFile())
			.send("PUT", null, "/enforcers/" + this.db.id() + "/processingunits", "[]",
					Map.of("Content-Type", "application/json"))
			.expectProblem(403);
		this.api
			.send("PUT", null, "/enforcers/" + this.web.id() + "/processingunits", "[]",
					Map.of("Content-Type", "application/json"))
			.expectProblem(403);
		assertThat(this.api.get(this.tenant, "/processingunits?pagesize=100").json().toString()).contains("web-1");
	}

	@Test
	void servesItsRenderedPolicyWithAnEtagAnd304WhenUnchanged() {
		ApiClient enforcer = this.web.client(this.api, caFile());
		Response first = enforcer.get(null, "/enforcers/" + this.web.id() + "/renderedpolicy").expectStatus(200);
		String etag = first.header("ETag");
		assertThat(etag).isNotBlank();
		JsonNode document = first.json();
		assertThat(document.get("enforcerID").asString()).isEqualTo(this.web.id());
		assertThat(document.get("processingUnits").get(0).get("processingUnit").get("name").asString())
			.isEqualTo("web-1");
		long version = document.get("version").asLong();

		enforcer
			.send("GET", null, "/enforcers/" + this.web.id() + "/renderedpolicy", (String) null,
					Map.of("If-None-Match", etag))
			.expectStatus(304);

		allowWebToDb();
		Response changed = enforcer
			.send("GET", null, "/enforcers/" + this.web.id() + "/renderedpolicy", (String) null,
					Map.of("If-None-Match", etag))
			.expectStatus(200);
		assertThat(changed.header("ETag")).isNotEqualTo(etag);
		assertThat(changed.json().get("version").asLong()).isGreaterThan(version);
		JsonNode rule = changed.json().get("processingUnits").get(0).get("outgoing").get(0);
		assertThat(strings(rule.get("processingUnits").get(0).get("addresses"))).containsExactly(this.dbAddress);

		this.api.get(this.tenant, "/enforcers/" + this.web.id() + "/renderedpolicy").expectStatus(200);
		this.api.withToken(token(childNamespace(this.tenant, "elsewhere"), "viewer"))
			.get(null, "/enforcers/" + this.web.id() + "/renderedpolicy")
			.expectProblem(404);
	}

	@Test
	void sendsAPolicyEventForAChangeThatAffectsTheEnforcerAndNothingForOneThatDoesNot() throws Exception {
		try (EventStream events = stream(this.web, null)) {
			// Unrelated: a policy between units of another tenant.
			String elsewhere = childNamespace(this.tenant, "elsewhere");
			this.api
				.post(elsewhere, "/networkaccesspolicies",
						json("name", "unrelated", "subject", List.of(List.of("app=web")), "object",
								List.of(List.of("app=db"))))
				.expectStatus(201);
			assertThat(events.next(QUIET)).as("an event for an unrelated change").isNull();

			long start = System.nanoTime();
			allowWebToDb();
			Event event = events.next(SOON);
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(event).as("a policy event for a change of its rules").isNotNull();
			assertThat(event.name()).isEqualTo("policy");
			assertThat(event.data()).isEqualTo("{\"version\":" + event.id() + "}");
			assertThat(millis).as("milliseconds from the commit to the event").isLessThan(2000);
			assertThat(renderedVersion(this.web)).isEqualTo(Long.parseLong(event.id()));
		}
	}

	@Test
	void aPushInChunksSendsEveryAffectedEnforcerOneEvent() throws Exception {
		try (EventStream web = stream(this.web, null); EventStream db = stream(this.db, null)) {
			allowWebToDb();
			Event toWeb = web.next(SOON);
			Event toDb = db.next(SOON);
			assertThat(toWeb).isNotNull();
			assertThat(toDb).isNotNull();
			assertThat(toWeb.id()).isEqualTo(toDb.id());
			assertThat(web.next(QUIET)).isNull();
			assertThat(db.next(QUIET)).isNull();
		}
	}

	@Test
	void recomputesManyEnforcersInOneGoAndRecordsEachNewDocumentExactlyOnce() {
		allowWebToDb();
		List<String> ids = List.of(this.web.id(), this.db.id(), "not-an-enforcer", this.web.id().toUpperCase());
		List<EnforcerPolicies.Document> first = this.policies.recompute(ids);
		assertThat(first).extracting((document) -> document.body().enforcerId())
			.containsExactlyInAnyOrder(this.web.id(), this.db.id());
		assertThat(first).allMatch(EnforcerPolicies.Document::changed);

		List<EnforcerPolicies.Document> again = this.policies.recompute(ids);
		assertThat(again).noneMatch(EnforcerPolicies.Document::changed);
		assertThat(again).extracting(EnforcerPolicies.Document::etag, EnforcerPolicies.Document::version)
			.containsExactlyInAnyOrderElementsOf(first.stream()
				.map((document) -> org.assertj.core.groups.Tuple.tuple(document.etag(), document.version()))
				.toList());
		assertThat(renderedVersion(this.web)).isEqualTo(first.get(0).version());
	}

	@Test
	void aUnitThatAppearsOrLeavesChangesThePolicyOfEnforcersWhoseRulesSelectIt() throws Exception {
		allowWebToDb();
		try (EventStream events = stream(this.web, null)) {
			String second = Addresses.ipv4();
			register(this.db, "[" + unit("db-1", this.dbAddress, "app=db") + "," + unit("db-2", second, "app=db") + "]")
				.expectStatus(200);
			assertThat(events.next(SOON)).as("event after a selected unit appeared").isNotNull();
			assertThat(outgoingAddresses(this.web)).containsExactlyInAnyOrder(this.dbAddress, second);

			register(this.db, "[" + unit("db-1", this.dbAddress, "app=db") + "]").expectStatus(200);
			assertThat(events.next(SOON)).as("event after a selected unit left").isNotNull();
			assertThat(outgoingAddresses(this.web)).containsExactly(this.dbAddress);
		}
	}

	@Test
	void resumesWithLastEventIdAndSaysResyncWhenItCannotTell() throws Exception {
		String lastSeen;
		try (EventStream events = stream(this.web, null)) {
			allowWebToDb();
			lastSeen = events.next(SOON).id();
		}
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "reject web to db", "action", "Reject", "subject", List.of(List.of("app=web")),
							"object", List.of(List.of("app=db"))))
			.expectStatus(201);
		String missed;
		try (EventStream resumed = stream(this.web, lastSeen)) {
			Event replay = resumed.next(SOON);
			assertThat(replay).as("the event missed while disconnected").isNotNull();
			assertThat(replay.name()).isEqualTo("policy");
			assertThat(Long.parseLong(replay.id())).isGreaterThan(Long.parseLong(lastSeen));
			missed = replay.id();
		}
		try (EventStream upToDate = stream(this.web, missed)) {
			assertThat(upToDate.next(QUIET)).as("nothing missed").isNull();
		}
		try (EventStream unreadable = stream(this.web, "yesterday")) {
			assertThat(unreadable.next(SOON).name()).isEqualTo("resync");
		}
		// The change log keeps a day by default; forget it all to resume from a version
		// it no
		// longer covers.
		this.jdbc.sql("delete from policy_changes").update();
		try (EventStream tooOld = stream(this.web, "1")) {
			assertThat(tooOld.next(SOON).name()).isEqualTo("resync");
		}
	}

	@Test
	void heartbeatsKeepTheStreamAliveAtTheConfiguredInterval() throws Exception {
		try (EventStream events = stream(this.web, null)) {
			Thread.sleep(3500);
			assertThat(events.comments()).as("comments in 3.5 s at one a second").isGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void anEnforcerHoldsAtMostTwoStreamsAndANewOneClosesTheOldest() throws Exception {
		List<EventStream> streams = new java.util.ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				streams.add(stream(this.web, null));
				assertThat(streams.get(i).status()).isEqualTo(200);
			}
			Thread.sleep(2500);
			assertThat(streams.stream().map(EventStream::ended).toList()).containsExactly(true, true, true, false,
					false);
			allowWebToDb();
			assertThat(streams.get(4).next(Duration.ofSeconds(10)).name()).isEqualTo("policy");
		}
		finally {
			streams.forEach(EventStream::close);
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aStreamThatTheEnforcerClosesEndsQuietly(CapturedOutput output) throws Exception {
		try (EventStream events = stream(this.web, null)) {
			assertThat(events.status()).isEqualTo(200);
		}
		// The next heartbeat finds the connection gone and ends the request (an async
		// dispatch): a fleet restarting must not write a stack trace per stream.
		Thread.sleep(2500);
		assertThat(output.getAll()).doesNotContain("Access Denied").doesNotContain("already committed");
	}

	@Test
	void showsConnectedWhileInContactAndDisconnectedAfterSilence() throws Exception {
		this.web.poke(this.api, caFile()).expectStatus(204);
		assertThat(status(this.web)).isEqualTo("Connected");
		Thread.sleep(3500);
		assertThat(status(this.web)).isEqualTo("Disconnected");
		try (EventStream events = stream(this.web, null)) {
			Thread.sleep(2500);
			assertThat(status(this.web)).as("while its stream is open").isEqualTo("Connected");
		}
	}

	@Test
	void revokingAnEnforcerDeletesItsUnitsSoThatTheHostCanEnrollAgain() {
		this.api.delete(this.tenant, "/enforcers/" + this.web.id()).expectStatus(200);
		assertThat(this.api.get(this.tenant, "/processingunits?name=web-1").json()).isEmpty();
		TestEnforcer again = enroll("web", "role=frontend");
		register(again, unit("web-1", this.webAddress, "app=web")).expectStatus(200);
	}

	@Test
	void onlyTheEnforcerItselfOpensItsStream() {
		assertThat(this.web.client(this.api, caFile())
			.openStream("/enforcers/" + this.db.id() + "/events", Map.of())
			.statusCode()).isEqualTo(403);
		assertThat(this.api.openStream("/enforcers/" + this.web.id() + "/events", Map.of()).statusCode())
			.isEqualTo(403);
	}

	private void allowWebToDb() {
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "web to db " + System.nanoTime(), "subject", List.of(List.of("app=web")), "object",
							List.of(List.of("app=db")), "ports", List.of("tcp/5432")))
			.expectStatus(201);
	}

	private long renderedVersion(TestEnforcer enforcer) {
		return enforcer.client(this.api, caFile())
			.get(null, "/enforcers/" + enforcer.id() + "/renderedpolicy")
			.expectStatus(200)
			.json()
			.get("version")
			.asLong();
	}

	private List<String> outgoingAddresses(TestEnforcer enforcer) {
		JsonNode document = enforcer.client(this.api, caFile())
			.get(null, "/enforcers/" + enforcer.id() + "/renderedpolicy")
			.json();
		return document.get("processingUnits")
			.get(0)
			.get("outgoing")
			.valueStream()
			.flatMap((rule) -> rule.get("processingUnits").valueStream())
			.flatMap((remote) -> strings(remote.get("addresses")).stream())
			.toList();
	}

	private String status(TestEnforcer enforcer) {
		return this.api.get(this.tenant, "/enforcers/" + enforcer.id()).json().get("operationalStatus").asString();
	}

	private EventStream stream(TestEnforcer enforcer, String lastEventId) {
		return EventStream.open(enforcer.client(this.api, caFile()), "/enforcers/" + enforcer.id() + "/events",
				lastEventId);
	}

	private TestEnforcer enroll(String name, String tag) {
		String token = this.api.post(this.tenant, "/enrollmenttokens", json("tags", List.of(tag)))
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
		return new TestEnforcer().enroll(this.api, token, name);
	}

	private Response register(TestEnforcer enforcer, String units) {
		String body = units.startsWith("[") ? units : "[" + units + "]";
		if (units.startsWith("{\"name\": \"x\"}")) {
			body = units;
		}
		return enforcer.client(this.api, caFile())
			.send("PUT", null, "/enforcers/" + enforcer.id() + "/processingunits", body,
					Map.of("Content-Type", "application/json"));
	}

	private static String unit(String name, String address, String tag) {
		return json("name", name, "addresses", List.of(address), "associatedTags", List.of(tag));
	}

}
