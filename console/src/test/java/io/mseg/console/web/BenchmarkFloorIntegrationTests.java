package io.mseg.console.web;

import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /benchmark/floor} with {@code mseg.benchmark.floor-endpoint=true}: an
 * authenticated request that does nothing (without the property it does not exist:
 * {@code RefusalsIntegrationTests}).
 */
@TestPropertySource(properties = "mseg.benchmark.floor-endpoint=true")
class BenchmarkFloorIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void answersAnyTokenAndNobodyWithout() {
		String viewer = token(this.tenant, "viewer");
		assertThat(
				this.api.withToken(viewer).get(null, "/benchmark/floor").expectStatus(200).json().get("ok").asBoolean())
			.isTrue();
		this.api.withToken(null).get(null, "/benchmark/floor").expectStatus(401);
	}

}
