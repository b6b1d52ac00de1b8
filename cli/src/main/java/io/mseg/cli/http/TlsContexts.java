package io.mseg.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.mseg.cli.CliException;
import io.mseg.cli.config.Trust;

/** Builds the TLS context for a {@link Trust} setting. */
final class TlsContexts {

	private TlsContexts() {
	}

	static SSLContext of(Trust trust) {
		try {
			if (trust instanceof Trust.SystemDefault) {
				return SSLContext.getDefault();
			}
			TrustManager manager = (trust instanceof Trust.Fingerprint pin) ? new PinnedCaTrustManager(pin.sha256())
					: trustManager(caFileStore((Trust.CaFile) trust));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { manager }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot set up TLS: " + ex.getMessage(), ex);
		}
	}

	/** The JDK's PKIX trust manager for the anchors of the store. */
	static X509ExtendedTrustManager trustManager(KeyStore anchors) throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(anchors);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509ExtendedTrustManager x509) {
				return x509;
			}
		}
		throw new GeneralSecurityException("no X.509 trust manager available");
	}

	private static KeyStore caFileStore(Trust.CaFile ca) throws GeneralSecurityException {
		Collection<? extends Certificate> certificates;
		try (InputStream in = Files.newInputStream(ca.file())) {
			certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
		}
		catch (NoSuchFileException ex) {
			throw CliException.usage("the CA file " + ca.file() + " does not exist");
		}
		catch (IOException ex) {
			throw CliException.usage("cannot read the CA file " + ca.file() + ": " + ex.getMessage());
		}
		catch (GeneralSecurityException ex) {
			throw CliException.usage("the CA file " + ca.file() + " holds no valid PEM certificate");
		}
		if (certificates.isEmpty()) {
			throw CliException.usage("the CA file " + ca.file() + " holds no certificate");
		}
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		try {
			store.load(null, null);
		}
		catch (IOException ex) {
			throw new GeneralSecurityException(ex);
		}
		int i = 0;
		for (Certificate certificate : certificates) {
			store.setCertificateEntry("ca-" + i++, certificate);
		}
		return store;
	}

}
