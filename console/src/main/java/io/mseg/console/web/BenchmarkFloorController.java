package io.mseg.console.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /benchmark/floor}: the cheapest authenticated request there is, for load
 * tests only ({@code mseg.benchmark.floor-endpoint=true}; absent otherwise). It passes
 * through TLS, every filter, the credential check and authorization (any role), and
 * answers a tiny body without touching the database, so that a load test can give each
 * API figure as a share of what the HTTP and security stack allows on the same machine.
 */
@RestController
@Hidden
@ConditionalOnBooleanProperty("mseg.benchmark.floor-endpoint")
class BenchmarkFloorController {

	private static final Map<String, Boolean> ANSWER = Map.of("ok", true);

	@GetMapping(value = "/benchmark/floor", produces = MediaTypes.JSON)
	Map<String, Boolean> floor() {
		return ANSWER;
	}

}
