package io.mseg.console.auth;

import java.security.cert.X509Certificate;

import io.mseg.console.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.AuthenticationException;

/**
 * The credentials the console accepts, each checked by the feature that owns it.
 */
public final class Authenticators {

	private Authenticators() {
	}

	/** Checks a bearer token for the requests it applies to. */
	public interface BearerToken {

		boolean appliesTo(HttpServletRequest request);

		/** The caller, or an {@link AuthenticationException} saying what is wrong. */
		Caller authenticate(String token) throws AuthenticationException;

	}

	/** Checks a TLS client certificate. */
	public interface ClientCertificate {

		Caller authenticate(X509Certificate[] chain) throws AuthenticationException;

	}

}
