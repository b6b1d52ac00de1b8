package io.mseg.console.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a client reads about a body that is not JSON or YAML: where, and what, in words;
 * never the parser's Java names, settings or source descriptions.
 */
class BodyErrorsTests {

	private static final ObjectMapper JSON = StrictBodies.strict(JsonMapper.builder()).build();

	private static final ObjectMapper YAML = StrictBodies.strict(YAMLMapper.builder()).build();

	@Test
	void anUnfinishedJsonDocumentSaysWhereWithoutTheParsersInternals() {
		String detail = refusal(JSON, "{\"name\": \"x\", \"subject\": [[ \"a=b\" ]").detail();
		assertThat(detail).startsWith("the body is not well-formed at line 1, column")
			.contains("Unexpected end-of-input")
			.doesNotContain("Source", "REDACTED", "#UNKNOWN");
	}

	@Test
	void badYamlSaysWhatTheParserExpectedAndWhere() {
		String detail = refusal(YAML, "name: x\nsubject:\n- - a=b\n - c\n").detail();
		assertThat(detail).contains("line 4", "expected <block end>").doesNotContain("in reader").doesNotContain("^");
	}

	@Test
	void aDocumentTooDeepNamesNoSetting() {
		String deep = "{\"a\": " + "[".repeat(1100) + "]".repeat(1100) + "}";
		BodyErrors.Refusal refusal = refusal(JSON, deep);
		assertThat(refusal.detail()).contains("nesting depth")
			.doesNotContain("StreamReadConstraints")
			.doesNotContain("`");
	}

	@Test
	void aKeyGivenTwiceIsNamed() {
		assertThat(refusal(JSON, "{\"role\": \"viewer\", \"role\": \"admin\"}").detail())
			.contains("a key is given twice: \"role\"");
		assertThat(refusal(YAML, "role: viewer\nrole: admin\n").detail()).contains("a key is given twice");
	}

	private static BodyErrors.Refusal refusal(ObjectMapper mapper, String body) {
		JacksonException ex = catchThrowableOfType(JacksonException.class, () -> mapper.readValue(body, Map.class));
		assertThat(ex).as("refused: " + body).isNotNull();
		return BodyErrors.describe(ex, "");
	}

}
