package io.mseg.console.flow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.TestEnforcer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.TestPropertySource;

/**
 * Base of the flow report tests: enforcers enrolled in the test's namespace with units of
 * their own, batches built as maps. Enrollment is not rate-limited here (every test
 * enrolls its own enforcers), and an enforcer's bucket holds 4,000 records refilled at
 * 1,000 a second, so that the rate limit shows without sending 50,000 records.
 */
@TestPropertySource(properties = { "mseg.enforcers.enrollments-per-minute=1000000", "mseg.flows.ingest-rate=1000",
		"mseg.flows.ingest-burst=4000", "logging.level.io.mseg.console.requests=WARN" })
abstract class FlowIntegrationTest extends ConsoleIntegrationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** An enrolled enforcer with the units it registered. */
	record Enrolled(TestEnforcer enforcer, ApiClient client, Map<String, Unit> units) {

		Unit unit(String name) {
			return this.units.get(name);
		}

		String id() {
			return this.enforcer.id();
		}

	}

	/** A registered unit: its ID and address. */
	record Unit(String id, String address) {

	}

	/** Enrolls an enforcer in {@code namespace} that registers units of these names. */
	Enrolled enforcer(String namespace, String... unitNames) {
		String token = this.api.post(namespace, "/enrollmenttokens", "{}")
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
		TestEnforcer enforcer = new TestEnforcer().enroll(this.api, token, "flow-" + UUID.randomUUID());
		ApiClient client = enforcer.client(this.api, caFile());
		List<Map<String, Object>> declared = new ArrayList<>();
		for (String name : unitNames) {
			declared.add(Map.of("name", name, "addresses", List.of(Addresses.ipv4()), "associatedTags",
					List.of("app=" + name)));
		}
		Response registered = client
			.send("PUT", null, "/enforcers/" + enforcer.id() + "/processingunits", JSON.writeValueAsString(declared),
					Map.of("Content-Type", "application/json"))
			.expectStatus(200);
		Map<String, Unit> units = new LinkedHashMap<>();
		registered.json()
			.forEach((unit) -> units.put(unit.get("name").asString(),
					new Unit(unit.get("ID").asString(), unit.get("addresses").get(0).asString())));
		return new Enrolled(enforcer, client, units);
	}

	/** A valid record of an incoming TCP flow to {@code unit}, rejected by default. */
	static Map<String, Object> record(Unit unit, Instant time) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("time", time.toString());
		record.put("count", 1);
		record.put("processingUnitID", unit.id());
		record.put("direction", "Incoming");
		record.put("protocol", "tcp");
		record.put("sourceAddress", "203.0.113.9");
		record.put("destinationAddress", unit.address());
		record.put("destinationPort", 443);
		record.put("action", "Reject");
		record.put("observed", false);
		record.put("reason", "DefaultReject");
		return record;
	}

	static Map<String, Object> with(Map<String, Object> record, Object... keysAndValues) {
		Map<String, Object> copy = new LinkedHashMap<>(record);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			if (keysAndValues[i + 1] == null) {
				copy.remove((String) keysAndValues[i]);
			}
			else {
				copy.put((String) keysAndValues[i], keysAndValues[i + 1]);
			}
		}
		return copy;
	}

	static String batch(List<Map<String, Object>> records) {
		return batch(UUID.randomUUID().toString(), 0, 0, records);
	}

	static String batch(String batchId, long droppedFlows, long droppedRecords, List<Map<String, Object>> records) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("batchID", batchId);
		Map<String, Object> dropped = new LinkedHashMap<>();
		dropped.put("flows", droppedFlows);
		dropped.put("records", droppedRecords);
		body.put("dropped", dropped);
		body.put("records", records);
		return JSON.writeValueAsString(body);
	}

	static Response send(Enrolled enforcer, String body) {
		return enforcer.client()
			.send("POST", null, "/enforcers/" + enforcer.id() + "/flowreports", body,
					Map.of("Content-Type", "application/json"));
	}

	/** A second ago, to the microsecond, as the console keeps it. */
	static Instant recently() {
		return Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
	}

	/** The records of {@code namespace} the admin lists with this query. */
	Response list(String namespace, String query) {
		return this.api.get(namespace, "/flowreports" + (query.isEmpty() ? "" : "?" + query)).expectStatus(200);
	}

	/** Creates a policy of {@code namespace} and answers its ID. */
	String policy(String namespace, String name) {
		return this.api
			.post(namespace, "/networkaccesspolicies",
					ApiClient.json("name", name, "subject", List.of(List.of("app=web")), "object",
							List.of(List.of("app=db"))))
			.expectStatus(201)
			.id();
	}

}
