package io.mseg.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document ({@code openapi/openapi.json}) must be what the server
 * serves. To refresh it after an API change run the tests with
 * {@code -Dopenapi.update=true} and commit the result.
 */
class OpenApiDocumentIntegrationTests extends ConsoleIntegrationTest {

	private static final Path COMMITTED = Path.of("..", "openapi", "openapi.json");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	@Test
	void committedDocumentEqualsTheServedOne() throws IOException {
		JsonNode served = this.api.get(null, "/v3/api-docs").expectStatus(200).json();
		String pretty = JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n";
		Files.writeString(Path.of("target", "openapi.json"), pretty);
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(COMMITTED, pretty);
		}
		assertThat(COMMITTED).as("openapi/openapi.json (refresh with -Dopenapi.update=true)").exists();
		JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
		assertThat(differences(committed, served))
			.as("openapi/openapi.json differs from the served document (see console/target/openapi.json); refresh "
					+ "it with -Dopenapi.update=true")
			.isEmpty();
	}

	/** The paths and components that differ, to keep a failure readable. */
	private static java.util.List<String> differences(JsonNode committed, JsonNode served) {
		java.util.List<String> differences = new java.util.ArrayList<>();
		java.util.Set<String> sections = new java.util.TreeSet<>();
		committed.propertyNames().forEach(sections::add);
		served.propertyNames().forEach(sections::add);
		for (String section : sections) {
			JsonNode left = committed.path(section);
			JsonNode right = served.path(section);
			if (left.equals(right)) {
				continue;
			}
			if (left.isObject() && right.isObject()) {
				java.util.Set<String> keys = new java.util.TreeSet<>();
				left.propertyNames().forEach(keys::add);
				right.propertyNames().forEach(keys::add);
				keys.stream()
					.filter((key) -> !left.path(key).equals(right.path(key)))
					.forEach((key) -> differences.add(section + "." + key));
			}
			else {
				differences.add(section);
			}
		}
		return differences;
	}

	@Test
	void swaggerUiIsServed() {
		assertThat(this.api.get(null, "/swagger-ui/index.html").expectStatus(200).body()).contains("Swagger UI");
	}

}
