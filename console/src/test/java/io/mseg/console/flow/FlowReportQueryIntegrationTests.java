package io.mseg.console.flow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.EventStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers read of the stored flow records: {@code GET /flowreports} and its filters,
 * pages and formats, tenant isolation, the explain link, the live tail, policy hits, and
 * the retention.
 */
class FlowReportQueryIntegrationTests extends FlowIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private FlowRetention retention;

	@Test
	void eachFilterKeepsOnlyItsRecords() {
		Enrolled enforcer = enforcer(this.tenant, "web", "db");
		String policy = policy(this.tenant, "p");
		String network = UUID.randomUUID().toString();
		Instant now = recently();
		Map<String, Object> base = record(enforcer.unit("db"), now.minusSeconds(600));
		send(enforcer, batch(List.of(base,
				with(record(enforcer.unit("web"), now.minusSeconds(300)), "action", "Allow", "reason", "Policy",
						"policyID", policy, "destinationPort", 8080),
				with(record(enforcer.unit("web"), now), "action", "Reject", "observed", true, "reason", "Policy",
						"policyID", policy, "externalNetworkID", network, "sourceAddress", "198.51.100.7"))))
			.expectStatus(204);

		assertThat(times("since=" + encode(now.minusSeconds(300)))).hasSize(2);
		assertThat(times("until=" + encode(now.minusSeconds(300)))).hasSize(1);
		assertThat(times("since=" + encode(now.minusSeconds(400)) + "&until=" + encode(now))).hasSize(1);
		assertThat(times("action=Allow")).hasSize(1);
		assertThat(times("action=Reject")).hasSize(2);
		assertThat(times("observed=true")).hasSize(1);
		assertThat(times("observed=false")).hasSize(2);
		assertThat(times("processingUnitID=" + enforcer.unit("web").id())).hasSize(2);
		assertThat(times("policyID=" + policy)).hasSize(2);
		assertThat(times("externalNetworkID=" + network)).hasSize(1);
		assertThat(times("address=198.51.100.7")).hasSize(1);
		assertThat(times("address=" + enforcer.unit("db").address())).hasSize(1);
		assertThat(times("address=203.0.113.9")).hasSize(2);
		assertThat(times("port=8080")).hasSize(1);
		assertThat(times("port=443&action=Reject&observed=false")).hasSize(1);
	}

	@Test
	void badParametersAreRefused() {
		this.api.get(this.tenant, "/flowreports?verdict=Reject").expectProblem(400, "verdict");
		this.api.get(this.tenant, "/flowreports?since=yesterday").expectProblem(400, "since");
		this.api.get(this.tenant, "/flowreports?observed=yes").expectProblem(400);
		this.api.get(this.tenant, "/flowreports?action=Drop").expectProblem(422, "action");
		this.api.get(this.tenant, "/flowreports?address=10.0.0.300").expectProblem(422, "address");
		this.api.get(this.tenant, "/flowreports?port=70000").expectProblem(422, "port");
		this.api.get(this.tenant, "/flowreports?policyID=abc").expectProblem(422, "policyID");
		this.api.get(this.tenant, "/flowreports?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z")
			.expectProblem(422, "until");
		this.api.get(this.tenant, "/flowreports?pagesize=0").expectProblem(422, "pagesize");
	}

	@Test
	void pagesComeNewestFirstWithTheTotal() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Instant now = recently();
		List<Map<String, Object>> records = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			records.add(record(enforcer.unit("web"), now.minusSeconds(i)));
		}
		send(enforcer, batch(records)).expectStatus(204);

		Response first = list(this.tenant, "pagesize=10");
		Response third = list(this.tenant, "pagesize=10&page=3");
		assertThat(first.header("X-Count-Total")).isEqualTo("25");
		assertThat(first.json().size()).isEqualTo(10);
		assertThat(first.json().get(0).get("time").asString()).isEqualTo(now.toString());
		assertThat(third.json().size()).isEqualTo(5);
		assertThat(third.json().get(4).get("time").asString()).isEqualTo(now.minusSeconds(24).toString());
		assertThat(list(this.tenant, "pagesize=10&page=4").json().size()).isZero();
	}

	@Test
	void recordsAreListedInYamlToo() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		send(enforcer, batch(List.of(record(enforcer.unit("web"), recently())))).expectStatus(204);
		Response yaml = this.api.send("GET", this.tenant, "/flowreports", null, Map.of("Accept", "application/yaml"))
			.expectStatus(200);
		assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
		assertThat(yaml.body()).contains("processingUnitID:", enforcer.unit("web").id(), "reason:", "DefaultReject");
	}

	@Test
	void aTenantNeverSeesAnothersRecordsHitsOrEvents() throws Exception {
		String other = "/" + "u-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", ApiClient.json("name", other.substring(1))).expectStatus(201);
		String child = childNamespace(this.tenant, "prod");
		Enrolled mine = enforcer(child, "web");
		Enrolled theirs = enforcer(other, "web");
		String theirPolicy = policy(other, "theirs");
		ApiClient myAdmin = this.api.withToken(token(this.tenant, "admin"));
		try (EventStream stream = EventStream.open(myAdmin, "/flowreports/events", null)) {
			send(theirs, batch(List.of(with(record(theirs.unit("web"), recently()), "reason", "Policy", "action",
					"Allow", "policyID", theirPolicy))))
				.expectStatus(204);
			send(mine, batch(List.of(record(mine.unit("web"), recently())))).expectStatus(204);

			EventStream.Event event = stream.next(Duration.ofSeconds(10));
			assertThat(JSON.readTree(event.data()).get("processingUnitID").asString()).isEqualTo(mine.unit("web").id());
			assertThat(stream.next(Duration.ofSeconds(1))).as("no event of the other tenant").isNull();
		}
		Response listed = myAdmin.get(this.tenant, "/flowreports").expectStatus(200);
		assertThat(listed.header("X-Count-Total")).isEqualTo("1");
		assertThat(listed.json().get(0).get("namespace").asString()).isEqualTo(child);
		myAdmin.get(other, "/flowreports").expectProblem(404);
		myAdmin.get(this.tenant, "/networkaccesspolicies/" + theirPolicy + "/hits").expectProblem(404);
		String theirId = this.api.get(other, "/flowreports").json().get(0).get("ID").asString();
		myAdmin.get(this.tenant, "/flowreports/" + theirId + "/explain").expectProblem(404);
		assertThat(this.api.get(other, "/networkaccesspolicies/" + theirPolicy + "/hits").json().get("hits").asLong())
			.isEqualTo(1);
	}

	@Test
	void theLiveTailIsForAdminsAndSendsNewRecordsThatPassItsFilters() throws Exception {
		Enrolled enforcer = enforcer(this.tenant, "web");
		ApiClient viewer = this.api.withToken(token(this.tenant, "viewer"));
		assertThat(viewer.openStream("/flowreports/events", Map.of("Accept", "text/event-stream")).statusCode())
			.isEqualTo(403);
		this.api.get(this.tenant, "/flowreports/events?since=2026-01-01T00:00:00Z").expectProblem(400, "since");
		try (EventStream stream = EventStream.open(this.api.withToken(token(this.tenant, "admin")),
				"/flowreports/events?action=Allow", null)) {
			Map<String, Object> rejected = record(enforcer.unit("web"), recently());
			send(enforcer, batch(List.of(rejected))).expectStatus(204);
			send(enforcer, batch(List.of(with(rejected, "action", "Allow", "reason", "Fallback", "policyID",
					UUID.randomUUID().toString(), "count", 9))))
				.expectStatus(204);

			EventStream.Event event = stream.next(Duration.ofSeconds(10));
			assertThat(event.name()).isEqualTo("flowreport");
			JsonNode record = JSON.readTree(event.data());
			assertThat(record.get("action").asString()).isEqualTo("Allow");
			assertThat(record.get("count").asLong()).isEqualTo(9);
			assertThat(record.get("namespace").asString()).isEqualTo(this.tenant);
			assertThat(record.get("explain").asString()).startsWith("/flowreports/");
		}
	}

	@Test
	void aRecordLinksToTheExplanationOfItsFlow() throws InterruptedException {
		Enrolled enforcer = enforcer(this.tenant, "web");
		send(enforcer, batch(List.of(record(enforcer.unit("web"), recently())))).expectStatus(204);
		String link = list(this.tenant, "").json().get(0).get("explain").asString();

		// The explanation reads the replica's policy state, which takes in the new unit
		// a moment after it was registered.
		Response answer = this.api.get(this.tenant, link);
		for (int i = 0; i < 50 && answer.status() == 404; i++) {
			Thread.sleep(100);
			answer = this.api.get(this.tenant, link);
		}
		JsonNode explained = answer.expectStatus(200).json();
		assertThat(explained.get("verdict").asString()).isEqualTo("Reject");
		assertThat(explained.get("destination").get("processingUnitID").asString())
			.isEqualTo(enforcer.unit("web").id());
		assertThat(explained.get("incoming").get("reason").asString()).isEqualTo("DefaultReject");
		this.api.get(this.tenant, "/flowreports/999999999999/explain").expectProblem(404);
		this.api.get(this.tenant, "/flowreports/abc/explain").expectProblem(404);
	}

	@Test
	void hitsAddUpTheCountsOfThePolicysRecords() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		String policy = policy(this.tenant, "counted");
		JsonNode none = this.api.get(this.tenant, "/networkaccesspolicies/" + policy + "/hits")
			.expectStatus(200)
			.json();
		assertThat(none.get("hits").asLong()).isZero();
		assertThat(none.has("lastHitTime")).isFalse();
		Instant latest = recently();
		Map<String, Object> hit = with(record(enforcer.unit("web"), latest.minusSeconds(30)), "reason", "Policy",
				"action", "Allow", "policyID", policy, "count", 4);
		send(enforcer, batch(List.of(hit, with(hit, "count", 6, "time", latest.toString())))).expectStatus(204);
		send(enforcer, batch(List.of(with(hit, "count", 5), record(enforcer.unit("web"), latest)))).expectStatus(204);

		JsonNode hits = this.api.get(this.tenant, "/networkaccesspolicies/" + policy + "/hits")
			.expectStatus(200)
			.json();
		assertThat(hits.get("policyID").asString()).isEqualTo(policy);
		assertThat(hits.get("hits").asLong()).isEqualTo(15);
		assertThat(hits.get("lastHitTime").asString()).isEqualTo(latest.toString());
		this.api.get(this.tenant, "/networkaccesspolicies/" + UUID.randomUUID() + "/hits").expectProblem(404);
	}

	@Test
	void theRetentionDropsWholeDaysOlderThanItAndExpiredBatchIds() {
		LocalDate old = LocalDate.now(ZoneOffset.UTC).minusDays(30);
		String partition = FlowPartitions.name(old);
		this.jdbc.execute("create table " + partition + " partition of flow_records for values from ('" + old
				+ "T00:00:00Z') to ('" + old.plusDays(1) + "T00:00:00Z')");
		this.jdbc
			.update("insert into flow_records (time, count, processing_unit_id, namespace, enforcer_id, direction, "
					+ "protocol, source_address, destination_address, action, observed, reason) values (?::timestamptz, 1, "
					+ "gen_random_uuid(), ?, gen_random_uuid(), 'Incoming', 'icmp', '192.0.2.1', '192.0.2.2', 'Reject', "
					+ "false, 'DefaultReject')", old + "T12:00:00Z", this.tenant);
		this.jdbc.update(
				"insert into flow_batches values (gen_random_uuid(), gen_random_uuid(), now() - interval '9 days')");
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("1");

		this.retention.prune();

		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("0");
		assertThat(this.jdbc.queryForObject("select to_regclass(?) is null", Boolean.class, partition)).isTrue();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from flow_batches where received_time < now() - interval '8 days'", Long.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class,
				FlowPartitions.name(LocalDate.now(ZoneOffset.UTC))))
			.as("today's partition stays")
			.isTrue();
	}

	private List<String> times(String query) {
		List<String> times = new ArrayList<>();
		list(this.tenant, query).json().forEach((record) -> times.add(record.get("time").asString()));
		return times;
	}

	private static String encode(Instant time) {
		return URLEncoder.encode(time.toString(), StandardCharsets.UTF_8);
	}

}
