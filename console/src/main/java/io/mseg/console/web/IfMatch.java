package io.mseg.console.web;

/**
 * Optimistic concurrency: an {@code If-Match} header must name the object's current
 * version ({@code "3"}, {@code W/"3"} or {@code *}), otherwise 412.
 */
public final class IfMatch {

	private IfMatch() {
	}

	public static void check(String header, long currentVersion, String what) {
		if (header == null || header.isBlank()) {
			return;
		}
		String current = String.valueOf(currentVersion);
		for (String tag : header.split(",")) {
			String value = tag.strip();
			if (value.equals("*")) {
				return;
			}
			if (value.startsWith("W/")) {
				value = value.substring(2);
			}
			if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
				value = value.substring(1, value.length() - 1);
			}
			if (value.equals(current)) {
				return;
			}
		}
		throw ApiException.preconditionFailed(what + " has changed since it was read (its ETag is now \"" + current
				+ "\", If-Match asked for " + header.strip() + "); read it again and retry");
	}

}
