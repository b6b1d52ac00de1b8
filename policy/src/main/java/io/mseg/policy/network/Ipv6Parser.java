package io.mseg.policy.network;

import java.util.ArrayList;
import java.util.List;

import io.mseg.policy.InvalidValueException;

/**
 * Strict IPv6 literals (RFC 4291 text forms) and their RFC 5952 canonical text.
 */
final class Ipv6Parser {

	private static final int GROUPS = 8;

	private Ipv6Parser() {
	}

	static IpAddress parse(String text) {
		if (text.indexOf('%') >= 0) {
			throw new InvalidValueException(
					"'" + text + "': zone ids (the part after '%') are not allowed, write the address alone");
		}
		if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0) {
			throw new InvalidValueException("'" + text + "': write the IPv6 address without brackets");
		}
		int gap = text.indexOf("::");
		if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
			throw new InvalidValueException("'" + text + "' is not a valid IPv6 address: '::' may appear only once");
		}
		List<Integer> head = (gap >= 0) ? groups(text.substring(0, gap), text, false) : groups(text, text, true);
		List<Integer> tail = (gap >= 0) ? groups(text.substring(gap + 2), text, true) : List.of();
		int count = head.size() + tail.size();
		if (gap < 0 && count != GROUPS) {
			throw new InvalidValueException(
					"'" + text + "' is not a valid IPv6 address: it needs 8 groups of hex digits, or '::'");
		}
		if (gap >= 0 && count >= GROUPS) {
			throw new InvalidValueException("'" + text + "' is not a valid IPv6 address: too many groups");
		}
		int[] values = new int[GROUPS];
		for (int i = 0; i < head.size(); i++) {
			values[i] = head.get(i);
		}
		for (int i = 0; i < tail.size(); i++) {
			values[GROUPS - tail.size() + i] = tail.get(i);
		}
		long high = 0;
		long low = 0;
		for (int i = 0; i < 4; i++) {
			high = (high << 16) | values[i];
			low = (low << 16) | values[i + 4];
		}
		return IpAddress.ofIpv6(high, low);
	}

	/**
	 * Parses colon-separated hex groups; an IPv4 part counts as two groups and may only
	 * end the address.
	 */
	private static List<Integer> groups(String part, String whole, boolean mayEndWithIpv4) {
		List<Integer> values = new ArrayList<>();
		if (part.isEmpty()) {
			return values;
		}
		String[] pieces = part.split(":", -1);
		for (int i = 0; i < pieces.length; i++) {
			String piece = pieces[i];
			if (piece.indexOf('.') >= 0) {
				if (!mayEndWithIpv4 || i != pieces.length - 1) {
					throw new InvalidValueException(
							"'" + whole + "' is not a valid IPv6 address: an IPv4 part may only end the address");
				}
				long bits = Ipv4Parser.parse(piece, whole);
				values.add((int) (bits >>> 16));
				values.add((int) (bits & 0xffff));
				continue;
			}
			if (piece.isEmpty() || piece.length() > 4) {
				throw new InvalidValueException(
						"'" + whole + "' is not a valid IPv6 address: '" + piece + "' must be 1 to 4 hex digits");
			}
			int value = 0;
			for (int j = 0; j < piece.length(); j++) {
				int digit = Character.digit(piece.charAt(j), 16);
				if (digit < 0 || piece.charAt(j) > 'f') {
					throw new InvalidValueException(
							"'" + whole + "' is not a valid IP address: '" + piece + "' is not a group of hex digits");
				}
				value = (value << 4) | digit;
			}
			values.add(value);
		}
		return values;
	}

	static String format(long high, long low) {
		int[] values = new int[GROUPS];
		for (int i = 0; i < 4; i++) {
			values[i] = (int) ((high >>> (48 - 16 * i)) & 0xffff);
			values[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xffff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < GROUPS; i++) {
			int length = 0;
			while (i + length < GROUPS && values[i + length] == 0) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < GROUPS; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(values[i]));
		}
		return text.toString();
	}

}
