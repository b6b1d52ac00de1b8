package io.mseg.console.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;

import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever refuses a request (the HTTP server, the servlet container, Spring Security's
 * firewall or the API), the answer is a problem with a 4xx status and no internals; and a
 * multipart body, which the API never reads, is refused before anything parses it, even
 * anonymously.
 */
class RefusalsIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void pathsTheFirewallOrTheServerRefuseAreAnsweredWithProblems() {
		for (String path : new String[] { "/namespaces/%2e%2e/x", "/namespaces%00", "/namespaces;x", "//namespaces",
				"/namespaces/%2F..%2F" }) {
			problem(this.api.get(this.tenant, path), 400);
		}
	}

	@Test
	void theBenchmarkFloorEndpointDoesNotExistUnlessTurnedOn() {
		problem(this.api.get(this.tenant, "/benchmark/floor"), 404);
	}

	@Test
	void traceIsRefusedWithoutEchoingTheRequest() {
		Response trace = this.api.send("TRACE", this.tenant, "/namespaces", null, Map.of());
		problem(trace, 405);
		assertThat(trace.body()).doesNotContain(ADMIN_TOKEN);
	}

	@Test
	void aProblemListsTheFirstHundredInvalidFieldsAndCountsThemAll() {
		StringBuilder yaml = new StringBuilder("data:\n  networkaccesspolicies:\n");
		for (int i = 0; i < 150; i++) {
			yaml.append("  - {name: same, subject: [[app=a]], object: [[app=b]]}\n");
		}
		Response refused = this.api.send("POST", this.tenant, "/import", yaml.toString(),
				Map.of("Content-Type", "application/yaml"));
		problem(refused, 422);
		assertThat(refused.json().get("detail").asString())
			.isEqualTo("149 fields are invalid (the first 100 are listed)");
		assertThat(refused.json().get("errors").size()).isEqualTo(100);
		assertThat(refused.json().get("errors").get(0).get("field").asString())
			.isEqualTo("data.networkaccesspolicies[1].name");
	}

	@Test
	void aYamlDocumentOverThreeMegabytesIsReadWholeWithinTheBodyLimit() {
		String description = "d".repeat(500);
		StringBuilder yaml = new StringBuilder("data:\n  networkaccesspolicies:\n");
		for (int i = 0; i < 7000; i++) {
			yaml.append("  - {name: same, description: ")
				.append(description)
				.append(", subject: [[app=a]], object: [[app=b]]}\n");
		}
		assertThat(yaml.length()).isGreaterThan(3_500_000);
		Response refused = this.api.send("POST", this.tenant, "/import", yaml.toString(),
				Map.of("Content-Type", "application/yaml"));
		// Refused for what it says (the same name 7,000 times), not for its size.
		problem(refused, 422);
		assertThat(refused.json().get("detail").asString()).startsWith("6999 fields are invalid");
	}

	@Test
	void headersTooLargeAreAnsweredWithAProblem() {
		problem(this.api.send("GET", this.tenant, "/namespaces", null, Map.of("X-Big", "a".repeat(20_000))), 431);
	}

	@Test
	void aBrokenMultipartBodyIsRefusedBeforeAnythingParsesIt() {
		ApiClient anonymous = this.api.withToken(null);
		for (String path : new String[] { "/actuator/health", "/namespaces", "/import" }) {
			for (ApiClient client : new ApiClient[] { anonymous, this.api }) {
				problem(client.sendPublisher("POST", this.tenant, path, BodyPublishers.ofString("--xx\r\nbroken"),
						Map.of("Content-Type", "multipart/form-data; boundary=xx")), 415);
			}
		}
		problem(this.api.send("POST", this.tenant, "/namespaces", "name=x",
				Map.of("Content-Type", "application/x-www-form-urlencoded")), 415);
	}

	@Test
	void aNulCharacterInAQueryParameterIsRefused() {
		problem(this.api.get(this.tenant, "/networkaccesspolicies?name=a%00b"), 400);
	}

	@Test
	void headIsAllowedWhereverGetIs() {
		String viewer = this.api.post(this.tenant, "/apitokens", json("name", "viewer", "role", "viewer"))
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
		ApiClient asViewer = this.api.withToken(viewer);
		for (String path : new String[] { "/networkaccesspolicies", "/namespaces", "/tags", "/enforcers" }) {
			assertThat(asViewer.get(this.tenant, path).status()).as("GET " + path).isEqualTo(200);
			assertThat(asViewer.send("HEAD", this.tenant, path, null, Map.of()).status()).as("HEAD " + path)
				.isEqualTo(200);
		}
	}

	private static void problem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertThat(response.body()).doesNotContainPattern("(java|jakarta|org\\.springframework|org\\.eclipse)\\.")
			.doesNotContain("Exception");
	}

}
