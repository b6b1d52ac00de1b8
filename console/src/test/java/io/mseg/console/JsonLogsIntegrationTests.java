package io.mseg.console;

import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

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
		JsonNode line = output.getOut()
			.lines()
			.filter((text) -> text.startsWith("{") && text.contains("GET /networkaccesspolicies 200"))
			.map(json::readTree)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no JSON request line in the output"));
		assertThat(line.get("log").get("logger").asString()).isEqualTo("io.mseg.console.requests");
		assertThat(line.get("message").asString()).contains("apitoken:bootstrap").doesNotContain(ADMIN_TOKEN);
	}

}
