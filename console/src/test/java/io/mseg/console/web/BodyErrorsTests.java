package io.mseg.console.web;

import java.util.List;
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

	private static final ObjectMapper YAML = StrictBodies.strict(YAMLMapper.builder(new UntaggedYamlFactory())).build();

	private static final ObjectMapper TAG_FOLLOWING_YAML = StrictBodies.strict(YAMLMapper.builder()).build();

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

	@Test
	void aBinaryYamlValueWhereATimeGoesIsAWrongTypeWithoutJavaNames() {
		BodyErrors.Refusal refusal = refusal(TAG_FOLLOWING_YAML, "time: !!binary \"ZnV6eg==\"\n", Timed.class);
		assertThat(refusal.status().value()).isEqualTo(422);
		assertThat(refusal.detail()).isEqualTo("field 'time' has the wrong type");
		assertThat(refusal.errors().get(0).message()).contains("!!binary").doesNotContain("class", "java");
	}

	@Test
	void yamlTagsAreRefusedWhereTheyAreWritten() {
		for (String body : List.of("name: !!binary aGVsbG8=\n", "name: !!str 5\n", "name: !custom x\n",
				"name: x\ntags: !!set {a}\n", "a: [!!int \"5\"]\n")) {
			BodyErrors.Refusal refusal = refusal(YAML, body);
			assertThat(refusal.status().value()).as(body).isEqualTo(400);
			assertThat(refusal.detail()).as(body).contains("at line", "YAML tag", "is not accepted");
		}
		assertThat(refusal(YAML, "name: !!binary aGVsbG8=\n").detail()).contains("'!!binary'").contains("line 1");
		assertThat(refusal(YAML, "name: !custom x\n").detail()).contains("'!custom'");
	}

	record Timed(java.time.Instant time) {
	}

	private static BodyErrors.Refusal refusal(ObjectMapper mapper, String body) {
		return refusal(mapper, body, Map.class);
	}

	private static BodyErrors.Refusal refusal(ObjectMapper mapper, String body, Class<?> type) {
		JacksonException ex = catchThrowableOfType(JacksonException.class, () -> mapper.readValue(body, type));
		assertThat(ex).as("refused: " + body).isNotNull();
		return BodyErrors.describe(ex, "");
	}

}
