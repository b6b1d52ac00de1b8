package io.mseg.console.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /enforcers/{id}/flowreports} over mTLS: what is stored, and every refusal,
 * after which nothing is stored.
 */
class FlowIngestIntegrationTests extends FlowIntegrationTest {

	@Test
	void aBatchIsStoredWholeAndListedNewestFirstWithEveryField() {
		Enrolled enforcer = enforcer(this.tenant, "web", "db");
		String policy = policy(this.tenant, "web to db");
		String network = UUID.randomUUID().toString();
		Instant older = recently().minusSeconds(20);
		Instant newer = recently();
		Map<String, Object> incoming = record(enforcer.unit("db"), older);
		Map<String, Object> outgoing = with(record(enforcer.unit("web"), newer), "count", 7, "direction", "Outgoing",
				"sourceAddress", enforcer.unit("web").address(), "destinationAddress", "2001:db8:0:0:0:0:0:1", "action",
				"Allow", "observed", true, "reason", "Policy", "policyID", policy, "externalNetworkID", network,
				"domain", "api.example.com");
		Map<String, Object> icmp = with(record(enforcer.unit("db"), older.minusSeconds(10)), "protocol", "icmp",
				"destinationPort", null);

		send(enforcer, batch(List.of(incoming, outgoing, icmp))).expectStatus(204);

		Response listed = list(this.tenant, "");
		assertThat(listed.header("X-Count-Total")).isEqualTo("3");
		JsonNode first = listed.json().get(0);
		assertThat(first.get("ID").asString()).matches("[0-9]+");
		assertThat(first.get("time").asString()).isEqualTo(newer.toString());
		assertThat(first.get("count").asLong()).isEqualTo(7);
		assertThat(first.get("processingUnitID").asString()).isEqualTo(enforcer.unit("web").id());
		assertThat(first.get("namespace").asString()).isEqualTo(this.tenant);
		assertThat(first.get("direction").asString()).isEqualTo("Outgoing");
		assertThat(first.get("protocol").asString()).isEqualTo("tcp");
		assertThat(first.get("destinationAddress").asString()).as("canonical form").isEqualTo("2001:db8::1");
		assertThat(first.get("destinationPort").asInt()).isEqualTo(443);
		assertThat(first.get("action").asString()).isEqualTo("Allow");
		assertThat(first.get("observed").asBoolean()).isTrue();
		assertThat(first.get("reason").asString()).isEqualTo("Policy");
		assertThat(first.get("policyID").asString()).isEqualTo(policy);
		assertThat(first.get("externalNetworkID").asString()).isEqualTo(network);
		assertThat(first.get("domain").asString()).isEqualTo("api.example.com");
		assertThat(first.get("explain").asString())
			.isEqualTo("/flowreports/" + first.get("ID").asString() + "/explain");
		JsonNode defaultReject = listed.json().get(1);
		assertThat(defaultReject.has("policyID")).isFalse();
		assertThat(defaultReject.has("externalNetworkID")).isFalse();
		assertThat(defaultReject.has("domain")).isFalse();
		assertThat(listed.json().get(2).has("destinationPort")).as("icmp has no port").isFalse();
	}

	@Test
	void malformedJsonIsRefusedWith400() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		send(enforcer, "{\"batchID\": ").expectProblem(400);
		send(enforcer, "{\"batchID\": \"" + UUID.randomUUID() + "\", \"batchID\": \"" + UUID.randomUUID() + "\"}")
			.expectProblem(400);
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("0");
	}

	@Test
	void anUnknownFieldIsRefusedAtEveryDepth() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Map<String, Object> valid = record(enforcer.unit("web"), recently());
		send(enforcer, batch(List.of(with(valid, "colour", "red")))).expectProblem(422, "records[0].colour");
		send(enforcer, batch(List.of(valid)).replace("\"records\":0", "\"records\":0,\"packets\":1")).expectProblem(422,
				"dropped.packets");
		send(enforcer, batch(List.of(valid)).replaceFirst("\\{", "{\"extra\":1,")).expectProblem(422, "extra");
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("0");
	}

	@Test
	void invalidValuesAreRefusedWithTheFieldOfEach() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Map<String, Object> valid = record(enforcer.unit("web"), recently());
		List<Map<String, Object>> records = List.of(valid, with(valid, "sourceAddress", "10.0.0.256"),
				with(valid, "protocol", "TCP"), with(valid, "protocol", "tcpx"), with(valid, "destinationPort", 65536),
				with(valid, "destinationPort", null), with(valid, "protocol", "icmp"), with(valid, "direction", "In"),
				with(valid, "action", "Drop"), with(valid, "reason", "Policy"), with(valid, "policyID", "not-a-uuid"),
				with(valid, "count", 0), with(valid, "domain", "api.example.com"));
		Response refused = send(enforcer, batch(records)).expectProblem(422, "records[1].sourceAddress",
				"records[2].protocol", "records[3].protocol", "records[4].destinationPort",
				"records[5].destinationPort", "records[6].destinationPort", "records[7].direction", "records[8].action",
				"records[9].policyID", "records[10].policyID", "records[11].count", "records[12].domain");
		assertThat(refused.json().get("errors").valueStream().map((e) -> e.get("field").asString()))
			.noneMatch((field) -> field.startsWith("records[0]"));
		send(enforcer, batch(List.of(with(valid, "observed", "false")))).expectProblem(422, "records[0].observed");
		send(enforcer, batch("not-a-uuid", 0, 0, List.of(valid))).expectProblem(422, "batchID");
		send(enforcer, batch(List.of())).expectProblem(422, "records");
		send(enforcer, batch(UUID.randomUUID().toString(), -1, 0, List.of(valid))).expectProblem(422, "dropped.flows");
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("0");
	}

	@Test
	void moreThan2000RecordsAreRefusedWith413() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Map<String, Object> valid = record(enforcer.unit("web"), recently());
		List<Map<String, Object>> records = new ArrayList<>();
		for (int i = 0; i < 2001; i++) {
			records.add(valid);
		}
		send(enforcer, batch(records)).expectProblem(413);
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("0");
	}

	@Test
	void aUnitTheEnforcerDidNotRegisterIsRefusedWith403NamingIt() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Enrolled other = enforcer(this.tenant, "db");
		Response refused = send(enforcer,
				batch(List.of(record(enforcer.unit("web"), recently()), record(other.unit("db"), recently()))))
			.expectProblem(403);
		assertThat(refused.json().get("detail").asString()).contains(other.unit("db").id());
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("0");
	}

	@Test
	void anEnforcerPostsForItsOwnIdOnlyAndTokensNotAtAll() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Enrolled other = enforcer(this.tenant, "db");
		String body = batch(List.of(record(enforcer.unit("web"), recently())));
		enforcer.client()
			.send("POST", null, "/enforcers/" + other.id() + "/flowreports", body,
					Map.of("Content-Type", "application/json"))
			.expectProblem(403);
		this.api
			.send("POST", null, "/enforcers/" + enforcer.id() + "/flowreports", body,
					Map.of("Content-Type", "application/json"))
			.expectProblem(403);
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("0");
	}

	@Test
	void aReplayedBatchIsRefusedWith409AndStoredOnce() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		String body = batch(UUID.randomUUID().toString(), 0, 0,
				List.of(record(enforcer.unit("web"), recently()), record(enforcer.unit("web"), recently())));
		send(enforcer, body).expectStatus(204);
		Response replay = send(enforcer, body).expectProblem(409);
		assertThat(replay.json().get("detail").asString()).contains("batch already stored");
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("2");
	}

	@Test
	void aRecordOlderThanTheRetentionOrTooFarAheadIsRefusedWith422() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Map<String, Object> valid = record(enforcer.unit("web"), recently());
		send(enforcer, batch(List.of(valid, with(valid, "time", Instant.now().minusSeconds(8 * 86400).toString()))))
			.expectProblem(422, "records[1].time");
		send(enforcer, batch(List.of(with(valid, "time", Instant.now().plusSeconds(600).toString()))))
			.expectProblem(422, "records[0].time");
		send(enforcer, batch(List.of(with(valid, "time", Instant.now().plusSeconds(60).toString())))).expectStatus(204);
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo("1");
	}

	@Test
	void anEnforcerOverItsRateIsRefusedWith429WhileAnotherStillIngests() {
		Enrolled flooding = enforcer(this.tenant, "web");
		Enrolled quiet = enforcer(this.tenant, "db");
		List<Map<String, Object>> many = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			many.add(with(record(flooding.unit("web"), recently()), "destinationPort", i));
		}
		// The bucket holds 4,000 and refills 1,000 a second: a third batch sent at once
		// does not fit (a fourth and fifth cover a slow machine).
		int accepted = 0;
		Response limited = null;
		for (int i = 0; i < 5 && limited == null; i++) {
			Response response = send(flooding, batch(many));
			if (response.status() == 429) {
				limited = response.expectProblem(429);
			}
			else {
				response.expectStatus(204);
				accepted++;
			}
		}
		assertThat(limited).as("a 429 within five batches of 2,000").isNotNull();
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
		send(quiet, batch(List.of(record(quiet.unit("db"), recently())))).expectStatus(204);
		assertThat(list(this.tenant, "").header("X-Count-Total")).isEqualTo(String.valueOf(2000 * accepted + 1));
	}

	@Test
	void theDroppedFiguresAddUpOnTheEnforcer() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Map<String, Object> valid = record(enforcer.unit("web"), recently());
		send(enforcer, batch(UUID.randomUUID().toString(), 5, 2, List.of(valid))).expectStatus(204);
		send(enforcer, batch(UUID.randomUUID().toString(), 1, 3, List.of(valid))).expectStatus(204);
		// drops with nothing else to send: a batch without records
		send(enforcer, batch(UUID.randomUUID().toString(), 10, 0, List.of())).expectStatus(204);
		JsonNode shown = this.api.get(this.tenant, "/enforcers/" + enforcer.id()).expectStatus(200).json();
		assertThat(shown.get("flowsUnrecorded").asLong()).isEqualTo(16);
		assertThat(shown.get("flowRecordsDropped").asLong()).isEqualTo(5);
	}

	@Test
	void theTotalsAreOnThePrometheusEndpoint() {
		Enrolled enforcer = enforcer(this.tenant, "web");
		Map<String, Object> valid = record(enforcer.unit("web"), recently());
		send(enforcer, batch(UUID.randomUUID().toString(), 4, 2, List.of(with(valid, "count", 5)))).expectStatus(204);
		send(enforcer, batch(List.of(valid, with(valid, "protocol", "nope")))).expectProblem(422);

		String metrics = this.api.withToken(null).get(null, "/actuator/prometheus").expectStatus(200).body();
		assertThat(metrics).containsPattern("mseg_flows_total\\{.*action=\"Reject\".*observed=\"false\".*\\} [1-9]")
			.containsPattern("mseg_flow_records_total\\{.*\\} [1-9]")
			.containsPattern("mseg_flow_records_dropped_total\\{.*where=\"enforcer\".*\\} [1-9]")
			.containsPattern("mseg_flow_records_dropped_total\\{.*where=\"console\".*\\} [1-9]")
			.containsPattern("mseg_flows_unrecorded_total\\{.*\\} [1-9]");
	}

}
