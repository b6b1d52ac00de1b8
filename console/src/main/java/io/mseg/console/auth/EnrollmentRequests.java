package io.mseg.console.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one request an enrollment token is good for: {@code POST /enforcers}.
 */
public final class EnrollmentRequests {

	public static final String PATH = "/enforcers";

	private EnrollmentRequests() {
	}

	public static boolean matches(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return "POST".equals(request.getMethod()) && (PATH.equals(path) || (PATH + "/").equals(path));
	}

}
