package io.mseg.policy.network;

import java.util.Comparator;
import java.util.Objects;

import io.mseg.policy.InvalidValueException;

/**
 * A CIDR block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}, without host bits.
 *
 * @param network the first address of the block (host bits zero)
 * @param length the prefix length, 0..32 for IPv4, 0..128 for IPv6
 */
public record IpPrefix(IpAddress network, int length) implements Comparable<IpPrefix> {

	private static final Comparator<IpPrefix> ORDER = Comparator.comparing(IpPrefix::network)
		.thenComparingInt(IpPrefix::length);

	public IpPrefix {
		Objects.requireNonNull(network, "network");
		if (length < 0 || length > network.bitLength()) {
			throw new InvalidValueException("prefix length " + length + " is out of range 0.." + network.bitLength());
		}
		IpAddress masked = mask(network, length);
		if (!masked.equals(network)) {
			throw new InvalidValueException(
					"'" + network + "/" + length + "' has host bits set: did you mean " + masked + "/" + length + "?");
		}
	}

	/**
	 * The block of a single address ({@code /32} or {@code /128}).
	 * @param address the address
	 * @return the host prefix
	 */
	public static IpPrefix of(IpAddress address) {
		return new IpPrefix(address, address.bitLength());
	}

	/**
	 * The block of the given length that contains an address: {@code 10.1.2.3} and 8 give
	 * {@code 10.0.0.0/8}.
	 * @param address the address
	 * @param length the prefix length, 0..32 for IPv4, 0..128 for IPv6
	 * @return the block, host bits cleared
	 * @throws InvalidValueException when the length is out of range
	 */
	public static IpPrefix containing(IpAddress address, int length) {
		if (length < 0 || length > address.bitLength()) {
			throw new InvalidValueException("prefix length " + length + " is out of range 0.." + address.bitLength());
		}
		return new IpPrefix(mask(address, length), length);
	}

	/**
	 * Parses {@code address/length} or a bare address (a host prefix).
	 * @param text the CIDR text
	 * @return the prefix
	 * @throws InvalidValueException saying why; with host bits set, suggesting the
	 * network ({@code did you mean 10.0.0.0/8?})
	 */
	public static IpPrefix parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new InvalidValueException("a CIDR must not be empty");
		}
		int slash = text.indexOf('/');
		IpAddress address = IpAddress.parse((slash < 0) ? text : text.substring(0, slash));
		if (slash < 0) {
			return of(address);
		}
		String digits = text.substring(slash + 1);
		boolean decimal = !digits.isEmpty() && digits.length() <= 3
				&& digits.chars().allMatch((c) -> c >= '0' && c <= '9')
				&& (digits.length() == 1 || digits.charAt(0) != '0');
		if (!decimal || Integer.parseInt(digits) > address.bitLength()) {
			throw new InvalidValueException("'" + text + "': the prefix length must be a number from 0 to "
					+ address.bitLength() + " without leading zeros");
		}
		int length = Integer.parseInt(digits);
		IpAddress masked = mask(address, length);
		if (!masked.equals(address)) {
			throw new InvalidValueException(
					"'" + text + "' has host bits set: did you mean " + masked + "/" + length + "?");
		}
		return new IpPrefix(address, length);
	}

	public boolean isIpv4() {
		return this.network.isIpv4();
	}

	/**
	 * The last address of this block: all host bits set.
	 * @return {@code 10.255.255.255} for {@code 10.0.0.0/8}
	 */
	public IpAddress lastAddress() {
		if (isIpv4()) {
			return IpAddress.ofIpv4(this.network.low() | ((1L << (32 - this.length)) - 1));
		}
		if (this.length < 64) {
			return IpAddress.ofIpv6(this.network.high() | (-1L >>> this.length), -1L);
		}
		long hostBits = (this.length == 128) ? 0 : (-1L >>> (this.length - 64));
		return IpAddress.ofIpv6(this.network.high(), this.network.low() | hostBits);
	}

	/**
	 * Whether the address lies in this block; an IPv4 address never lies in an IPv6 block
	 * (IPv4-mapped addresses are not translated).
	 * @param a the address
	 * @return whether it is inside
	 */
	public boolean contains(IpAddress a) {
		return a.isIpv4() == isIpv4() && mask(a, this.length).equals(this.network);
	}

	/**
	 * Whether the other block lies entirely in this one (a block contains itself).
	 * @param p the other block
	 * @return whether it is inside
	 */
	public boolean contains(IpPrefix p) {
		return p.length >= this.length && contains(p.network);
	}

	@Override
	public int compareTo(IpPrefix other) {
		return ORDER.compare(this, other);
	}

	/**
	 * The canonical text: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 10.0.0.1/32}.
	 */
	@Override
	public String toString() {
		return this.network + "/" + this.length;
	}

	private static IpAddress mask(IpAddress address, int length) {
		if (address.isIpv4()) {
			long mask = (length == 0) ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
			return IpAddress.ofIpv4(address.low() & mask);
		}
		long highMask = (length >= 64) ? -1L : ((length == 0) ? 0 : -1L << (64 - length));
		long lowMask = (length <= 64) ? 0 : ((length == 128) ? -1L : -1L << (128 - length));
		return IpAddress.ofIpv6(address.high() & highMask, address.low() & lowMask);
	}

}
