package io.mseg.policy.model;

import java.util.Optional;
import java.util.regex.Pattern;

import io.mseg.policy.InvalidValueException;

/**
 * The full path of a namespace: {@code /}, {@code /acme}, {@code /acme/prod}.
 *
 * @param value the path
 */
public record NamespacePath(String value) {

	/** The root namespace, {@code /}. */
	public static final NamespacePath ROOT = new NamespacePath("/");

	/** The longest path accepted, in characters. */
	public static final int MAX_LENGTH = 1024;

	private static final Pattern SEGMENT = Pattern.compile("[a-zA-Z0-9_-]+");

	private static final String SEPARATOR = "/";

	public NamespacePath {
		check(value);
	}

	/**
	 * Parses a namespace path.
	 * @param text {@code /} or {@code /a/b}: segments of {@code [a-zA-Z0-9_-]}, no empty
	 * segment, no trailing slash, at most 1024 characters
	 * @return the path
	 * @throws InvalidValueException saying what is wrong
	 */
	public static NamespacePath parse(String text) {
		return SEPARATOR.equals(text) ? ROOT : new NamespacePath(text);
	}

	/**
	 * The child namespace with the given name.
	 * @param segment the child's name
	 * @return the child's path
	 * @throws InvalidValueException when the name is not a valid segment
	 */
	public NamespacePath child(String segment) {
		checkSegment(segment, segment);
		return new NamespacePath(isRoot() ? SEPARATOR + segment : this.value + SEPARATOR + segment);
	}

	/**
	 * The parent namespace.
	 * @return the parent, empty for the root
	 */
	public Optional<NamespacePath> parent() {
		if (isRoot()) {
			return Optional.empty();
		}
		int slash = this.value.lastIndexOf('/');
		return Optional.of((slash == 0) ? ROOT : new NamespacePath(this.value.substring(0, slash)));
	}

	public boolean isRoot() {
		return SEPARATOR.equals(this.value);
	}

	/**
	 * Whether {@code other} is a strict descendant of this namespace.
	 * @param other another namespace
	 * @return whether this is an ancestor of {@code other}, never of itself
	 */
	public boolean isAncestorOf(NamespacePath other) {
		if (isRoot()) {
			return !other.isRoot();
		}
		return other.value.startsWith(this.value + SEPARATOR);
	}

	/**
	 * Whether {@code other} is this namespace or one of its descendants.
	 * @param other another namespace
	 * @return whether {@code other} lies in this subtree
	 */
	public boolean contains(NamespacePath other) {
		return equals(other) || isAncestorOf(other);
	}

	/**
	 * The name of this namespace within its parent.
	 * @return the last segment, {@code ""} for the root
	 */
	public String lastSegment() {
		return this.value.substring(this.value.lastIndexOf('/') + 1);
	}

	/**
	 * How deep this namespace is.
	 * @return 0 for the root, 1 for {@code /acme}, ...
	 */
	public int depth() {
		return isRoot() ? 0 : (int) this.value.chars().filter((c) -> c == '/').count();
	}

	/**
	 * The path of a descendant relative to this namespace: {@code /acme} and
	 * {@code /acme/prod/web} give {@code prod/web}.
	 * @param descendant this namespace or a descendant
	 * @return the relative path, {@code ""} for this namespace itself
	 * @throws IllegalArgumentException when {@code descendant} is outside this subtree
	 */
	public String relativize(NamespacePath descendant) {
		if (!contains(descendant)) {
			throw new IllegalArgumentException(descendant + " is not inside " + this);
		}
		if (equals(descendant)) {
			return "";
		}
		return descendant.value.substring(isRoot() ? 1 : this.value.length() + 1);
	}

	/**
	 * The inverse of {@link #relativize}: {@code /acme} and {@code prod/web} give
	 * {@code /acme/prod/web}.
	 * @param relative a relative path, {@code ""} for this namespace
	 * @return the descendant
	 * @throws InvalidValueException when the relative path is not valid
	 */
	public NamespacePath resolve(String relative) {
		if (relative == null) {
			throw new InvalidValueException("a relative namespace path must not be null");
		}
		if (relative.isEmpty()) {
			return this;
		}
		if (relative.startsWith(SEPARATOR)) {
			throw new InvalidValueException("'" + relative + "' must be relative: remove the leading '/'");
		}
		return new NamespacePath(isRoot() ? SEPARATOR + relative : this.value + SEPARATOR + relative);
	}

	@Override
	public String toString() {
		return this.value;
	}

	private static void check(String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidValueException("a namespace must not be empty: write / or /name/...");
		}
		if (value.length() > MAX_LENGTH) {
			throw new InvalidValueException(
					"namespace is " + value.length() + " characters long: at most " + MAX_LENGTH + " are allowed");
		}
		if (!value.startsWith(SEPARATOR)) {
			throw new InvalidValueException("namespace '" + value + "' must start with '/'");
		}
		if (SEPARATOR.equals(value)) {
			return;
		}
		if (value.endsWith(SEPARATOR)) {
			throw new InvalidValueException("namespace '" + value + "' must not end with '/'");
		}
		for (String segment : value.substring(1).split(SEPARATOR, -1)) {
			checkSegment(segment, value);
		}
	}

	private static void checkSegment(String segment, String value) {
		if (segment == null || segment.isEmpty()) {
			throw new InvalidValueException("namespace '" + value + "' has an empty segment");
		}
		if (!SEGMENT.matcher(segment).matches()) {
			throw new InvalidValueException(
					"namespace segment '" + segment + "' may only contain letters, digits, '_' and '-'");
		}
	}

}
