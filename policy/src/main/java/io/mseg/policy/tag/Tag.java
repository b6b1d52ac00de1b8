package io.mseg.policy.tag;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.mseg.policy.InvalidValueException;

/**
 * A {@code key=value} label attached to processing units and external networks.
 *
 * @param key everything before the first {@code =}: no space, never empty
 * @param value everything after the first {@code =}: never empty, no line break
 */
public record Tag(String key, String value) {

	/** Tags must be strictly shorter than this many bytes in UTF-8. */
	public static final int MAX_BYTES = 1024;

	/** The product's tag syntax; {@code .} refuses line breaks in the value. */
	private static final Pattern SYNTAX = Pattern.compile("[^= ]+=.+");

	private static final String WILDCARD = "*";

	public Tag {
		String text = key + "=" + value;
		if (key == null || key.isEmpty()) {
			throw new InvalidValueException("tag '" + text + "' has an empty key: write key=value");
		}
		if (key.indexOf(' ') >= 0) {
			throw new InvalidValueException("tag '" + text + "' has a space in its key: keys cannot contain spaces");
		}
		if (key.indexOf('=') >= 0) {
			throw new InvalidValueException("tag key '" + key + "' must not contain '='");
		}
		if (value == null || value.isEmpty()) {
			throw new InvalidValueException("tag '" + text + "' has an empty value: write key=value");
		}
		if (!SYNTAX.matcher(text).matches()) {
			throw new InvalidValueException("tag '" + abbreviate(text) + "' must not contain a line break");
		}
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;
		if (bytes >= MAX_BYTES) {
			throw new InvalidValueException("tag '" + abbreviate(text) + "' is " + bytes
					+ " bytes long: a tag must be shorter than " + MAX_BYTES + " bytes (UTF-8)");
		}
	}

	/**
	 * Parses {@code key=value}; the key ends at the first {@code =}, the value may
	 * contain more.
	 * @param text the tag as written by the user
	 * @return the tag
	 * @throws InvalidValueException with a message saying what is wrong
	 */
	public static Tag parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new InvalidValueException("a tag must not be empty: write key=value");
		}
		int equals = text.indexOf('=');
		if (equals < 0) {
			throw new InvalidValueException("tag '" + abbreviate(text) + "' must have the form key=value");
		}
		return new Tag(text.substring(0, equals), text.substring(equals + 1));
	}

	/**
	 * Whether this tag is reserved to the console ({@code $identity=...}).
	 * @return whether the key starts with {@code $}
	 */
	public boolean isSystem() {
		return this.key.startsWith("$");
	}

	/**
	 * Whether this tag, used in an expression, matches every value of its key.
	 * @return whether the value is exactly {@code *}
	 */
	public boolean isWildcard() {
		return WILDCARD.equals(this.value);
	}

	@Override
	public String toString() {
		return this.key + "=" + this.value;
	}

	/** Keeps error messages readable when someone pastes a huge or multi-line value. */
	static String abbreviate(String text) {
		String oneLine = text.replaceAll("\\R", "\\\\n");
		return (oneLine.length() <= 64) ? oneLine : oneLine.substring(0, 61) + "...";
	}

}
