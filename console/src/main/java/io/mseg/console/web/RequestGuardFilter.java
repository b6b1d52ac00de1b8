package io.mseg.console.web;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first check of every request, before anything reads it: methods the API never
 * serves ({@code TRACE} would echo the request's credentials), bodies it never reads
 * (multipart and HTML forms: parsing a broken one used to end in a server error, even
 * anonymously), bodies in a charset other than UTF-8, and query parameters with a NUL
 * character.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestGuardFilter extends OncePerRequestFilter {

	private static final Set<String> REFUSED_METHODS = Set.of("TRACE", "CONNECT");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (REFUSED_METHODS.contains(request.getMethod())) {
			Problems.write(response, HttpStatus.METHOD_NOT_ALLOWED,
					request.getMethod() + " is not served: the API takes GET, HEAD, POST, PUT and DELETE");
			return;
		}
		// The raw header: the server's own parsing throws on a charset it does not know.
		String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
		if (contentType != null && isForm(contentType)) {
			Problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"bodies are JSON (application/json) or YAML (application/yaml), not " + mediaType(contentType));
			return;
		}
		String charset = (contentType != null) ? charset(contentType) : null;
		if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
			Problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"bodies are UTF-8: leave charset out of the Content-Type or write charset=utf-8");
			return;
		}
		// Only the query string here: form bodies were refused above.
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (hasNul(parameter.getKey()) || java.util.Arrays.stream(parameter.getValue()).anyMatch(this::hasNul)) {
				Problems.write(response, HttpStatus.BAD_REQUEST,
						"query parameters must not contain the NUL character (%00)");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean isForm(String contentType) {
		String type = mediaType(contentType);
		return type.startsWith("multipart/") || type.equals("application/x-www-form-urlencoded");
	}

	/** The charset parameter, lower case and unquoted, or {@code null}. */
	private static String charset(String contentType) {
		for (String parameter : contentType.split(";")) {
			String[] pair = parameter.strip().split("=", 2);
			if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
				return pair[1].strip().replace("\"", "").toLowerCase(java.util.Locale.ROOT);
			}
		}
		return null;
	}

	private static String mediaType(String contentType) {
		int semicolon = contentType.indexOf(';');
		return ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase();
	}

	private boolean hasNul(String text) {
		return text != null && text.indexOf('\u0000') >= 0;
	}

}
