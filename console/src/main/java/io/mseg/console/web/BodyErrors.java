package io.mseg.console.web;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.http.HttpStatus;

/**
 * What a client is told about a body that could not be read: the field and what is wrong
 * with it, or where the text stops being JSON or YAML, in the API's words. Jackson's own
 * messages name Java classes and settings; they never reach a client.
 */
public final class BodyErrors {

	private BodyErrors() {
	}

	/**
	 * A refusal: its status, its detail and the field errors.
	 *
	 * @param status 422 for a readable body with wrong values, 400 for an unreadable one
	 * @param detail the summary
	 * @param errors the fields at fault
	 */
	public record Refusal(HttpStatus status, String detail, List<FieldError> errors) {
	}

	/**
	 * Describes a failure to read a body (or a part of one).
	 * @param ex the failure
	 * @param prefix the path of the part read, such as
	 * {@code data.networkaccesspolicies[0]}, or empty for the whole body
	 * @return the refusal
	 */
	public static Refusal describe(JacksonException ex, String prefix) {
		String field = path(ex, prefix);
		if (ex instanceof UnrecognizedPropertyException unknown) {
			return new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, "unknown field '" + unknown.getPropertyName() + "'",
					List.of(new FieldError(field, "is not a field of this object")));
		}
		if (ex instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
			// StrictBodies.TextOnly: the message is the API's own.
			return new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, "invalid value for '" + field + "'",
					List.of(new FieldError(field, invalid.getOriginalMessage())));
		}
		if (ex instanceof InvalidNullException) {
			return new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, "invalid value for '" + field + "'",
					List.of(new FieldError(field, "must not be null")));
		}
		if (ex instanceof ValueInstantiationException) {
			return new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, "invalid value for '" + field + "'",
					List.of(new FieldError(field, "is not valid here")));
		}
		if (ex instanceof MismatchedInputException mismatch) {
			String expected = typeName(mismatch.getTargetType());
			return new Refusal(HttpStatus.UNPROCESSABLE_CONTENT,
					field.equals("body") ? "the body has the wrong type" : "field '" + field + "' has the wrong type",
					List.of(new FieldError(field, "must be " + expected)));
		}
		if (ex.getCause() instanceof ClassCastException) {
			// A value the parser made of something other than text, such as YAML's
			// !!binary; the cast's message names Java classes.
			return new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, "field '" + field + "' has the wrong type",
					List.of(new FieldError(field,
							"cannot be read as this field's type (YAML tags such as !!binary" + " are not accepted)")));
		}
		return new Refusal(HttpStatus.BAD_REQUEST, "the body is not well-formed" + where(ex) + ": " + problem(ex),
				List.of());
	}

	private static String path(JacksonException ex, String prefix) {
		StringBuilder path = new StringBuilder(prefix);
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static String where(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
	}

	/**
	 * The problem in words: the first line of a JSON parser's message, or the lines of a
	 * YAML parser's that say what it expected and found; Java names left out.
	 */
	static String problem(JacksonException ex) {
		String message = ex.getOriginalMessage();
		if (message == null) {
			return "cannot be read";
		}
		List<String> said = new ArrayList<>();
		for (String line : message.lines().toList()) {
			String trimmed = line.strip();
			if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || trimmed.startsWith("in reader")
					|| trimmed.equals("^")) {
				continue;
			}
			said.add(trimmed);
		}
		String text = said.isEmpty() ? "cannot be read" : String.join("; ", said);
		if (text.startsWith("Duplicate Object property")) {
			return "a key is given twice: " + text.substring(text.indexOf('"'));
		}
		return text.replaceAll("\\s*\\(start marker at \\[.*?\\]\\)", "")
			.replaceAll("\\s*\\[Source: .*?\\]", "")
			.replaceAll("\\s*\\(from `[^`]*`\\)", "")
			.replaceAll(",? from `[^`]*`", "")
			.replaceAll("`[\\w.$]+`", "value")
			.replaceAll("\\(class [\\w.$]+\\)", "");
	}

	static String typeName(Class<?> type) {
		if (type == null) {
			return "another type";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a boolean (true or false)";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (type == String.class || type.isEnum()) {
			return "a string";
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "an object";
		}
		if (type == java.time.Instant.class) {
			return "a timestamp (RFC 3339, such as 2026-12-31T23:59:59Z)";
		}
		if (type == java.time.Duration.class) {
			return "a duration";
		}
		return "another type";
	}

}
