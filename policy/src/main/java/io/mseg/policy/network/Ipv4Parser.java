package io.mseg.policy.network;

import io.mseg.policy.InvalidValueException;

/**
 * Strict dotted-decimal IPv4: four decimal octets, no leading zeros (which some parsers
 * read as octal).
 */
final class Ipv4Parser {

	private Ipv4Parser() {
	}

	/**
	 * Parses {@code a.b.c.d}.
	 * @param text the IPv4 part to parse
	 * @param whole the whole literal, for messages
	 * @return the 32 bits
	 */
	static long parse(String text, String whole) {
		String[] octets = text.split("\\.", -1);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '.' && (c < '0' || c > '9')) {
				throw new InvalidValueException("'" + whole + "' is not an IP address");
			}
		}
		if (octets.length != 4) {
			throw new InvalidValueException(
					"'" + whole + "' is not a valid IPv4 address: it needs four numbers separated by dots");
		}
		long bits = 0;
		for (String octet : octets) {
			if (octet.isEmpty()) {
				throw new InvalidValueException("'" + whole + "' is not a valid IPv4 address: empty number");
			}
			if (octet.length() > 1 && octet.charAt(0) == '0') {
				throw new InvalidValueException("'" + whole + "' is not a valid IPv4 address: '" + octet
						+ "' has a leading zero (ambiguous: some systems read it as octal)");
			}
			if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
				throw new InvalidValueException(
						"'" + whole + "' is not a valid IPv4 address: " + octet + " is out of range 0..255");
			}
			bits = (bits << 8) | Integer.parseInt(octet);
		}
		return bits;
	}

	static String format(long bits) {
		return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "."
				+ (bits & 0xff);
	}

}
