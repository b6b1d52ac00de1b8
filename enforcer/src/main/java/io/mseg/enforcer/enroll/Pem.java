package io.mseg.enforcer.enroll;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM texts: certificates, PKCS#8 private keys, certificate requests.
 */
public final class Pem {

	private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

	private Pem() {
	}

	/**
	 * Encodes DER bytes as a PEM block.
	 * @param type the label, e.g. {@code CERTIFICATE}
	 * @param der the bytes
	 * @return the PEM text, ending with a newline
	 */
	public static String encode(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	/**
	 * Reads every certificate of a PEM text.
	 * @param pem the text
	 * @return the certificates, in order
	 * @throws GeneralSecurityException when one is unreadable or there is none
	 */
	public static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		List<X509Certificate> certificates = new ArrayList<>();
		for (byte[] der : blocks(pem, "CERTIFICATE")) {
			certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
		}
		if (certificates.isEmpty()) {
			throw new GeneralSecurityException("no PEM certificate found");
		}
		return certificates;
	}

	/**
	 * Reads a PKCS#8 private key ({@code BEGIN PRIVATE KEY}).
	 * @param pem the text
	 * @param algorithm the key algorithm, e.g. {@code EC}
	 * @return the key
	 * @throws GeneralSecurityException when it is unreadable
	 */
	public static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
		List<byte[]> blocks = blocks(pem, "PRIVATE KEY");
		if (blocks.isEmpty()) {
			throw new GeneralSecurityException("no PEM private key (BEGIN PRIVATE KEY) found");
		}
		return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)));
	}

	/**
	 * The SHA-256 fingerprint of a certificate, as the enrollment token carries it.
	 * @param certificate the certificate
	 * @return lowercase hex of the SHA-256 of its DER encoding
	 */
	public static String fingerprint(X509Certificate certificate) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot hash a certificate", ex);
		}
	}

	private static List<byte[]> blocks(String pem, String type) {
		List<byte[]> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(pem);
		while (matcher.find()) {
			if (matcher.group(1).equals(type)) {
				blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
			}
		}
		return blocks;
	}

}
