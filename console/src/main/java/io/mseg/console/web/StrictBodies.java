package io.mseg.console.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * How every request body is read, JSON and YAML alike: a field the server does not know,
 * a key given twice, a value of another type ({@code "5"} for a number, {@code 1.5} for a
 * whole number), text after the document, a NUL character or half of a surrogate pair in
 * a string are refused, never dropped, coerced or taken last-wins (docs/api.md,
 * "Conventions": nothing is silently ignored).
 */
public final class StrictBodies {

	private StrictBodies() {
	}

	/**
	 * Makes a mapper builder strict.
	 * @param builder the builder of a JSON or YAML mapper
	 * @return the builder
	 */
	public static <B extends MapperBuilder<?, B>> B strict(B builder) {
		return builder
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
					DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.addModule(new SimpleModule("strict-strings").addDeserializer(String.class, new TextOnly()));
	}

	/**
	 * Strings as text: without NUL (PostgreSQL cannot store it, and no name, tag or
	 * description needs it) and without unpaired surrogates (not Unicode: they would be
	 * stored altered).
	 */
	static final class TextOnly extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token != null && token.isScalarValue() && token != JsonToken.VALUE_STRING
					&& token != JsonToken.VALUE_NULL && token != JsonToken.VALUE_EMBEDDED_OBJECT) {
				// 5, 1.5, true where text belongs: not taken as "5" (a YAML user quotes
				// it)
				String text = parser.getString();
				throw InvalidFormatException.from(parser, "must be a string, not "
						+ (token.isBoolean() ? "a boolean" : "a number") + " (quote it: \"" + text + "\")", text,
						String.class);
			}
			String value = super.deserialize(parser, context);
			String problem = (value != null) ? problem(value) : null;
			if (problem != null) {
				throw InvalidFormatException.from(parser, problem, value, String.class);
			}
			return value;
		}

		/** What is wrong with a text, or {@code null}. */
		static String problem(String value) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '\u0000') {
					return "must not contain the NUL character";
				}
				if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					return "is not valid Unicode (an unpaired surrogate)";
				}
			}
			return null;
		}

	}

}
