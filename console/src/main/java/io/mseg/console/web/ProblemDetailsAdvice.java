package io.mseg.console.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
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
		ResponseEntity<Object> problem = problem(ex.status(), ex.getMessage(), ex.errors());
		if (ex.retryAfterSeconds() == null) {
			return problem;
		}
		return ResponseEntity.status(problem.getStatusCode())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(problem.getBody());
	}

	@ExceptionHandler
	ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "parameter '" + ex.getName() + "' has a value of the wrong type", List
			.of(new FieldError(ex.getName(), "cannot be read as " + BodyErrors.typeName(ex.getRequiredType()))));
	}

	/**
	 * Writers take turns ({@code PolicyWriteLock}), so this is rare; it is a conflict,
	 * not a failed precondition (412 answers only an {@code If-Match} the caller gave).
	 */
	@ExceptionHandler
	ResponseEntity<Object> handleConcurrentChange(ObjectOptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, "the object was changed by a concurrent request; read it again and retry",
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
		if (cause instanceof RequestBodyFilter.BodyTooLargeException) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, cause.getMessage(), List.of());
		}
		if (cause instanceof RequestBodyFilter.BodyNotUtf8Exception) {
			return problem(HttpStatus.BAD_REQUEST, cause.getMessage(), List.of());
		}
		if (cause instanceof JacksonException jackson) {
			BodyErrors.Refusal refusal = BodyErrors.describe(jackson, "");
			return problem(refusal.status(), refusal.detail(), refusal.errors());
		}
		return problem(HttpStatus.BAD_REQUEST, "the body is missing or cannot be read", List.of());
	}

	/**
	 * No representation the client accepts: the problem is written as
	 * {@code application/problem+json} all the same (content negotiation would leave the
	 * body empty).
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		HttpServletResponse response = ((ServletWebRequest) request).getResponse();
		try {
			Problems.write(response, HttpStatus.NOT_ACCEPTABLE,
					"the API answers application/json, application/yaml or application/problem+json");
		}
		catch (IOException io) {
			log.debug("Could not write a 406 problem", io);
		}
		return null;
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
		// A guard of the body (too large, not UTF-8) wins wherever the parser wrapped it.
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (isBodyGuard(cause)) {
				return cause;
			}
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException) {
				return cause;
			}
		}
		return (ex.getCause() != null) ? ex.getCause() : ex;
	}

	private static boolean isBodyGuard(Throwable ex) {
		return ex instanceof RequestBodyFilter.BodyTooLargeException
				|| ex instanceof RequestBodyFilter.BodyNotUtf8Exception;
	}

}
