package io.mseg.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.EventStream;
import io.mseg.console.support.TestEnforcer;
import io.mseg.console.support.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators rely on: health probes, Prometheus metrics with the domain's figures,
 * one log line per request without secrets, and a graceful shutdown that sends enforcers
 * elsewhere at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void livenessAndReadinessIncludingTheDatabaseArePublic() {
		ApiClient anonymous = this.api.withToken(null);
		JsonNode liveness = anonymous.get(null, "/actuator/health/liveness").expectStatus(200).json();
		assertThat(liveness.get("status").asString()).isEqualTo("UP");
		// Nothing outside the process: a database blip must not restart every replica.
		assertThat(liveness.get("components").propertyNames()).containsExactly("livenessState");
		JsonNode readiness = anonymous.get(null, "/actuator/health/readiness").expectStatus(200).json();
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").has("db")).as("readiness checks the database").isTrue();
		assertThat(anonymous.get(null, "/actuator/health").body()).doesNotContain("jdbc:");
	}

	@Test
	void exposesPrometheusMetricsWithTheDomainFigures() {
		String token = this.api.post(this.tenant, "/enrollmenttokens", "{}").json().get("token").asString();
		new TestEnforcer().enroll(this.api, token, "metered");
		this.api.withToken(token).post(null, "/enforcers", json("name", "again")).expectProblem(401);
		this.api.get(this.tenant, "/networkaccesspolicies/nope").expectProblem(404);

		String metrics = this.api.withToken(null).get(null, "/actuator/prometheus").expectStatus(200).body();
		assertThat(metrics).contains("mseg_enforcers_connected", "mseg_policy_version",
				"mseg_rendered_policy_computations_seconds_count", "mseg_notifications_sent_total",
				"mseg_enrollments_total{application=\"mseg-console\",outcome=\"enrolled\"}",
				"mseg_enrollments_total{application=\"mseg-console\",outcome=\"refused\"}",
				"mseg_api_errors_total{application=\"mseg-console\",status=\"404\"}",
				"http_server_requests_seconds_count");
	}

	@Test
	void logsOneLinePerRequestWithItsPrincipalAndNoSecret(CapturedOutput output) {
		this.api.get(this.tenant, "/networkaccesspolicies?page=1").expectStatus(200);
		this.api.withToken("mseg_wrong-secret-never-logged-1234567890")
			.get(this.tenant, "/namespaces")
			.expectProblem(401);
		// A line is written as its request ends, which may be just after the client has
		// the whole answer (its length was known).
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut()).contains("GET /namespaces 401"));
		assertThat(output.getOut()).containsPattern("GET /networkaccesspolicies 200 \\d+ms apitoken:bootstrap")
			.containsPattern("GET /namespaces 401 \\d+ms anonymous")
			.doesNotContain(ADMIN_TOKEN)
			.doesNotContain("wrong-secret-never-logged")
			.doesNotContain("page=1");
	}

	@Test
	void shutdownClosesEnforcerStreamsWithARetryHint() throws Exception {
		Path dataDir = Files.createTempDirectory("mseg-shutdown-");
		ConfigurableApplicationContext console = new SpringApplicationBuilder(ConsoleApplication.class).run(
				"--server.port=0", "--mseg.data-dir=" + dataDir, "--spring.datasource.url=",
				"--mseg.bootstrap-token=" + ADMIN_TOKEN);
		ApiClient other = new ApiClient(
				"https://localhost:" + console.getEnvironment().getProperty("local.server.port"),
				Tls.trusting(dataDir.resolve("ca.pem")), ADMIN_TOKEN);
		String token = other.post("/", "/enrollmenttokens", "{}").expectStatus(201).json().get("token").asString();
		TestEnforcer enforcer = new TestEnforcer().enroll(other, token, "leaving");
		try (EventStream events = EventStream.open(enforcer.client(other, dataDir.resolve("ca.pem")),
				"/enforcers/" + enforcer.id() + "/events", null)) {
			long start = System.nanoTime();
			console.close();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			for (int i = 0; i < 50 && !events.ended(); i++) {
				Thread.sleep(100);
			}
			assertThat(events.retry()).as("the retry hint").isEqualTo("1000");
			assertThat(events.ended()).as("the stream was closed").isTrue();
			assertThat(took).as("the graceful shutdown did not wait for the stream").isLessThan(Duration.ofSeconds(15));
		}
		List.of(dataDir).forEach((dir) -> dir.toFile().deleteOnExit());
	}

}
