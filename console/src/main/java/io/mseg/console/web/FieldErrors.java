package io.mseg.console.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.mseg.policy.InvalidValueException;

/**
 * Collects every invalid field of a request so that one answer lists them all.
 */
public final class FieldErrors {

	private final String prefix;

	private final List<FieldError> errors;

	public FieldErrors() {
		this("", new ArrayList<>());
	}

	private FieldErrors(String prefix, List<FieldError> errors) {
		this.prefix = prefix;
		this.errors = errors;
	}

	/** Errors added through the result are reported under {@code path.}. */
	public FieldErrors nested(String path) {
		return new FieldErrors(this.prefix + path + ".", this.errors);
	}

	public void add(String field, String message) {
		this.errors.add(new FieldError(this.prefix + field, message));
	}

	/**
	 * Parses a value with a core parser, recording its refusal (with the element index
	 * for lists) under {@code field}; returns {@code null} when refused.
	 */
	public <T, R> R parse(String field, T value, Function<T, R> parser) {
		try {
			return parser.apply(value);
		}
		catch (InvalidValueException ex) {
			add((ex.index() >= 0) ? field + "[" + ex.index() + "]" : field, ex.getMessage());
			return null;
		}
	}

	public <T> T required(String field, T value) {
		if (value == null) {
			add(field, "is required");
		}
		return value;
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	public List<FieldError> list() {
		return List.copyOf(this.errors);
	}

	/** Refuses the request with 422 if anything was recorded. */
	public void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw ApiException.invalid(this.errors);
		}
	}

}
