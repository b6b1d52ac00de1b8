package io.mseg.console.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.EventStream;
import io.mseg.console.support.EventStream.Event;
import io.mseg.console.support.TestEnforcer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two console replicas on one PostgreSQL: a change committed through one reaches an
 * enforcer streaming from the other, also after the other lost its listener connection.
 */
class ReplicasIntegrationTests extends ConsoleIntegrationTest {

	private static final Duration SOON = Duration.ofSeconds(5);

	@Autowired
	private JdbcClient jdbc;

	private ConfigurableApplicationContext replicaB;

	private ApiClient b;

	private TestEnforcer web;

	private String webUnit;

	@BeforeEach
	void secondReplica() throws Exception {
		// The replicas share the database and the CA (as a Helm deployment does with a
		// secret).
		this.replicaB = startReplica("--mseg.push.poll-interval=2s");
		this.b = client(this.replicaB);

		String token = this.api.post(this.tenant, "/enrollmenttokens", "{}").json().get("token").asString();
		this.web = new TestEnforcer().enroll(this.api, token, "web");
		this.webUnit = this.web.client(this.b, caFile())
			.send("PUT", null, "/enforcers/" + this.web.id() + "/processingunits",
					"[" + json("name", "web-1", "addresses", List.of(Addresses.ipv4()), "associatedTags",
							List.of("app=web")) + "]",
					Map.of("Content-Type", "application/json"))
			.expectStatus(200)
			.json()
			.get(0)
			.get("ID")
			.asString();
	}

	@AfterEach
	void stopReplica() {
		if (this.replicaB != null) {
			this.replicaB.close();
		}
	}

	@Test
	void aChangeThroughOneReplicaReachesAnEnforcerStreamingFromTheOther() throws Exception {
		try (EventStream events = EventStream.open(this.web.client(this.b, caFile()),
				"/enforcers/" + this.web.id() + "/events", null)) {
			createPolicy("through A");
			Event event = events.next(SOON);
			assertThat(event).as("event on replica B for a change through replica A").isNotNull();
			assertThat(event.name()).isEqualTo("policy");
			JsonNode document = this.web.client(this.b, caFile())
				.get(null, "/enforcers/" + this.web.id() + "/renderedpolicy")
				.json();
			long version = document.get("version").asLong();
			assertThat(version).isEqualTo(Long.parseLong(event.id()));
			assertThat(document.toString()).contains("through A");
			assertThat(this.web.client(this.api, caFile())
				.get(null, "/enforcers/" + this.web.id() + "/renderedpolicy")
				.json()
				.get("version")
				.asLong()).as("both replicas agree on the version").isEqualTo(version);
		}
	}

	@Test
	void aReplicaThatLostItsListenerConnectionCatchesUp() throws Exception {
		try (EventStream events = EventStream.open(this.web.client(this.b, caFile()),
				"/enforcers/" + this.web.id() + "/events", null)) {
			int killed = this.jdbc
				.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where query like 'LISTEN%' "
						+ "and pid <> pg_backend_pid()")
				.query(Integer.class)
				.single();
			assertThat(killed).as("listener connections terminated").isGreaterThanOrEqualTo(1);
			createPolicy("while B was deaf");
			Event event = events.next(Duration.ofSeconds(10));
			assertThat(event).as("event after B lost its listener").isNotNull();
			assertThat(event.name()).isEqualTo("policy");
		}
	}

	@Test
	void aFlowRecordStoredThroughOneReplicaReachesALiveTailOnTheOther() throws Exception {
		try (EventStream tail = EventStream.open(this.b, "/flowreports/events", null)) {
			String record = json("time", java.time.Instant.now().minusSeconds(1).toString(), "count", 2,
					"processingUnitID", this.webUnit, "direction", "Incoming", "protocol", "udp", "sourceAddress",
					"192.0.2.50", "destinationAddress", "192.0.2.51", "destinationPort", 53, "action", "Reject",
					"observed", false, "reason", "DefaultReject");
			this.web.client(this.api, caFile())
				.send("POST", null, "/enforcers/" + this.web.id() + "/flowreports",
						"{\"batchID\": \"" + java.util.UUID.randomUUID()
								+ "\", \"dropped\": {\"flows\": 0, \"records\": 0}, \"records\": [" + record + "]}",
						Map.of("Content-Type", "application/json"))
				.expectStatus(204);
			Event event = tail.next(SOON);
			assertThat(event).as("flow event on replica B for a batch stored through replica A").isNotNull();
			assertThat(event.name()).isEqualTo("flowreport");
			assertThat(event.data()).contains(this.webUnit, "\"protocol\":\"udp\"");
		}
	}

	private void createPolicy(String name) {
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", name, "subject", List.of(List.of("app=web")), "object", List.of(List.of("app=web")),
							"ports", List.of("tcp/80")))
			.expectStatus(201);
	}

}
