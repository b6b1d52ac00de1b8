package io.mseg.console.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM encoding and decoding of certificates, private keys and certificate signing
 * requests.
 */
public final class Pem {

	private Pem() {
	}

	/** PEM text of certificates, keys or requests, one block after the other. */
	public static String encode(Object... objects) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			for (Object object : objects) {
				// Private keys as PKCS#8 ("PRIVATE KEY"), the form every tool reads.
				writer.writeObject(
						(object instanceof PrivateKey key) ? new PemObject("PRIVATE KEY", key.getEncoded()) : object);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/** Every certificate in the text, in order. */
	public static List<X509Certificate> certificates(String pem) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (Object object : objects(pem)) {
			if (object instanceof X509CertificateHolder holder) {
				certificates.add(toCertificate(holder));
			}
		}
		if (certificates.isEmpty()) {
			throw new IllegalArgumentException("no PEM certificate found");
		}
		return certificates;
	}

	public static PrivateKey privateKey(String pem) {
		JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
		try {
			for (Object object : objects(pem)) {
				if (object instanceof PrivateKeyInfo info) {
					return converter.getPrivateKey(info);
				}
				if (object instanceof PEMKeyPair pair) {
					return converter.getPrivateKey(pair.getPrivateKeyInfo());
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("unreadable private key: " + ex.getMessage(), ex);
		}
		throw new IllegalArgumentException("no unencrypted PEM private key found");
	}

	/** The single certificate signing request of the text. */
	public static PKCS10CertificationRequest certificateRequest(String pem) {
		// The parser skips text around its block: refuse it rather than ignore it.
		String block = pem.strip();
		if (!block
			.matches("(?s)-----BEGIN (NEW )?CERTIFICATE REQUEST-----.*-----END (NEW )?CERTIFICATE REQUEST-----")) {
			throw new IllegalArgumentException("text outside the PEM block 'CERTIFICATE REQUEST'");
		}
		List<Object> objects = objects(pem);
		if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest request)) {
			throw new IllegalArgumentException("expected exactly one PEM block 'CERTIFICATE REQUEST'");
		}
		return request;
	}

	static X509Certificate toCertificate(X509CertificateHolder holder) {
		try {
			return new JcaX509CertificateConverter().getCertificate(holder);
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("unreadable certificate: " + ex.getMessage(), ex);
		}
	}

	private static List<Object> objects(String pem) {
		List<Object> objects = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				objects.add(object);
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("not valid PEM: " + ex.getMessage(), ex);
		}
		return objects;
	}

}
