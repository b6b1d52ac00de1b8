package io.mseg.enforcer.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.mseg.enforcer.dns.DnsInterception.DnsStatus;
import io.mseg.enforcer.document.PolicyDocuments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status the enforcer sends against the console's schema of it, as committed in
 * {@code openapi/openapi.json}: the console refuses a field it does not know and a report
 * without a required one, and the whole report with it.
 */
class StatusContractTests {

	private static final Path OPENAPI = Path.of("..", "openapi", "openapi.json");

	private static JsonNode schemas;

	@BeforeAll
	static void readSchemas() throws IOException {
		schemas = PolicyDocuments.json().readTree(Files.readString(OPENAPI)).get("components").get("schemas");
	}

	@Test
	void everyFieldSentIsOneTheConsoleKnowsAndEveryRequiredOneIsSent() {
		Status status = new Status("1.0.0", Instant.parse("2025-01-01T10:00:00Z"),
				Instant.parse("2025-01-01T10:00:05Z"), EnforcementStatus.ACTIVE, new DnsStatus("Failed", 0, 0, "nft"),
				new WorkloadStatus("kubernetes", 3, List.of("the watch of pods is down")));
		JsonNode sent = PolicyDocuments.json().valueToTree(status);

		assertMatches(sent, "EnforcerStatus");
		assertMatches(sent.get("dns"), "EnforcerDnsStatus");
		assertMatches(sent.get("workloads"), "EnforcerWorkloadStatus");
	}

	@Test
	void theWorkloadStatusIsKeptWithinTheConsolesLimits() {
		JsonNode schema = schemas.get("EnforcerWorkloadStatus").get("properties");
		assertThat(schema.get("problems").get("maxItems").asInt()).isEqualTo(WorkloadStatus.MAX_PROBLEMS);
		assertThat(schema.get("problems").get("items").get("maxLength").asInt()).isEqualTo(WorkloadStatus.MAX_LENGTH);
		assertThat(schema.get("source").get("maxLength").asInt()).isEqualTo(WorkloadStatus.MAX_LENGTH);
	}

	private static void assertMatches(JsonNode sent, String schemaName) {
		JsonNode schema = schemas.get(schemaName);
		assertThat(sent.propertyNames()).as(schemaName + " fields")
			.isSubsetOf(schema.get("properties").propertyNames());
		schema.path("required")
			.valueStream()
			.map(JsonNode::asString)
			.forEach((field) -> assertThat(sent.hasNonNull(field)).as(schemaName + " requires " + field).isTrue());
	}

}
