package io.mseg.cli.command;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address literals as the console accepts them, told apart without a DNS lookup. */
final class Addresses {

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");

	private Addresses() {
	}

	/** Whether the text is an IPv4 or IPv6 address (no zone, no prefix length). */
	static boolean isLiteral(String text) {
		if (IPV4.matcher(text).matches()) {
			return true;
		}
		if (!text.contains(":") || !IPV6_CHARACTERS.matcher(text).matches()) {
			return false;
		}
		try {
			// In brackets, the JDK parses an IPv6 literal or fails: it never resolves a
			// name.
			InetAddress.getByName("[" + text + "]");
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
