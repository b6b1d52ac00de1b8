package io.mseg.policy.render.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a section of the rendered policy is named: by the hash of its bytes, so that the
 * name says what it holds and the enforcer can check what it received. The console's
 * ETags of the whole document and of the index are the same hash.
 */
public final class SectionNames {

	private SectionNames() {
	}

	/**
	 * The name of a section.
	 * @param bytes the section's JSON as served
	 * @return the first 16 bytes of the SHA-256 of {@code bytes}, in lowercase hex
	 */
	public static String of(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The name of a section.
	 * @param text the section's JSON as served
	 * @return the name of its UTF-8 bytes
	 */
	public static String of(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}

}
