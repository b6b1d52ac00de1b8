package io.mseg.console.pki;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import io.mseg.console.web.ApiException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Checks a certificate signing request before the CA signs its key: it must be one PEM
 * CSR, signed by the key it carries (proof of possession), with a strong enough key. The
 * names it asks for are ignored: the console sets the identity.
 */
public final class CertificateRequests {

	static final int MIN_RSA_BITS = 2048;

	static final int MIN_EC_BITS = 256;

	private CertificateRequests() {
	}

	/**
	 * The public key to certify; 422 on the field {@code certificateRequest} otherwise.
	 */
	public static PublicKey publicKey(String pem) {
		if (pem == null || pem.isBlank()) {
			throw refused("is required: a PEM certificate signing request (BEGIN CERTIFICATE REQUEST)");
		}
		PKCS10CertificationRequest request;
		PublicKey key;
		try {
			request = Pem.certificateRequest(pem);
			key = new JcaPKCS10CertificationRequest(request).getPublicKey();
		}
		catch (IllegalArgumentException ex) {
			// The parser's own message names its Java classes: not for the client.
			throw refused("is not a PEM certificate signing request (BEGIN CERTIFICATE REQUEST) that can be read");
		}
		catch (java.security.GeneralSecurityException | RuntimeException ex) {
			throw refused("carries a public key that cannot be read");
		}
		try {
			if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
				throw refused("is not signed by the key it carries (no proof of possession)");
			}
		}
		catch (OperatorCreationException | PKCSException ex) {
			throw refused("has a signature that cannot be verified");
		}
		requireStrongKey(key);
		return key;
	}

	private static void requireStrongKey(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
				throw refused("has a " + rsa.getModulus().bitLength() + "-bit RSA key; at least " + MIN_RSA_BITS
						+ " bits are required");
			}
			return;
		}
		if (key instanceof ECPublicKey ec) {
			int bits = ec.getParams().getCurve().getField().getFieldSize();
			if (bits < MIN_EC_BITS) {
				throw refused("has a " + bits + "-bit EC key; at least " + MIN_EC_BITS + " bits are required");
			}
			return;
		}
		if (!key.getAlgorithm().equals("Ed25519") && !key.getAlgorithm().equals("EdDSA")) {
			throw refused("has a " + key.getAlgorithm() + " key; use RSA (2048 bits or more), EC (P-256 or "
					+ "stronger) or Ed25519");
		}
	}

	private static ApiException refused(String message) {
		return ApiException.invalid("certificateRequest", message);
	}

}
