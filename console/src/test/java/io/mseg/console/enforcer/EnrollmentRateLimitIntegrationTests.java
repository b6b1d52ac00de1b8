package io.mseg.console.enforcer;

import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "mseg.enforcers.enrollments-per-minute=3")
class EnrollmentRateLimitIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void limitsEnrollmentAttemptsPerSourceAddress() {
		for (int i = 0; i < 3; i++) {
			this.api.withToken("guess-" + i).post(null, "/enforcers", json("name", "x")).expectProblem(401);
		}
		Response limited = this.api.withToken("guess-4").post(null, "/enforcers", json("name", "x")).expectProblem(429);
		assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
		// Other requests are not limited.
		this.api.get(this.tenant, "/networkaccesspolicies").expectStatus(200);
	}

}
