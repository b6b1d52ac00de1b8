package io.mseg.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets: 256 random bits, stored only as their SHA-256 hash (a secret of that
 * strength needs no slow hash), looked up by hash.
 */
public final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Longest bearer value looked at; anything longer is malformed. */
	static final int MAX_LENGTH = 512;

	private Secrets() {
	}

	/** A new secret, {@code prefix} followed by 43 URL-safe characters. */
	public static String generate(String prefix) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Printable ASCII without spaces, of a sane length. */
	public static boolean wellFormed(String secret) {
		return !secret.isEmpty() && secret.length() <= MAX_LENGTH
				&& secret.chars().allMatch((c) -> c > 0x20 && c < 0x7f);
	}

}
