package io.mseg.console;

import java.time.Duration;
import java.util.Optional;

import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * JSON logs are one setting away ({@code logging.structured.format.console=ecs}), request
 * lines included.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class JsonLogsIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void logsRequestsAsJsonWhenAsked(CapturedOutput output) {
		this.api.get(this.tenant, "/networkaccesspolicies").expectStatus(200);
		JsonMapper json = JsonMapper.builder().build();
		// The line is written as the request ends, which may be just after the client has
		// the whole answer (its length was known).
		JsonNode line = await().atMost(Duration.ofSeconds(5))
			.until(() -> output.getOut()
				.lines()
				.filter((text) -> text.startsWith("{") && text.contains("GET /networkaccesspolicies 200"))
				.map(json::readTree)
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		assertThat(line.get("log").get("logger").asString()).isEqualTo("io.mseg.console.requests");
		assertThat(line.get("message").asString()).contains("apitoken:bootstrap").doesNotContain(ADMIN_TOKEN);
	}

}
