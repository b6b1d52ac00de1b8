package io.mseg.policy.port;

import java.util.Locale;

import io.mseg.policy.InvalidValueException;

/**
 * What a connection carries: a protocol and, for TCP/UDP, the destination port, for ICMP
 * the type and code.
 *
 * @param protocol the canonical lowercase protocol name ({@code tcp}, {@code icmp6},
 * {@code gre}, ...)
 * @param port the destination port for {@code tcp}/{@code udp}, otherwise {@code null}
 * @param icmpType the ICMP type for {@code icmp}/{@code icmp6}, optional
 * @param icmpCode the ICMP code, optional, only with a type
 */
public record Traffic(String protocol, Integer port, Integer icmpType, Integer icmpCode) {

	public Traffic {
		protocol = canonicalProtocol(protocol);
		if (Protocols.hasPorts(protocol)) {
			if (port == null) {
				throw new InvalidValueException(protocol + " traffic needs a destination port");
			}
			checkRange(port, PortRange.MAX_PORT, "port");
		}
		else if (port != null) {
			throw new InvalidValueException(protocol + " traffic has no port");
		}
		if (Protocols.isIcmp(protocol)) {
			if (icmpType != null) {
				checkRange(icmpType, 255, "ICMP type");
			}
			if (icmpCode != null) {
				if (icmpType == null) {
					throw new InvalidValueException("an ICMP code needs an ICMP type");
				}
				checkRange(icmpCode, 255, "ICMP code");
			}
		}
		else if (icmpType != null || icmpCode != null) {
			throw new InvalidValueException(protocol + " traffic has no ICMP type or code");
		}
	}

	/**
	 * Validates and builds a traffic description.
	 * @param protocol a protocol name, case-insensitive
	 * @param port the destination port, only for {@code tcp}/{@code udp} (required there)
	 * @param icmpType the ICMP type, optional, only for {@code icmp}/{@code icmp6}
	 * @param icmpCode the ICMP code, optional, only with a type
	 * @return the traffic
	 * @throws InvalidValueException when a value is missing, out of range or not allowed
	 */
	public static Traffic of(String protocol, Integer port, Integer icmpType, Integer icmpCode) {
		return new Traffic(protocol, port, icmpType, icmpCode);
	}

	/**
	 * The name service ports use for a protocol number.
	 * @param number an IANA protocol number
	 * @return its name ({@code tcp}, {@code icmp6}, {@code gre}), or {@code null} when it
	 * has none
	 */
	public static String protocolName(int number) {
		return Protocols.nameOf(number);
	}

	public static Traffic tcp(int port) {
		return new Traffic(Protocols.TCP, port, null, null);
	}

	public static Traffic udp(int port) {
		return new Traffic(Protocols.UDP, port, null, null);
	}

	/**
	 * ICMP (v4) traffic.
	 * @param type the ICMP type, or {@code null}
	 * @param code the ICMP code, or {@code null}
	 * @return the traffic
	 */
	public static Traffic icmp(Integer type, Integer code) {
		return new Traffic(Protocols.ICMP, null, type, code);
	}

	/**
	 * The IANA number of the protocol, as used on the wire.
	 * @return the protocol number
	 */
	public int protocolNumber() {
		return Protocols.number(this.protocol);
	}

	/**
	 * A compact form for logs: {@code tcp/443}, {@code icmp/8/0}, {@code gre}.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.protocol);
		if (this.port != null) {
			text.append('/').append(this.port);
		}
		if (this.icmpType != null) {
			text.append('/').append(this.icmpType);
		}
		if (this.icmpCode != null) {
			text.append('/').append(this.icmpCode);
		}
		return text.toString();
	}

	private static String canonicalProtocol(String protocol) {
		if (protocol == null || protocol.isEmpty()) {
			throw new InvalidValueException("traffic needs a protocol");
		}
		String lowercase = protocol.toLowerCase(Locale.ROOT);
		String canonical = Protocols.canonical(lowercase);
		if (canonical == null) {
			throw new InvalidValueException(
					"unknown protocol '" + protocol + "': use an IANA protocol name such as tcp, udp, icmp, icmp6");
		}
		return canonical;
	}

	private static void checkRange(int value, int max, String what) {
		if (value < 0 || value > max) {
			throw new InvalidValueException(what + " " + value + " is out of range 0.." + max);
		}
	}

}
