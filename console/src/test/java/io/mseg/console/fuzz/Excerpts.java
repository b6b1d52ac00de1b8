package io.mseg.console.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * Bodies and headers as one readable line: control and non-ASCII bytes as {@code \xNN},
 * long runs of one character counted, the rest cut short.
 */
public final class Excerpts {

	private static final int RUN = 12;

	private Excerpts() {
	}

	public static String printable(byte[] bytes, int max) {
		return printable(new String(bytes, StandardCharsets.ISO_8859_1), max);
	}

	/** {@code text} holds one byte per char (ISO-8859-1). */
	public static String printable(String text, int max) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			if (out.length() >= max) {
				out.append("... (").append(text.length() - i).append(" more bytes)");
				break;
			}
			char c = text.charAt(i);
			int run = 1;
			while (i + run < text.length() && text.charAt(i + run) == c) {
				run++;
			}
			if (run >= RUN) {
				out.append('<').append(escape(c)).append(" x ").append(run).append('>');
				i += run;
				continue;
			}
			out.append(escape(c));
			i++;
		}
		return out.toString();
	}

	private static String escape(char c) {
		if (c == '\n') {
			return "\\n";
		}
		if (c == '\r') {
			return "\\r";
		}
		if (c == '\t') {
			return "\\t";
		}
		if (c > 0xff) {
			return String.format("\\u%04X", (int) c);
		}
		if (c < 0x20 || c > 0x7e) {
			return String.format("\\x%02X", (int) c);
		}
		return String.valueOf(c);
	}

}
