package io.mseg.policy.network;

import io.mseg.policy.InvalidValueException;

/**
 * An IPv4 or IPv6 address, parsed strictly from a literal (never through DNS).
 *
 * @param ipv4 whether this is an IPv4 address
 * @param high the upper 64 bits of an IPv6 address, 0 for IPv4
 * @param low the lower 64 bits of an IPv6 address, or the 32 bits of an IPv4 address
 */
public record IpAddress(boolean ipv4, long high, long low) implements Comparable<IpAddress> {

	private static final long IPV4_MAPPED = 0xffffL << 32;

	public IpAddress {
		if (ipv4 && (high != 0 || (low >>> 32) != 0)) {
			throw new IllegalArgumentException("an IPv4 address has 32 bits");
		}
	}

	/**
	 * An IPv4 address from its 32 bits.
	 * @param bits the address as an unsigned 32-bit value
	 * @return the address
	 */
	public static IpAddress ofIpv4(long bits) {
		return new IpAddress(true, 0, bits);
	}

	/**
	 * An IPv6 address from its 128 bits.
	 * @param high the upper 64 bits
	 * @param low the lower 64 bits
	 * @return the address
	 */
	public static IpAddress ofIpv6(long high, long low) {
		return new IpAddress(false, high, low);
	}

	/**
	 * Parses an IPv4 ({@code 10.0.0.1}, no leading zeros) or IPv6 ({@code 2001:db8::1},
	 * no zone id, no brackets) literal.
	 * @param text the literal
	 * @return the address
	 * @throws InvalidValueException saying why the text is not a valid address
	 */
	public static IpAddress parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new InvalidValueException("an IP address must not be empty");
		}
		if (text.indexOf(':') >= 0 || text.indexOf('[') >= 0) {
			return Ipv6Parser.parse(text);
		}
		return ofIpv4(Ipv4Parser.parse(text, text));
	}

	public boolean isIpv4() {
		return this.ipv4;
	}

	/**
	 * The number of bits of this family.
	 * @return 32 or 128
	 */
	public int bitLength() {
		return this.ipv4 ? 32 : 128;
	}

	@Override
	public int compareTo(IpAddress other) {
		// IPv4 first, then by value; written out, since sorted maps of addresses compare
		// them hundreds of thousands of times a build
		if (this.ipv4 != other.ipv4) {
			return this.ipv4 ? -1 : 1;
		}
		int high = Long.compareUnsigned(this.high, other.high);
		return (high != 0) ? high : Long.compareUnsigned(this.low, other.low);
	}

	/**
	 * The canonical text: dotted decimal, or IPv6 per RFC 5952 (lowercase, longest run of
	 * two or more zero groups compressed, IPv4-mapped addresses as
	 * {@code ::ffff:192.0.2.1}).
	 */
	@Override
	public String toString() {
		if (this.ipv4) {
			return Ipv4Parser.format(this.low);
		}
		if (this.high == 0 && (this.low >>> 32) == (IPV4_MAPPED >>> 32)) {
			return "::ffff:" + Ipv4Parser.format(this.low & 0xffffffffL);
		}
		return Ipv6Parser.format(this.high, this.low);
	}

}
