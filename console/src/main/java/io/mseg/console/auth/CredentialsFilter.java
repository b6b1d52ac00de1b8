package io.mseg.console.auth;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

import io.mseg.console.identity.Caller;
import io.mseg.console.identity.CallerAuthentication;
import io.mseg.console.web.RequestLogFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Establishes the caller of a request from its credential: a bearer token (an API token,
 * or an enrollment token on {@code POST /enforcers}), else a TLS client certificate. A
 * credential that is present but wrong is refused with 401 at once; a request without one
 * goes on anonymous (and is refused later unless the endpoint is public).
 */
final class CredentialsFilter extends OncePerRequestFilter {

	private static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private final List<Authenticators.BearerToken> tokens;

	private final List<Authenticators.ClientCertificate> certificates;

	private final AuthenticationEntryPoint entryPoint;

	CredentialsFilter(List<Authenticators.BearerToken> tokens, List<Authenticators.ClientCertificate> certificates,
			AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.certificates = certificates;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			Caller caller = authenticate(request);
			if (caller != null) {
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(new CallerAuthentication(caller));
				SecurityContextHolder.setContext(context);
				request.setAttribute(RequestLogFilter.PRINCIPAL, caller.displayName());
			}
		}
		catch (AuthenticationException ex) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

	private Caller authenticate(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				throw new BadCredentialsException("the Authorization header must be 'Bearer <token>'");
			}
			String token = authorization.substring(7).strip();
			for (Authenticators.BearerToken authenticator : this.tokens) {
				if (authenticator.appliesTo(request)) {
					return authenticator.authenticate(token);
				}
			}
			throw new BadCredentialsException("no token is accepted for this request");
		}
		if (request.getAttribute(CERTIFICATES_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0
				&& !this.certificates.isEmpty()) {
			return this.certificates.get(0).authenticate(chain);
		}
		return null;
	}

}
