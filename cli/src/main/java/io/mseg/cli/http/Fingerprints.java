package io.mseg.cli.http;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SHA-256 fingerprints of certificates, written as the console writes them (lowercase hex
 * of the DER encoding, as in enrollment tokens and its log).
 */
public final class Fingerprints {

	private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

	private Fingerprints() {
	}

	/**
	 * The fingerprint in canonical form: lowercase, without colons, spaces or a
	 * {@code sha256:} prefix; {@code null} when it is not 64 hex digits.
	 */
	public static String normalize(String fingerprint) {
		if (fingerprint == null) {
			return null;
		}
		String text = fingerprint.strip().toLowerCase(Locale.ROOT);
		if (text.startsWith("sha256:") || text.startsWith("sha-256:")) {
			text = text.substring(text.indexOf(':') + 1);
		}
		text = text.replace(":", "").replace(" ", "");
		return HEX_64.matcher(text).matches() ? text : null;
	}

	/** The SHA-256 of the certificate's DER encoding, lowercase hex. */
	public static String of(X509Certificate certificate) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot compute a SHA-256 fingerprint", ex);
		}
	}

	/** The certificate of the chain whose fingerprint is the pinned one, if any. */
	public static Optional<X509Certificate> find(List<X509Certificate> chain, String fingerprint) {
		return chain.stream().filter((certificate) -> of(certificate).equals(fingerprint)).findFirst();
	}

}
