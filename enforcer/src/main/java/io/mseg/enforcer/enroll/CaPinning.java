package io.mseg.enforcer.enroll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Finds the console's CA by the fingerprint in the enrollment token. A first TLS
 * handshake reads the chain the console serves ([server certificate, CA]) without
 * trusting it and sends nothing; the certificate of the chain whose SHA-256 equals the
 * fingerprint becomes the only trust anchor, and every later connection (enrollment
 * included) verifies the chain and the host name against it as usual.
 */
public final class CaPinning {

	private CaPinning() {
	}

	/**
	 * The pinned CA certificate.
	 * @param console the console's base URL ({@code https://host:port})
	 * @param fingerprint lowercase hex SHA-256 of the CA certificate
	 * @param timeout connect and handshake timeout
	 * @return the CA certificate from the served chain
	 * @throws IOException when the console cannot be reached
	 * @throws GeneralSecurityException when no certificate of the chain has the
	 * fingerprint
	 */
	public static X509Certificate pinnedCa(URI console, String fingerprint, Duration timeout)
			throws IOException, GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { new RecordingTrustManager() }, null);
		int port = (console.getPort() > 0) ? console.getPort() : 443;
		List<X509Certificate> chain;
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
			socket.connect(new InetSocketAddress(console.getHost(), port), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			if (!isAddressLiteral(console.getHost())) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setServerNames(List.of(new SNIHostName(console.getHost())));
				socket.setSSLParameters(parameters);
			}
			socket.startHandshake();
			chain = java.util.Arrays.stream(socket.getSession().getPeerCertificates())
				.filter(X509Certificate.class::isInstance)
				.map(X509Certificate.class::cast)
				.toList();
		}
		for (Certificate certificate : chain) {
			X509Certificate x509 = (X509Certificate) certificate;
			if (Pem.fingerprint(x509).equalsIgnoreCase(fingerprint)) {
				return x509;
			}
		}
		throw new GeneralSecurityException(
				"no certificate served by " + console + " has the CA fingerprint of the enrollment token ("
						+ fingerprint.substring(0, 16) + "…): wrong console, or a machine in between");
	}

	private static boolean isAddressLiteral(String host) {
		return host.indexOf(':') >= 0 || host.startsWith("[")
				|| host.chars().allMatch((c) -> c == '.' || Character.isDigit(c));
	}

	/** Accepts any chain: the handshake only reads it; trust is decided by the pin. */
	private static final class RecordingTrustManager implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
			throw new UnsupportedOperationException("client side only");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
			// Read-only handshake: nothing is sent over this connection.
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
