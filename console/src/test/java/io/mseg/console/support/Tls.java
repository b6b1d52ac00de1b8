package io.mseg.console.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.mseg.console.pki.Pem;

/**
 * TLS contexts for test clients: trusting the console's CA ({@code ca.pem} of its data
 * directory), optionally presenting a client certificate.
 */
public final class Tls {

	private Tls() {
	}

	public static SSLContext trusting(Path caFile) {
		return context(readCa(caFile), null, null);
	}

	public static SSLContext withClientCertificate(Path caFile, PrivateKey key, X509Certificate... chain) {
		return context(readCa(caFile), key, chain);
	}

	public static X509Certificate readCa(Path caFile) {
		try {
			return Pem.certificates(Files.readString(caFile)).get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static SSLContext context(X509Certificate ca, PrivateKey key, X509Certificate[] chain) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("ca", ca);
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManagerFactory keyManagers = null;
			if (key != null) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				keys.load(null, null);
				keys.setKeyEntry("client", key, new char[0], (Certificate[]) chain);
				keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keys, new char[0]);
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
					null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
