package io.mseg.console.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A refused API request: the status, a one-line explanation and, for invalid input, the
 * fields at fault. Rendered as RFC 9457 problem details by {@link ProblemDetailsAdvice}.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final transient List<FieldError> errors;

	private final Long retryAfterSeconds;

	public ApiException(HttpStatus status, String detail) {
		this(status, detail, List.of());
	}

	public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
		this(status, detail, errors, null);
	}

	private ApiException(HttpStatus status, String detail, List<FieldError> errors, Long retryAfterSeconds) {
		super(detail);
		this.status = status;
		this.errors = List.copyOf(errors);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/** 429: too many requests; try again in {@code retryAfterSeconds} (Retry-After). */
	public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, detail, List.of(), retryAfterSeconds);
	}

	/** The seconds a client should wait before trying again, or {@code null}. */
	public Long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	public HttpStatus status() {
		return this.status;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	public static ApiException notFound(String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, detail);
	}

	public static ApiException conflict(String detail) {
		return new ApiException(HttpStatus.CONFLICT, detail);
	}

	/** The most field errors one answer lists. */
	public static final int MAX_LISTED_ERRORS = 100;

	public static ApiException forbidden(String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, detail);
	}

	public static ApiException preconditionFailed(String detail) {
		return new ApiException(HttpStatus.PRECONDITION_FAILED, detail);
	}

	public static ApiException badRequest(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, detail);
	}

	/**
	 * 422 naming the invalid fields: all of them up to {@value #MAX_LISTED_ERRORS}, the
	 * first ones beyond (the detail gives the count). A 9 MB import of 20,000 copies of
	 * one object would otherwise be answered with megabytes of the same error.
	 */
	public static ApiException invalid(List<FieldError> errors) {
		String detail = (errors.size() == 1) ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size()
				+ " fields are invalid"
				+ ((errors.size() > MAX_LISTED_ERRORS) ? " (the first " + MAX_LISTED_ERRORS + " are listed)" : "");
		List<FieldError> listed = (errors.size() > MAX_LISTED_ERRORS) ? errors.subList(0, MAX_LISTED_ERRORS) : errors;
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, detail, List.copyOf(listed));
	}

	public static ApiException invalid(String field, String message) {
		return invalid(List.of(new FieldError(field, message)));
	}

}
