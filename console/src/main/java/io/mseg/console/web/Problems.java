package io.mseg.console.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * RFC 9457 problem bodies written outside Spring MVC: by filters, by the error page of
 * the servlet container and by the HTTP server itself, so that every refusal the console
 * answers has the same shape, whatever refused it.
 */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	/**
	 * The JSON text of a problem.
	 * @param status the status
	 * @param detail what went wrong, for people
	 * @return the body
	 */
	public static String body(int status, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title(status));
		problem.put("status", status);
		problem.put("detail", detail);
		return JSON.writeValueAsString(problem);
	}

	/**
	 * Answers with a problem (replacing whatever the response held).
	 * @param response the response, not committed yet
	 * @param status the status
	 * @param detail what went wrong
	 */
	public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.resetBuffer();
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(body(status.value(), detail));
	}

	/** The reason phrase of a status, or "Error" for one without. */
	static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	/**
	 * A detail for a status when nothing more is known (never an exception's text, which
	 * can name the server's internals).
	 * @param status the status
	 * @return the detail
	 */
	public static String genericDetail(int status) {
		return switch (status) {
			case 400 -> "the request is malformed (its path, query, headers or body cannot be read)";
			case 401 -> "authentication is required";
			case 403 -> "forbidden";
			case 404 -> "no such resource";
			case 405 -> "this method is not allowed here";
			case 413 -> "the request is too large";
			case 414 -> "the request's URI is too long";
			case 415 -> "this content type is not supported: send JSON or YAML";
			case 431 -> "the request's headers are too large";
			default -> (status >= 500) ? "an unexpected error occurred; it has been logged" : title(status);
		};
	}

}
