package io.mseg.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fingerprint pinning against fixed test certificates: {@code ca-a} issued
 * {@code server-a} (for localhost), {@code ca-b} issued {@code server-b}.
 */
class FingerprintsTests {

	static final String CA_A = "9fd7422f1052e54cfc981aa2fddf6129d65639ea2f411950b16b2086cf1c6680";

	static final String CA_B = "7035c3a188689266439f4b1a7d0658a273128ba9d23646edcc97e0d7fcb431b2";

	static X509Certificate certificate(String name) {
		try (InputStream in = FingerprintsTests.class.getResourceAsStream("/certificates/" + name + ".pem")) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException | CertificateException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theFingerprintIsTheSha256OfTheDerEncodingInLowercaseHex() {
		assertThat(Fingerprints.of(certificate("ca-a"))).isEqualTo(CA_A);
	}

	@Test
	void fingerprintsAreAcceptedWithColonsUppercaseOrAPrefix() {
		String colons = CA_A.toUpperCase().replaceAll("(..)(?!$)", "$1:");
		assertThat(Fingerprints.normalize(colons)).isEqualTo(CA_A);
		assertThat(Fingerprints.normalize("sha256:" + CA_A)).isEqualTo(CA_A);
		assertThat(Fingerprints.normalize(" " + CA_A + " ")).isEqualTo(CA_A);
	}

	@Test
	void anythingButSixtyFourHexDigitsIsNoFingerprint() {
		assertThat(Fingerprints.normalize(CA_A.substring(2))).isNull();
		assertThat(Fingerprints.normalize(CA_A + "00")).isNull();
		assertThat(Fingerprints.normalize(CA_A.replace('9', 'g'))).isNull();
		assertThat(Fingerprints.normalize("")).isNull();
	}

	@Test
	void thePinnedCertificateIsFoundAnywhereInTheChain() {
		List<X509Certificate> chain = List.of(certificate("server-a"), certificate("ca-a"));
		assertThat(Fingerprints.find(chain, CA_A)).contains(certificate("ca-a"));
		assertThat(Fingerprints.find(chain, CA_B)).isEmpty();
	}

	@Test
	void aChainHoldingThePinnedCaAndIssuedByItIsTrusted() {
		X509Certificate[] chain = { certificate("server-a"), certificate("ca-a") };
		assertThatNoException()
			.isThrownBy(() -> new PinnedCaTrustManager(CA_A).checkServerTrusted(chain, "ECDHE_ECDSA"));
	}

	@Test
	void aChainWithoutThePinnedCertificateIsRefused() {
		X509Certificate[] chain = { certificate("server-a"), certificate("ca-a") };
		assertThatThrownBy(() -> new PinnedCaTrustManager(CA_B).checkServerTrusted(chain, "ECDHE_ECDSA"))
			.isInstanceOf(CertificateException.class)
			.hasMessageContaining("pinned SHA-256 fingerprint " + CA_B);
	}

	@Test
	void thePinOnlyChoosesTheAnchorAServerCertificateItDidNotIssueIsStillRefused() {
		// The pinned CA is in the chain, but the server certificate comes from another
		// CA.
		X509Certificate[] chain = { certificate("server-b"), certificate("ca-a") };
		assertThatThrownBy(() -> new PinnedCaTrustManager(CA_A).checkServerTrusted(chain, "ECDHE_ECDSA"))
			.isInstanceOf(CertificateException.class);
	}

	@Test
	void clientCertificatesAreNeverTrusted() {
		X509Certificate[] chain = { certificate("server-a"), certificate("ca-a") };
		assertThatThrownBy(() -> new PinnedCaTrustManager(CA_A).checkClientTrusted(chain, "ECDHE_ECDSA"))
			.isInstanceOf(CertificateException.class);
	}

}
