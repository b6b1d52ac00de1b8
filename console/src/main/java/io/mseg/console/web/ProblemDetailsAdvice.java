package io.mseg.console.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into RFC 9457 problem details ({@code application/problem+json})
 * with a list of field errors where fields are at fault. Unparseable bodies answer 400,
 * parseable ones with wrong or unknown fields 422.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ResponseEntity<Object> handleApi(ApiException ex) {
		return problem(ex.status(), ex.getMessage(), ex.errors());
	}

	@ExceptionHandler
	ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "parameter '" + ex.getName() + "' has a value of the wrong type",
				List.of(new FieldError(ex.getName(), "cannot be read as " + typeName(ex.getRequiredType()))));
	}

	@ExceptionHandler
	ResponseEntity<Object> handleConcurrentChange(ObjectOptimisticLockingFailureException ex) {
		return problem(HttpStatus.PRECONDITION_FAILED, "the object was changed by another request; read it again",
				List.of());
	}

	@ExceptionHandler
	ResponseEntity<Object> handleIntegrity(DataIntegrityViolationException ex) {
		// Checks run before writing; this is the rare race between two concurrent
		// writers.
		log.debug("Integrity violation", ex);
		return problem(HttpStatus.CONFLICT, "the change conflicts with another object (a concurrent change?)",
				List.of());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = jacksonCause(ex);
		if (cause instanceof BodySizeLimitFilter.BodyTooLargeException) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, cause.getMessage(), List.of());
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown field '" + unknown.getPropertyName() + "'",
					List.of(new FieldError(path(unknown), "is not a field of this object")));
		}
		if (cause instanceof InvalidNullException || cause instanceof ValueInstantiationException) {
			JacksonException jackson = (JacksonException) cause;
			return problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid value for '" + path(jackson) + "'",
					List.of(new FieldError(path(jackson), jackson.getOriginalMessage())));
		}
		if (cause instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()
				&& mismatch.getTargetType() != null) {
			return problem(HttpStatus.UNPROCESSABLE_CONTENT, "the body has the wrong type",
					List.of(new FieldError("body", "must be " + typeName(mismatch.getTargetType()))));
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String expected = (mismatch.getTargetType() != null) ? typeName(mismatch.getTargetType()) : "another type";
			return problem(HttpStatus.UNPROCESSABLE_CONTENT, "field '" + path(mismatch) + "' has the wrong type",
					List.of(new FieldError(path(mismatch), "must be " + expected)));
		}
		if (cause instanceof StreamReadException || cause instanceof JacksonException) {
			return problem(HttpStatus.BAD_REQUEST, "the body is not well-formed: " + firstLine(cause), List.of());
		}
		return problem(HttpStatus.BAD_REQUEST, "the body is missing or cannot be read", List.of());
	}

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged", List.of());
	}

	static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldError> errors) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		if (!errors.isEmpty()) {
			body.setProperty("errors", errors);
		}
		return ResponseEntity.status(status).body(body);
	}

	/**
	 * The outermost Jackson exception (it carries the field path), else the root cause.
	 */
	private static Throwable jacksonCause(Throwable ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException || cause instanceof BodySizeLimitFilter.BodyTooLargeException) {
				return (cause.getCause() instanceof BodySizeLimitFilter.BodyTooLargeException) ? cause.getCause()
						: cause;
			}
		}
		return (ex.getCause() != null) ? ex.getCause() : ex;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
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

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "another type";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a boolean (true or false)";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (type == String.class || type.isEnum()) {
			return "a string";
		}
		if (java.util.Collection.class.isAssignableFrom(type)) {
			return "a list";
		}
		if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "an object";
		}
		if (type == java.time.Instant.class) {
			return "a timestamp (RFC 3339, such as 2026-12-31T23:59:59Z)";
		}
		return type.getSimpleName();
	}

	private static String firstLine(Throwable ex) {
		String message = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
