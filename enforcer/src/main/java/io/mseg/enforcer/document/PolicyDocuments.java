package io.mseg.enforcer.document;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the console's rendered-policy JSON. Unknown fields are ignored so that a newer
 * console does not break an older enforcer.
 */
public final class PolicyDocuments {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private PolicyDocuments() {
	}

	/**
	 * Parses a document.
	 * @param json the JSON text
	 * @return the document
	 * @throws IllegalArgumentException when the text is not a rendered policy
	 */
	public static PolicyDocument parse(String json) {
		try {
			PolicyDocument document = JSON.readValue(json, PolicyDocument.class);
			if (document == null) {
				throw new IllegalArgumentException("the rendered policy is empty");
			}
			return document;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a rendered policy: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The shared JSON mapper for the console's other bodies.
	 * @return the mapper
	 */
	public static JsonMapper json() {
		return JSON;
	}

}
