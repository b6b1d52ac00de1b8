package io.mseg.cli.http;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts the console when its TLS chain holds the certificate with the pinned SHA-256
 * fingerprint (the console sends its CA certificate along with its own) and the chain
 * verifies against that certificate the usual way, host name included. The pin only
 * chooses the trust anchor; it never replaces the verification.
 */
final class PinnedCaTrustManager extends X509ExtendedTrustManager {

	private final String fingerprint;

	PinnedCaTrustManager(String fingerprint) {
		this.fingerprint = fingerprint;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		verifier(chain).checkServerTrusted(chain, authType, engine);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		verifier(chain).checkServerTrusted(chain, authType, socket);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		verifier(chain).checkServerTrusted(chain, authType);
	}

	/**
	 * A standard PKIX trust manager whose only anchor is the pinned certificate of the
	 * chain.
	 */
	X509ExtendedTrustManager verifier(X509Certificate[] chain) throws CertificateException {
		X509Certificate anchor = Fingerprints.find(Arrays.asList(chain), this.fingerprint)
			.orElseThrow(() -> new CertificateException("no certificate of the console's TLS chain has the pinned "
					+ "SHA-256 fingerprint " + this.fingerprint));
		try {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			store.setCertificateEntry("pinned", anchor);
			return TlsContexts.trustManager(store);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new CertificateException("cannot trust the pinned certificate: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("msegctl does not accept client certificates");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("msegctl does not accept client certificates");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("msegctl does not accept client certificates");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}

}
