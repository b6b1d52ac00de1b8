package io.mseg.console.enforcer;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mseg.console.auth.Authenticators;
import io.mseg.console.identity.Caller;
import io.mseg.console.pki.ConsolePki;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.stereotype.Component;

/**
 * Checks an enforcer's client certificate on every request: issued by this console's CA,
 * within its validity, naming an enforcer that exists and is not revoked. A revoked
 * enforcer is refused on its very next request, whatever its certificate's expiry.
 */
@Component
class EnforcerCertificateAuthenticator implements Authenticators.ClientCertificate {

	private static final int URI_NAME = 6;

	private final ConsolePki pki;

	private final EnforcerService enforcers;

	private final Clock clock;

	EnforcerCertificateAuthenticator(ConsolePki pki, EnforcerService enforcers, Clock clock) {
		this.pki = pki;
		this.enforcers = enforcers;
		this.clock = clock;
	}

	@Override
	public Caller authenticate(X509Certificate[] chain) {
		X509Certificate certificate = chain[0];
		if (!this.pki.authority().issued(certificate)) {
			throw new BadCredentialsException("the client certificate was not issued by this console's CA");
		}
		Instant now = this.clock.instant();
		if (now.isAfter(certificate.getNotAfter().toInstant())) {
			throw new CredentialsExpiredException(
					"the client certificate expired at " + certificate.getNotAfter().toInstant());
		}
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			throw new BadCredentialsException(
					"the client certificate is not valid before " + certificate.getNotBefore().toInstant());
		}
		EnforcerIdentity identity = identity(certificate)
			.orElseThrow(() -> new BadCredentialsException("the client certificate names no enforcer"));
		String refusal = this.enforcers.admit(identity.enforcerId());
		if (refusal != null) {
			throw new BadCredentialsException(refusal);
		}
		return new Caller.Enforcer(identity.enforcerId(), identity.namespace());
	}

	private static Optional<EnforcerIdentity> identity(X509Certificate certificate) {
		try {
			if (certificate.getSubjectAlternativeNames() == null) {
				return Optional.empty();
			}
			for (List<?> name : certificate.getSubjectAlternativeNames()) {
				if (((Integer) name.get(0)) == URI_NAME) {
					Optional<EnforcerIdentity> identity = EnforcerIdentity.parse(String.valueOf(name.get(1)));
					if (identity.isPresent()) {
						return identity;
					}
				}
			}
			return Optional.empty();
		}
		catch (CertificateParsingException ex) {
			return Optional.empty();
		}
	}

}
