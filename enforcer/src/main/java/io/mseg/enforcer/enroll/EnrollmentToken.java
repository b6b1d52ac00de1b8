package io.mseg.enforcer.enroll;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A one-time enrollment token: {@code msen_<secret>.<SHA-256 hex of the CA certificate>}.
 * The fingerprint pins the console's CA before anything is trusted; the whole text is the
 * bearer credential of the enrollment request. {@link #toString()} never shows the
 * secret.
 *
 * @param text the whole token
 * @param caFingerprint the lowercase hex SHA-256 of the CA certificate (DER)
 */
public record EnrollmentToken(String text, String caFingerprint) {

	private static final String PREFIX = "msen_";

	/**
	 * Parses a token.
	 * @param text the token as the console printed it
	 * @return the token
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	public static EnrollmentToken parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("the enrollment token is empty");
		}
		String token = text.strip();
		if (!token.startsWith(PREFIX)) {
			throw new IllegalArgumentException("an enrollment token starts with '" + PREFIX + "'");
		}
		int dot = token.lastIndexOf('.');
		if (dot <= PREFIX.length()) {
			throw new IllegalArgumentException(
					"an enrollment token is msen_<secret>.<CA fingerprint>; this one has no fingerprint");
		}
		String fingerprint = token.substring(dot + 1).toLowerCase(Locale.ROOT);
		if (fingerprint.length() != 64) {
			throw new IllegalArgumentException(
					"the CA fingerprint of an enrollment token has 64 hex digits, not " + fingerprint.length());
		}
		try {
			HexFormat.of().parseHex(fingerprint);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("the CA fingerprint of an enrollment token must be hexadecimal");
		}
		return new EnrollmentToken(token, fingerprint);
	}

	@Override
	public String toString() {
		return "EnrollmentToken[CA " + this.caFingerprint.substring(0, 16) + "…]";
	}

}
