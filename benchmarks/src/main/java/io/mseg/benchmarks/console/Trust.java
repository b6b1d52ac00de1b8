package io.mseg.benchmarks.console;

import java.security.cert.X509Certificate;

import javax.net.ssl.TrustManager;

/** Certificates and trust managers from PEM text. */
public final class Trust {

	private Trust() {
	}

	/** Trust managers that accept the console's CA only. */
	public static TrustManager[] of(X509Certificate ca) {
		return ConsoleProcess.trustManagers(ca).getTrustManagers();
	}

	public static X509Certificate certificate(String pem) {
		return ConsoleProcess.readCertificate(pem);
	}

}
