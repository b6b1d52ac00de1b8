package io.mseg.console.externalnetwork.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code text} format: one CIDR or address per line; blank lines and comments
 * ({@code #} or {@code ;} to the end of the line) ignored, as Cloudflare's lists and the
 * Spamhaus DROP list ({@code 1.10.16.0/20 ; SBL256894}) are written.
 */
final class TextFeed {

	private TextFeed() {
	}

	static List<FeedEntry> read(String body) {
		List<FeedEntry> entries = new ArrayList<>();
		String[] lines = body.split("\r?\n|\r", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (i == 0 && line.startsWith("\uFEFF")) {
				line = line.substring(1);
			}
			int comment = firstComment(line);
			String text = ((comment >= 0) ? line.substring(0, comment) : line).strip();
			if (!text.isEmpty()) {
				entries.add(new FeedEntry(text, "line " + (i + 1)));
			}
		}
		return entries;
	}

	private static int firstComment(String line) {
		int hash = line.indexOf('#');
		int semicolon = line.indexOf(';');
		if (hash < 0) {
			return semicolon;
		}
		return (semicolon < 0) ? hash : Math.min(hash, semicolon);
	}

}
