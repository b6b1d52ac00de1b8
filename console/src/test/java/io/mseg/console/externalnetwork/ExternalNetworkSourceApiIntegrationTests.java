package io.mseg.console.externalnetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.errorMessage;
import static io.mseg.console.support.Nodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code source} contract of external networks (issue 18): what a request may say,
 * what is refused, how the network reads back and travels through export and import.
 */
class ExternalNetworkSourceApiIntegrationTests extends ConsoleIntegrationTest {

	private static final String FEED = "https://feeds.example.test/ip-ranges.json";

	@Test
	void aNetworkWithASourceReadsBackWithTheDefaultIntervalNoEntriesYetAndAStatus() {
		Response created = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "cloudfront", "associatedTags", List.of("ext:name=cloudfront"), "servicePorts",
							List.of("tcp/443"), "source", awsSource()))
			.expectStatus(201);
		JsonNode read = this.api.get(this.tenant, "/externalnetworks/" + created.id()).expectStatus(200).json();
		JsonNode source = read.get("source");
		assertThat(source.get("url").asString()).isEqualTo(FEED);
		assertThat(source.get("format").asString()).isEqualTo("aws-ip-ranges");
		assertThat(source.get("service").asString()).isEqualTo("CLOUDFRONT");
		assertThat(source.get("region").asString()).isEqualTo("GLOBAL");
		assertThat(source.get("refreshInterval").asString()).isEqualTo("1h");
		assertThat(strings(read.get("entries"))).isEmpty();
		assertThat(read.get("sourceStatus").isObject()).isTrue();
		assertThat(read.get("sourceStatus").get("error")).isNull();
	}

	@Test
	void theRefreshIntervalReadsBackCanonical() {
		Map<String, Object> source = textSource();
		source.put("refreshInterval", "90m");
		Response created = this.api.post(this.tenant, "/externalnetworks", json("name", "drop", "source", source))
			.expectStatus(201);
		assertThat(created.json().get("source").get("refreshInterval").asString()).isEqualTo("1h30m");
	}

	@Test
	void aRequestWithBothEntriesAndASourceIsRefused() {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "entries", List.of("192.0.2.0/24"), "source", textSource()))
			.expectProblem(422, "entries");
		assertNothingStored();
	}

	@Test
	void aRequestWithoutEntriesOrSourceIsRefused() {
		Response problem = this.api.post(this.tenant, "/externalnetworks", json("name", "n"))
			.expectProblem(422, "entries");
		assertThat(errorMessage(problem, "entries")).contains("source");
	}

	@Test
	void theSourceStatusIsRefusedInARequest() {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "source", textSource(), "sourceStatus", Map.of("entryCount", 3)))
			.expectProblem(422, "sourceStatus");
		assertNothingStored();
	}

	@Test
	void anUnknownFieldInsideTheSourceIsRefused() {
		Map<String, Object> source = textSource();
		source.put("refreshIntervall", "1h");
		this.api.post(this.tenant, "/externalnetworks", json("name", "n", "source", source))
			.expectProblem(422, "source.refreshIntervall");
		assertNothingStored();
	}

	@ParameterizedTest(name = "{0}={1} with {2}")
	@CsvSource(delimiter = '|', nullValues = "-", value = { "url|-|text", "url|not a url|text",
			"url|ftp://feeds.example.test/list.txt|text", "url|http://feeds.example.test/list.txt|text",
			"url|https:///list.txt|text", "url|https://user:secret@feeds.example.test/list.txt|text",
			"url|https://feeds.example.test/list.txt#top|text", "format|-|text", "format|csv|text", "format|TEXT|text",
			"service|CLOUDFRONT|text", "region|GLOBAL|text", "path|prefixes[].ip_prefix|text",
			"service|-|aws-ip-ranges", "path|prefixes[].ip_prefix|aws-ip-ranges", "service|EC2|json", "path|-|json",
			"path|prefixes..ip_prefix|json", "path|prefixes[x]|json", "refreshInterval|30s|text",
			"refreshInterval|1x|text", "refreshInterval|1 h|text", "refreshInterval|31d|text",
			"caCertificate|not a certificate|text",
			"caCertificate|-----BEGIN CERTIFICATE----- AAAA -----END CERTIFICATE-----|text" })
	void anInvalidSourceFieldIsRefusedWithAnErrorOnThatField(String field, String value, String format) {
		Map<String, Object> source = switch (format) {
			case "text" -> textSource();
			case "aws-ip-ranges" -> awsSource();
			default -> jsonSource();
		};
		source.put(field, value);
		this.api.post(this.tenant, "/externalnetworks", json("name", "n", "source", source))
			.expectProblem(422, "source." + field);
		assertNothingStored();
	}

	@Test
	void aCaCertificateInPemIsAccepted() throws IOException {
		Map<String, Object> source = textSource();
		String pem = Files.readString(caFile());
		source.put("caCertificate", pem);
		Response created = this.api.post(this.tenant, "/externalnetworks", json("name", "n", "source", source))
			.expectStatus(201);
		assertThat(created.json().get("source").get("caCertificate").asString()).isEqualTo(pem);
	}

	@Test
	void replacingTheSourceWithEntriesMakesAHandWrittenNetwork() {
		String id = this.api.post(this.tenant, "/externalnetworks", json("name", "n", "source", textSource()))
			.expectStatus(201)
			.id();
		JsonNode replaced = this.api
			.put(this.tenant, "/externalnetworks/" + id, json("name", "n", "entries", List.of("192.0.2.0/24")))
			.expectStatus(200)
			.json();
		assertThat(replaced.get("source")).isNull();
		assertThat(replaced.get("sourceStatus")).isNull();
		assertThat(strings(replaced.get("entries"))).containsExactly("192.0.2.0/24");
	}

	@Test
	void exportCarriesTheSourceNotItsEntriesOrStatusAndReimportingChangesNothing() {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "cloudfront", "associatedTags", List.of("ext:name=cloudfront"), "source", awsSource()))
			.expectStatus(201);
		JsonNode exported = this.api.post(this.tenant, "/export", "{}").expectStatus(200).json();
		JsonNode network = exported.get("data").get("externalnetworks").get(0);
		assertThat(network.get("source").get("service").asString()).isEqualTo("CLOUDFRONT");
		assertThat(network.has("entries")).isFalse();
		assertThat(network.has("sourceStatus")).isFalse();

		JsonNode result = this.api.post(this.tenant, "/import", exported.toString()).expectStatus(200).json();
		assertThat(result.get("unchanged").asInt()).isEqualTo(1);
		assertThat(result.get("updated")).isEmpty();

		String other = childNamespace(this.tenant, "copy");
		JsonNode copied = this.api.post(other, "/import", exported.toString()).expectStatus(200).json();
		assertThat(copied.get("created")).hasSize(1);
		JsonNode read = this.api.get(other, "/externalnetworks").json().get(0);
		assertThat(read.get("source").get("url").asString()).isEqualTo(FEED);
	}

	private static Map<String, Object> textSource() {
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("url", "https://feeds.example.test/drop.txt");
		source.put("format", "text");
		return source;
	}

	private static Map<String, Object> awsSource() {
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("url", FEED);
		source.put("format", "aws-ip-ranges");
		source.put("service", "CLOUDFRONT");
		source.put("region", "GLOBAL");
		return source;
	}

	private static Map<String, Object> jsonSource() {
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("url", "https://feeds.example.test/list.json");
		source.put("format", "json");
		source.put("path", "prefixes[].ip_prefix");
		return source;
	}

	private void assertNothingStored() {
		assertThat(this.api.get(this.tenant, "/externalnetworks?recursive=true").json()).isEmpty();
	}

}
