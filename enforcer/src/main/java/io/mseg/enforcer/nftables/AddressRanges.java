package io.mseg.enforcer.nftables;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;

/**
 * A set of addresses of one family as sorted, disjoint intervals (adjacent ones stay
 * apart, as written), so that an interval set never receives overlapping elements (which
 * {@code nft} refuses) and exclusions are cut out before anything reaches the kernel.
 */
final class AddressRanges {

	private static final BigInteger LOW_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

	private final Family family;

	private final List<Range> ranges = new ArrayList<>();

	private boolean normalized = true;

	AddressRanges(Family family) {
		this.family = family;
	}

	static Family familyOf(IpAddress address) {
		return address.isIpv4() ? Family.V4 : Family.V6;
	}

	/**
	 * Adds a block if it is of this set's family.
	 * @param prefix the block
	 */
	void add(IpPrefix prefix) {
		if (familyOf(prefix.network()) != this.family) {
			return;
		}
		BigInteger first = value(prefix.network());
		BigInteger size = BigInteger.ONE.shiftLeft(prefix.network().bitLength() - prefix.length());
		this.ranges.add(new Range(first, first.add(size).subtract(BigInteger.ONE)));
		this.normalized = false;
	}

	void add(IpAddress address) {
		add(IpPrefix.of(address));
	}

	/**
	 * Removes a block (a no-op for another family).
	 * @param prefix the block
	 */
	void remove(IpPrefix prefix) {
		if (familyOf(prefix.network()) != this.family) {
			return;
		}
		normalize();
		BigInteger first = value(prefix.network());
		BigInteger last = first.add(BigInteger.ONE.shiftLeft(prefix.network().bitLength() - prefix.length()))
			.subtract(BigInteger.ONE);
		List<Range> kept = new ArrayList<>();
		for (Range range : this.ranges) {
			if (range.last.compareTo(first) < 0 || range.first.compareTo(last) > 0) {
				kept.add(range);
				continue;
			}
			if (range.first.compareTo(first) < 0) {
				kept.add(new Range(range.first, first.subtract(BigInteger.ONE)));
			}
			if (range.last.compareTo(last) > 0) {
				kept.add(new Range(last.add(BigInteger.ONE), range.last));
			}
		}
		this.ranges.clear();
		this.ranges.addAll(kept);
	}

	void addAll(AddressRanges other) {
		this.ranges.addAll(other.ranges);
		this.normalized = false;
	}

	boolean isEmpty() {
		return this.ranges.isEmpty();
	}

	Family family() {
		return this.family;
	}

	/**
	 * The number of elements the set will have.
	 * @return the count of disjoint ranges
	 */
	int size() {
		normalize();
		return this.ranges.size();
	}

	/**
	 * The first address of every range, ascending.
	 * @return the starts
	 */
	List<BigInteger> starts() {
		normalize();
		List<BigInteger> starts = new ArrayList<>(this.ranges.size());
		for (Range range : this.ranges) {
			starts.add(range.first);
		}
		return starts;
	}

	/**
	 * Cuts the set at boundaries: shard {@code i} holds what lies in
	 * {@code [boundaries[i-1], boundaries[i])}; a range crossing a boundary is split
	 * there.
	 * @param boundaries ascending addresses, as numbers
	 * @return {@code boundaries.size() + 1} shards, some possibly empty
	 */
	List<AddressRanges> split(List<BigInteger> boundaries) {
		normalize();
		List<AddressRanges> shards = new ArrayList<>(boundaries.size() + 1);
		for (int i = 0; i <= boundaries.size(); i++) {
			shards.add(new AddressRanges(this.family));
		}
		int shard = 0;
		for (Range range : this.ranges) {
			Range rest = range;
			while (shard < boundaries.size() && rest.first.compareTo(boundaries.get(shard)) >= 0) {
				shard++;
			}
			while (shard < boundaries.size() && rest.last.compareTo(boundaries.get(shard)) >= 0) {
				BigInteger cut = boundaries.get(shard);
				shards.get(shard).ranges.add(new Range(rest.first, cut.subtract(BigInteger.ONE)));
				rest = new Range(cut, rest.last);
				shard++;
			}
			shards.get(shard).ranges.add(rest);
		}
		return shards;
	}

	/**
	 * The set elements: a plain address for a single address, {@code a/n} for an exact
	 * block, {@code first-last} otherwise.
	 * @return the elements in ascending order
	 */
	List<String> elements() {
		normalize();
		List<String> elements = new ArrayList<>(this.ranges.size());
		for (Range range : this.ranges) {
			elements.add(text(range));
		}
		return elements;
	}

	private String text(Range range) {
		IpAddress first = address(range.first);
		if (range.first.equals(range.last)) {
			return first.toString();
		}
		BigInteger size = range.last.subtract(range.first).add(BigInteger.ONE);
		if (size.bitCount() == 1) {
			int hostBits = size.bitLength() - 1;
			BigInteger mask = BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE);
			if (range.first.and(mask).signum() == 0) {
				return first + "/" + (first.bitLength() - hostBits);
			}
		}
		return first + "-" + address(range.last);
	}

	private void normalize() {
		if (this.normalized) {
			return;
		}
		this.ranges.sort(Comparator.comparing(Range::first));
		List<Range> merged = new ArrayList<>();
		for (Range range : this.ranges) {
			int last = merged.size() - 1;
			if (last >= 0 && merged.get(last).last.compareTo(range.first) >= 0) {
				Range previous = merged.get(last);
				merged.set(last, new Range(previous.first, previous.last.max(range.last)));
			}
			else {
				merged.add(range);
			}
		}
		this.ranges.clear();
		this.ranges.addAll(merged);
		this.normalized = true;
	}

	private static BigInteger value(IpAddress address) {
		if (address.isIpv4()) {
			return BigInteger.valueOf(address.low());
		}
		return unsigned(address.high()).shiftLeft(64).or(unsigned(address.low()));
	}

	private IpAddress address(BigInteger value) {
		if (this.family == Family.V4) {
			return IpAddress.ofIpv4(value.longValue());
		}
		return IpAddress.ofIpv6(value.shiftRight(64).longValue(), value.and(LOW_64).longValue());
	}

	private static BigInteger unsigned(long bits) {
		return BigInteger.valueOf(bits).and(LOW_64);
	}

	private record Range(BigInteger first, BigInteger last) {

	}

}
