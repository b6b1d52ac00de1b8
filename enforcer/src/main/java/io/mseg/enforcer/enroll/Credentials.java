package io.mseg.enforcer.enroll;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The enforcer's client key and certificate, and the console's CA: everything mutual TLS
 * with the console needs.
 *
 * @param key the private key
 * @param certificate the client certificate issued by the console
 * @param ca the console's CA certificate, the only trust anchor
 */
public record Credentials(PrivateKey key, X509Certificate certificate, X509Certificate ca) {

	private static final char[] NO_PASSWORD = new char[0];

	public Credentials {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(certificate, "certificate");
		Objects.requireNonNull(ca, "ca");
	}

	/**
	 * When to renew: after 2/3 of the certificate's lifetime.
	 * @return the renewal time
	 */
	public Instant renewAt() {
		Instant from = this.certificate.getNotBefore().toInstant();
		Instant to = this.certificate.getNotAfter().toInstant();
		return from.plus(Duration.between(from, to).multipliedBy(2).dividedBy(3));
	}

	public Instant expiresAt() {
		return this.certificate.getNotAfter().toInstant();
	}

	/**
	 * A TLS context presenting the client certificate and trusting only the CA.
	 * @return the context
	 * @throws GeneralSecurityException when the key does not fit
	 */
	public SSLContext sslContext() throws GeneralSecurityException {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("enforcer", this.key, NO_PASSWORD, new X509Certificate[] { this.certificate, this.ca });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, NO_PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), trusting(this.ca).getTrustManagers(), null);
			return context;
		}
		catch (java.io.IOException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	/**
	 * A TLS context without a client certificate that trusts only one CA (enrollment).
	 * @param ca the pinned CA
	 * @return the context
	 * @throws GeneralSecurityException when the JDK cannot make it
	 */
	public static SSLContext trustingOnly(X509Certificate ca) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trusting(ca).getTrustManagers(), null);
		return context;
	}

	private static TrustManagerFactory trusting(X509Certificate ca) throws GeneralSecurityException {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("console-ca", ca);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			return factory;
		}
		catch (java.io.IOException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

}
