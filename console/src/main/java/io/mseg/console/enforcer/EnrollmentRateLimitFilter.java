package io.mseg.console.enforcer;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mseg.console.auth.EnrollmentRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits enrollment attempts per source address
 * ({@code mseg.enforcers.enrollments-per-minute}, 429 with {@code Retry-After} beyond),
 * before the token is even looked at, so that tokens cannot be guessed at speed.
 */
@Component
@Order(-200)
class EnrollmentRateLimitFilter extends OncePerRequestFilter {

	private static final long WINDOW_MILLIS = 60_000;

	private final int limit;

	private final Clock clock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	EnrollmentRateLimitFilter(EnforcerProperties properties, Clock clock) {
		this.limit = properties.enrollmentsPerMinute();
		this.clock = clock;
	}

	/** Attempts of one source in the current minute. */
	private record Window(long start, int count) {

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!EnrollmentRequests.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		long now = this.clock.millis();
		if (this.windows.size() > 10_000) {
			this.windows.values().removeIf((window) -> now - window.start() >= WINDOW_MILLIS);
		}
		Window window = this.windows.compute(request.getRemoteAddr(),
				(source, current) -> (current == null || now - current.start() >= WINDOW_MILLIS) ? new Window(now, 1)
						: new Window(current.start(), current.count() + 1));
		if (window.count() > this.limit) {
			long retryAfter = Math.max(1, (window.start() + WINDOW_MILLIS - now + 999) / 1000);
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", String.valueOf(retryAfter));
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":"
						+ "\"too many enrollment attempts from this address; retry in " + retryAfter + " s\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
