package io.mseg.enforcer.enroll;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Finds the console's CA certificate by its fingerprint (see {@link CaPinning}).
 */
@FunctionalInterface
public interface CaPinner {

	/**
	 * The CA certificate the console serves with this fingerprint.
	 * @param fingerprint lowercase hex SHA-256 of the CA certificate
	 * @return the certificate
	 * @throws IOException when the console cannot be reached
	 * @throws GeneralSecurityException when nothing it serves has the fingerprint
	 */
	X509Certificate pinnedCa(String fingerprint) throws IOException, GeneralSecurityException;

	static CaPinner tls(URI console, Duration timeout) {
		return (fingerprint) -> CaPinning.pinnedCa(console, fingerprint, timeout);
	}

}
