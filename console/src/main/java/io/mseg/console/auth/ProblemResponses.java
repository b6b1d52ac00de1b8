package io.mseg.console.auth;

import java.io.IOException;

import io.mseg.console.identity.Caller;
import io.mseg.console.identity.Callers;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problem details, like every other refusal of the API.
 */
final class ProblemResponses {

	private ProblemResponses() {
	}

	static AuthenticationEntryPoint unauthorized(JsonMapper json) {
		return (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Bearer");
			String detail = (ex.getMessage() != null) ? ex.getMessage()
					: "authentication is required: an API token (Authorization: Bearer ...) or an enforcer certificate";
			if (ex instanceof org.springframework.security.authentication.InsufficientAuthenticationException) {
				detail = "authentication is required: an API token (Authorization: Bearer ...) or an enforcer "
						+ "certificate";
			}
			write(response, json, HttpStatus.UNAUTHORIZED, detail);
		};
	}

	static AccessDeniedHandler forbidden(JsonMapper json) {
		return (request, response, ex) -> write(response, json, HttpStatus.FORBIDDEN,
				Callers.current()
					.map((caller) -> caller.displayName() + " may not " + request.getMethod() + " "
							+ request.getRequestURI() + describe(caller))
					.orElse("forbidden"));
	}

	private static String describe(Caller caller) {
		if (caller instanceof Caller.ApiToken token) {
			return " (its role is " + token.role().wireName() + ")";
		}
		if (caller instanceof Caller.Enforcer) {
			return " (an enforcer certificate is only good for its own enforcer endpoints)";
		}
		return " (an enrollment token is only good for POST /enforcers)";
	}

	static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write(json.writeValueAsString(problem));
	}

}
