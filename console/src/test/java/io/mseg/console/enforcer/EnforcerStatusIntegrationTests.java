package io.mseg.console.enforcer;

import java.util.Map;

import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.TestEnforcer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status an enforcer reports with {@code POST /enforcers/{id}/poke}, over mTLS, as
 * the console stores and shows it; above all its DNS interception (issue 16).
 */
class EnforcerStatusIntegrationTests extends ConsoleIntegrationTest {

	/**
	 * One enforcer for the tests that report over it (each first reports the state it
	 * starts from): enrollments are rate-limited per address, and the whole suite enrolls
	 * from localhost.
	 */
	private static TestEnforcer shared;

	private static String sharedNamespace;

	private TestEnforcer enforcer;

	private String namespace;

	@BeforeEach
	void enforcer() {
		if (shared == null) {
			shared = enroll();
			sharedNamespace = this.tenant;
		}
		this.enforcer = shared;
		this.namespace = sharedNamespace;
	}

	@Test
	void aReportedDnsStatusIsShownAsReported() {
		poke(withDns(dns("Active", 3, 5, null))).expectStatus(204);

		JsonNode dns = shown().get("dns");
		assertThat(dns.get("interception").asString()).isEqualTo("Active");
		assertThat(dns.get("learnedNames").asInt()).isEqualTo(3);
		assertThat(dns.get("learnedAddresses").asInt()).isEqualTo(5);
		assertThat(dns.has("error")).as("a null error, left out like every null of the API").isFalse();
		JsonNode listed = this.api.get(this.namespace, "/enforcers").expectStatus(200).json().get(0);
		assertThat(listed.get("dns")).isEqualTo(dns);
	}

	@Test
	void aFailedInterceptionIsShownWithItsError() {
		poke(withDns(dns("Failed", 0, 0, "port 53 is in use"))).expectStatus(204);

		JsonNode dns = shown().get("dns");
		assertThat(dns.get("interception").asString()).isEqualTo("Failed");
		assertThat(dns.get("error").asString()).isEqualTo("port 53 is in use");
	}

	@Test
	void anEnforcerThatNeverReportedDnsShowsNone() {
		this.enforcer = enroll();
		this.namespace = this.tenant;
		assertThat(shown().has("dns")).isFalse();
		this.enforcer.poke(this.api, caFile()).expectStatus(204);
		assertThat(shown().has("dns")).isFalse();
	}

	@Test
	void aReportWithoutDnsClearsTheLastOne() {
		poke(withDns(dns("Off", 0, 0, null))).expectStatus(204);
		assertThat(shown().get("dns").get("interception").asString()).isEqualTo("Off");

		this.enforcer.poke(this.api, caFile()).expectStatus(204);
		assertThat(shown().has("dns")).isFalse();
	}

	@Test
	void anUnknownInterceptionIsRefusedAndNothingWritten() {
		JsonNode before = reportedActive();
		Response refused = poke(withDns(dns("Sleeping", 1, 1, null))).expectProblem(422, "dns.interception");
		assertThat(errorMessage(refused, "dns.interception")).isEqualTo("must be Active, Failed or Off");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void negativeCountsAreRefusedAndNothingWritten() {
		JsonNode before = reportedActive();
		poke(withDns(dns("Active", -1, 1, null))).expectProblem(422, "dns.learnedNames");
		poke(withDns(dns("Active", 1, -1, null))).expectProblem(422, "dns.learnedAddresses");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void aDnsStatusWithoutItsRequiredFieldsIsRefused() {
		JsonNode before = reportedActive();
		poke(withDns("{}")).expectProblem(422, "dns.interception", "dns.learnedNames", "dns.learnedAddresses");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void anErrorOverTheLimitIsRefusedAndNothingWritten() {
		JsonNode before = reportedActive();
		poke(withDns(dns("Failed", 0, 0, "x".repeat(1025)))).expectProblem(422, "dns.error");
		assertThat(shown()).isEqualTo(before);
		poke(withDns(dns("Failed", 0, 0, "x".repeat(1024)))).expectStatus(204);
		assertThat(shown().get("dns").get("error").asString()).hasSize(1024);
	}

	@Test
	void anUnknownFieldInsideDnsIsRefusedAndNothingWritten() {
		JsonNode before = reportedActive();
		String misspelled = "{\"interception\": \"Active\", \"learnedNames\": 1, \"learnedAddresses\": 1,"
				+ " \"learnedAdresses\": 2}";
		Response refused = poke(withDns(misspelled)).expectProblem(422, "dns.learnedAdresses");
		assertThat(errorMessage(refused, "dns.learnedAdresses")).isEqualTo("is not a field of this object");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void aFractionOrATextForACountIsRefused() {
		JsonNode before = reportedActive();
		poke(withDns("{\"interception\": \"Active\", \"learnedNames\": 1.5, \"learnedAddresses\": 1}"))
			.expectProblem(422, "dns.learnedNames");
		poke(withDns("{\"interception\": \"Active\", \"learnedNames\": 1, \"learnedAddresses\": \"1\"}"))
			.expectProblem(422, "dns.learnedAddresses");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void aYamlReportIsReadTheSameWay() {
		String yaml = """
				currentVersion: 1.0.0
				enforcementStatus: Active
				dns:
				  interception: Active
				  learnedNames: 2
				  learnedAddresses: 4
				  error: null
				""";
		this.enforcer.client(this.api, caFile())
			.send("POST", null, "/enforcers/" + this.enforcer.id() + "/poke", yaml,
					Map.of("Content-Type", "application/yaml"))
			.expectStatus(204);
		assertThat(shown().get("dns").get("learnedAddresses").asInt()).isEqualTo(4);
	}

	private TestEnforcer enroll() {
		String token = this.api.post(this.tenant, "/enrollmenttokens", json())
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
		return new TestEnforcer().enroll(this.api, token, "host");
	}

	/**
	 * Reports an active interception and answers the enforcer as the console shows it.
	 */
	private JsonNode reportedActive() {
		poke(withDns(dns("Active", 3, 5, null))).expectStatus(204);
		return shown();
	}

	private JsonNode shown() {
		return this.api.get(this.namespace, "/enforcers/" + this.enforcer.id()).expectStatus(200).json();
	}

	private Response poke(String body) {
		return this.enforcer.client(this.api, caFile())
			.send("POST", null, "/enforcers/" + this.enforcer.id() + "/poke", body,
					Map.of("Content-Type", "application/json"));
	}

	private static String withDns(String dns) {
		return "{\"currentVersion\": \"1.0.0\", \"enforcementStatus\": \"Active\", \"dns\": " + dns + "}";
	}

	private static String dns(String interception, int names, int addresses, String error) {
		return "{\"interception\": \"" + interception + "\", \"learnedNames\": " + names + ", \"learnedAddresses\": "
				+ addresses + ", \"error\": " + ((error != null) ? "\"" + error + "\"" : "null") + "}";
	}

}
