package io.mseg.cli.output;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** JSON and YAML as msegctl reads and prints them. */
public final class Documents {

	/** Pretty-printed JSON. */
	public static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/**
	 * YAML without a document start marker and without needless quotes; a string that
	 * reads as a number (a flow record's ID such as "12345", a tag value such as "80")
	 * keeps its quotes, so it reads back as the string it is.
	 */
	public static final YAMLMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
		.build();

	private Documents() {
	}

	/** The value as pretty JSON, ending with a newline. */
	public static String json(Object value) {
		return JSON.writeValueAsString(value) + System.lineSeparator();
	}

	/** The value as JSON on one line, ending with a newline: a line of NDJSON. */
	public static String jsonLine(Object value) {
		return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value)
				+ System.lineSeparator();
	}

	/** The value as YAML, ending with a newline. */
	public static String yaml(Object value) {
		String text = YAML.writeValueAsString(value);
		return text.endsWith("\n") ? text : text + System.lineSeparator();
	}

}
