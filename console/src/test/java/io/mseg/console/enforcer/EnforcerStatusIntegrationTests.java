package io.mseg.console.enforcer;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
 * the console stores and shows it; above all its DNS interception (issue 16) and, in node
 * mode, its workloads.
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
	void anEnforcerThatNeverReportedDnsOrWorkloadsShowsNeither() {
		// one enrollment for both: enrollments are rate-limited
		this.enforcer = enroll();
		this.namespace = this.tenant;
		assertThat(shown().has("dns")).isFalse();
		assertThat(shown().has("workloads")).isFalse();
		this.enforcer.poke(this.api, caFile()).expectStatus(204);
		assertThat(shown().has("dns")).isFalse();
		assertThat(shown().has("workloads")).as("a host-mode enforcer").isFalse();
		JsonNode listed = this.api.get(this.namespace, "/enforcers").expectStatus(200).json().get(0);
		assertThat(listed.has("workloads")).isFalse();
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

	@Test
	void reportedWorkloadsAreShownAsReported() {
		poke(withWorkloads(workloads("directory:/var/lib/mseg/workloads", 2,
				"\"web-2.json: not a workload\", \"workload web-3 is left out: its address 10.1.0.7 belongs to"
						+ " workload web-1\"")))
			.expectStatus(204);

		JsonNode workloads = shown().get("workloads");
		assertThat(workloads.get("source").asString()).isEqualTo("directory:/var/lib/mseg/workloads");
		assertThat(workloads.get("count").asInt()).isEqualTo(2);
		assertThat(workloads.get("problems").valueStream().map(JsonNode::asString)).containsExactly(
				"web-2.json: not a workload",
				"workload web-3 is left out: its address 10.1.0.7 belongs to workload web-1");
		JsonNode listed = this.api.get(this.namespace, "/enforcers").expectStatus(200).json().get(0);
		assertThat(listed.get("workloads")).isEqualTo(workloads);
	}

	@Test
	void workloadsWithoutProblemsShowAnEmptyList() {
		poke(withWorkloads(workloads("kubernetes", 0, ""))).expectStatus(204);
		assertThat(shown().get("workloads").get("problems").isArray()).isTrue();
		assertThat(shown().get("workloads").get("problems").isEmpty()).isTrue();

		poke(withWorkloads("{\"source\": \"kubernetes\", \"count\": 3}")).expectStatus(204);
		assertThat(shown().get("workloads").get("count").asInt()).isEqualTo(3);
		assertThat(shown().get("workloads").get("problems").isEmpty()).as("problems left out are none").isTrue();
	}

	@Test
	void aReportWithoutWorkloadsClearsTheLastOne() {
		reportedWorkloads();
		this.enforcer.poke(this.api, caFile()).expectStatus(204);
		assertThat(shown().has("workloads")).isFalse();

		reportedWorkloads();
		// what the reference enforcer sends in host mode
		poke(withWorkloads("null")).expectStatus(204);
		assertThat(shown().has("workloads")).isFalse();
	}

	@Test
	void aNegativeCountIsRefusedAndNothingWritten() {
		JsonNode before = reportedWorkloads();
		Response refused = poke(withWorkloads(workloads("kubernetes", -1, ""))).expectProblem(422, "workloads.count");
		assertThat(errorMessage(refused, "workloads.count")).isEqualTo("must not be negative");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void workloadsWithoutTheirRequiredFieldsAreRefused() {
		JsonNode before = reportedWorkloads();
		Response refused = poke(withWorkloads("{}")).expectProblem(422, "workloads.source", "workloads.count");
		assertThat(errorMessage(refused, "workloads.source")).isEqualTo("is required");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void anUnknownSourceIsRefusedAndNothingWritten() {
		JsonNode before = reportedWorkloads();
		for (String source : new String[] { "docker", "directory:", "Kubernetes", "" }) {
			Response refused = poke(withWorkloads(workloads(source, 1, ""))).expectProblem(422, "workloads.source");
			assertThat(errorMessage(refused, "workloads.source")).isEqualTo("must be kubernetes or directory:<path>");
		}
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void aSourceOverTheLimitIsRefusedAndNothingWritten() {
		JsonNode before = reportedWorkloads();
		String tooLong = "directory:/" + "x".repeat(1025 - "directory:/".length());
		Response refused = poke(withWorkloads(workloads(tooLong, 1, ""))).expectProblem(422, "workloads.source");
		assertThat(errorMessage(refused, "workloads.source")).isEqualTo("must be at most 1024 characters");
		assertThat(shown()).isEqualTo(before);
		String longest = "directory:/" + "x".repeat(1024 - "directory:/".length());
		poke(withWorkloads(workloads(longest, 1, ""))).expectStatus(204);
		assertThat(shown().get("workloads").get("source").asString()).hasSize(1024);
	}

	@Test
	void tooManyProblemsAreRefusedAndNothingWritten() {
		JsonNode before = reportedWorkloads();
		Response refused = poke(withWorkloads(workloads("kubernetes", 1, problems(101, "a problem"))))
			.expectProblem(422, "workloads.problems");
		assertThat(errorMessage(refused, "workloads.problems")).isEqualTo("must have at most 100 entries");
		assertThat(shown()).isEqualTo(before);
		poke(withWorkloads(workloads("kubernetes", 1, problems(100, "a problem")))).expectStatus(204);
		assertThat(shown().get("workloads").get("problems").size()).isEqualTo(100);
	}

	@Test
	void aProblemOverTheLimitIsRefusedAndNothingWritten() {
		JsonNode before = reportedWorkloads();
		Response refused = poke(withWorkloads(workloads("kubernetes", 1, "\"fine\", \"" + "x".repeat(1025) + "\"")))
			.expectProblem(422, "workloads.problems[1]");
		assertThat(errorMessage(refused, "workloads.problems[1]")).isEqualTo("must be at most 1024 characters");
		assertThat(shown()).isEqualTo(before);
		poke(withWorkloads(workloads("kubernetes", 1, "\"" + "x".repeat(1024) + "\""))).expectStatus(204);
		assertThat(shown().get("workloads").get("problems").get(0).asString()).hasSize(1024);
	}

	@Test
	void aNullProblemIsRefusedAndNothingWritten() {
		JsonNode before = reportedWorkloads();
		poke(withWorkloads(workloads("kubernetes", 1, "\"fine\", null"))).expectProblem(422, "workloads.problems[1]");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void anUnknownFieldInsideWorkloadsIsRefusedAndNothingWritten() {
		JsonNode before = reportedWorkloads();
		Response refused = poke(withWorkloads(
				"{\"source\": \"kubernetes\", \"count\": 1, \"problems\": []," + " \"node\": \"worker-1\"}"))
			.expectProblem(422, "workloads.node");
		assertThat(errorMessage(refused, "workloads.node")).isEqualTo("is not a field of this object");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void aValueOfTheWrongTypeInsideWorkloadsIsRefused() {
		JsonNode before = reportedWorkloads();
		poke(withWorkloads("{\"source\": \"kubernetes\", \"count\": \"1\"}")).expectProblem(422, "workloads.count");
		poke(withWorkloads("{\"source\": \"kubernetes\", \"count\": 1.5}")).expectProblem(422, "workloads.count");
		Response notAString = poke(withWorkloads("{\"source\": [\"kubernetes\"], \"count\": 1}")).expectProblem(422,
				"workloads.source");
		assertThat(errorMessage(notAString, "workloads.source")).isEqualTo("must be a string");
		Response notAList = poke(withWorkloads("{\"source\": \"kubernetes\", \"count\": 1, \"problems\": \"down\"}"))
			.expectProblem(422, "workloads.problems");
		assertThat(errorMessage(notAList, "workloads.problems")).isEqualTo("must be a list");
		poke(withWorkloads("{\"source\": \"kubernetes\", \"count\": 1, \"problems\": [{\"text\": \"down\"}]}"))
			.expectProblem(422, "workloads.problems[0]");
		poke(withWorkloads("[]")).expectProblem(422, "workloads");
		assertThat(shown()).isEqualTo(before);
	}

	@Test
	void aYamlReportWithWorkloadsIsReadTheSameWay() {
		String yaml = """
				currentVersion: 1.0.0
				enforcementStatus: Active
				workloads:
				  source: kubernetes
				  count: 4
				  problems:
				    - "the watch of pods is down: connection refused"
				""";
		this.enforcer.client(this.api, caFile())
			.send("POST", null, "/enforcers/" + this.enforcer.id() + "/poke", yaml,
					Map.of("Content-Type", "application/yaml"))
			.expectStatus(204);
		assertThat(shown().get("workloads").get("count").asInt()).isEqualTo(4);
		assertThat(shown().get("workloads").get("problems").get(0).asString())
			.isEqualTo("the watch of pods is down: connection refused");
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

	/**
	 * Reports workloads from Kubernetes, one problem, and answers the enforcer as the
	 * console shows it.
	 */
	private JsonNode reportedWorkloads() {
		poke(withWorkloads(workloads("kubernetes", 7, "\"the watch of pods is down\""))).expectStatus(204);
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

	private static String withWorkloads(String workloads) {
		return "{\"currentVersion\": \"1.0.0\", \"enforcementStatus\": \"Active\", \"workloads\": " + workloads + "}";
	}

	/**
	 * A workload status.
	 * @param problems the JSON items of its problems, comma-separated
	 */
	private static String workloads(String source, int count, String problems) {
		return "{\"source\": \"" + source + "\", \"count\": " + count + ", \"problems\": [" + problems + "]}";
	}

	/** {@code n} distinct problems as JSON items. */
	private static String problems(int n, String text) {
		return IntStream.range(0, n).mapToObj((i) -> "\"" + text + " " + i + "\"").collect(Collectors.joining(", "));
	}

	private static String dns(String interception, int names, int addresses, String error) {
		return "{\"interception\": \"" + interception + "\", \"learnedNames\": " + names + ", \"learnedAddresses\": "
				+ addresses + ", \"error\": " + ((error != null) ? "\"" + error + "\"" : "null") + "}";
	}

}
