package io.mseg.policy;

import java.util.Objects;

/**
 * A validation failure of one field of an object, as reported to the API caller.
 *
 * @param field the name of the offending field, such as {@code subject}
 * @param message why the value is refused
 */
public record Violation(String field, String message) {

	public Violation {
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(message, "message");
	}

}
