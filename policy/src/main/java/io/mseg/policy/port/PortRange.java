package io.mseg.policy.port;

import java.util.Optional;

import io.mseg.policy.InvalidValueException;

/**
 * An inclusive range of ports (or of ICMP codes).
 *
 * @param from the lowest value, 0..65535
 * @param to the highest value, {@code from}..65535
 */
public record PortRange(int from, int to) implements Comparable<PortRange> {

	/** The highest port number. */
	public static final int MAX_PORT = 65535;

	public PortRange {
		if (from < 0 || to > MAX_PORT || from > to) {
			throw new InvalidValueException(
					"invalid range " + from + ":" + to + ": expected 0 <= from <= to <= " + MAX_PORT);
		}
	}

	/**
	 * A range of a single value.
	 * @param value the port
	 * @return {@code value:value}
	 */
	public static PortRange of(int value) {
		return new PortRange(value, value);
	}

	public boolean contains(int v) {
		return this.from <= v && v <= this.to;
	}

	public boolean contains(PortRange other) {
		return this.from <= other.from && other.to <= this.to;
	}

	public boolean overlaps(PortRange other) {
		return this.from <= other.to && other.from <= this.to;
	}

	/**
	 * The values in both ranges.
	 * @param other another range
	 * @return the common range, empty when the ranges do not overlap
	 */
	public Optional<PortRange> intersect(PortRange other) {
		if (!overlaps(other)) {
			return Optional.empty();
		}
		return Optional.of(new PortRange(Math.max(this.from, other.from), Math.min(this.to, other.to)));
	}

	@Override
	public int compareTo(PortRange other) {
		int byFrom = Integer.compare(this.from, other.from);
		return (byFrom != 0) ? byFrom : Integer.compare(this.to, other.to);
	}

	/**
	 * The canonical text.
	 * @return {@code 443} for a single value, {@code 80:90} for a range
	 */
	@Override
	public String toString() {
		return (this.from == this.to) ? Integer.toString(this.from) : this.from + ":" + this.to;
	}

}
