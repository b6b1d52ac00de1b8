package io.mseg.console.web;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request — method, path, status, duration, principal (never a secret:
 * no query string, no headers) — and the request metrics: API errors by status and
 * enrollment outcomes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLogFilter extends OncePerRequestFilter {

	/** Request attribute where authentication leaves the caller's display name. */
	public static final String PRINCIPAL = RequestLogFilter.class.getName() + ".principal";

	private static final Logger log = LoggerFactory.getLogger("io.mseg.console.requests");

	private final MeterRegistry meters;

	RequestLogFilter(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			long millis = (System.nanoTime() - start) / 1_000_000;
			int status = response.getStatus();
			Object principal = request.getAttribute(PRINCIPAL);
			String path = request.getRequestURI();
			if (request.isAsyncStarted()) {
				// An event stream: logged when it opens; it stays open for long.
				log.info("{} {} {} stream opened {}", request.getMethod(), path, status,
						(principal != null) ? principal : "anonymous");
			}
			else {
				log.info("{} {} {} {}ms {}", request.getMethod(), path, status, millis,
						(principal != null) ? principal : "anonymous");
			}
			if (status >= 400) {
				this.meters.counter("mseg.api.errors", "status", Integer.toString(status)).increment();
			}
			if ("POST".equals(request.getMethod()) && "/enforcers".equals(path)) {
				String outcome = (status == 201) ? "enrolled" : (status == 429) ? "rate_limited" : "refused";
				this.meters.counter("mseg.enrollments", "outcome", outcome).increment();
			}
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

}
