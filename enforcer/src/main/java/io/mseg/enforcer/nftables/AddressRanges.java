package io.mseg.enforcer.nftables;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;

/**
 * A set of addresses of one family as sorted, disjoint intervals (adjacent ones stay
 * apart, as written), so that an interval set never receives overlapping elements (which
 * {@code nft} refuses) and exclusions are cut out before anything reaches the kernel.
 * Addresses are unsigned 128-bit numbers held in two {@code long}s (IPv4 in the low one),
 * in flat arrays: the enforcer handles hundreds of thousands of them per apply.
 */
final class AddressRanges {

	private static final BigInteger LOW_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

	private final Family family;

	/** Per range: first high, first low, last high, last low. */
	private long[] bounds = new long[16];

	private int count;

	private boolean normalized = true;

	/**
	 * The hash, once computed (0 before): a large set is looked up several times a build.
	 */
	private int hash;

	/** The last split, kept while nothing is added or removed. */
	private List<BigInteger> splitAt;

	private List<AddressRanges> splitInto;

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
		IpAddress first = prefix.network();
		int hostBits = first.bitLength() - prefix.length();
		long[] last = last(first.high(), first.low(), hostBits);
		append(first.high(), first.low(), last[0], last[1]);
		changed();
	}

	void add(IpAddress address) {
		if (familyOf(address) != this.family) {
			return;
		}
		append(address.high(), address.low(), address.high(), address.low());
		changed();
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
		changed();
		this.normalized = true;
		IpAddress network = prefix.network();
		long fh = network.high();
		long fl = network.low();
		long[] last = last(fh, fl, network.bitLength() - prefix.length());
		long lh = last[0];
		long ll = last[1];
		long[] old = this.bounds;
		int oldCount = this.count;
		this.bounds = new long[Math.max(16, old.length)];
		this.count = 0;
		for (int i = 0; i < oldCount; i++) {
			int o = i * 4;
			if (compare(old[o + 2], old[o + 3], fh, fl) < 0 || compare(old[o], old[o + 1], lh, ll) > 0) {
				append(old[o], old[o + 1], old[o + 2], old[o + 3]);
				continue;
			}
			if (compare(old[o], old[o + 1], fh, fl) < 0) {
				long[] before = minusOne(fh, fl);
				append(old[o], old[o + 1], before[0], before[1]);
			}
			if (compare(old[o + 2], old[o + 3], lh, ll) > 0) {
				long[] after = plusOne(lh, ll);
				append(after[0], after[1], old[o + 2], old[o + 3]);
			}
		}
	}

	void addAll(AddressRanges other) {
		for (int i = 0; i < other.count; i++) {
			int o = i * 4;
			append(other.bounds[o], other.bounds[o + 1], other.bounds[o + 2], other.bounds[o + 3]);
		}
		changed();
	}

	private void changed() {
		this.normalized = false;
		this.hash = 0;
		this.splitAt = null;
		this.splitInto = null;
	}

	/**
	 * A copy, to be changed without changing this one.
	 * @return the copy
	 */
	AddressRanges copy() {
		AddressRanges copy = new AddressRanges(this.family);
		copy.bounds = Arrays.copyOf(this.bounds, Math.max(16, this.count * 4 + 64));
		copy.count = this.count;
		copy.normalized = this.normalized;
		return copy;
	}

	boolean isEmpty() {
		return this.count == 0;
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
		return this.count;
	}

	/**
	 * The first address of every range, ascending.
	 * @return the starts
	 */
	List<BigInteger> starts() {
		normalize();
		List<BigInteger> starts = new ArrayList<>(this.count);
		for (int i = 0; i < this.count; i++) {
			starts.add(number(this.bounds[i * 4], this.bounds[i * 4 + 1]));
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
		if (boundaries.equals(this.splitAt)) {
			return this.splitInto;
		}
		normalize();
		int cuts = boundaries.size();
		long[] high = new long[cuts];
		long[] low = new long[cuts];
		for (int b = 0; b < cuts; b++) {
			high[b] = boundaries.get(b).shiftRight(64).longValue();
			low[b] = boundaries.get(b).and(LOW_64).longValue();
		}
		List<AddressRanges> shards = new ArrayList<>(cuts + 1);
		for (int i = 0; i <= cuts; i++) {
			shards.add(new AddressRanges(this.family));
		}
		int shard = 0;
		for (int i = 0; i < this.count; i++) {
			int o = i * 4;
			long fh = this.bounds[o];
			long fl = this.bounds[o + 1];
			long lh = this.bounds[o + 2];
			long ll = this.bounds[o + 3];
			while (shard < cuts && compare(fh, fl, high[shard], low[shard]) >= 0) {
				shard++;
			}
			while (shard < cuts && compare(lh, ll, high[shard], low[shard]) >= 0) {
				long[] before = minusOne(high[shard], low[shard]);
				shards.get(shard).append(fh, fl, before[0], before[1]);
				fh = high[shard];
				fl = low[shard];
				shard++;
			}
			shards.get(shard).append(fh, fl, lh, ll);
		}
		this.splitAt = boundaries;
		this.splitInto = shards;
		return shards;
	}

	/**
	 * Same family and same ranges: the key under which the enforcer keeps the set it
	 * built from them for the next build.
	 */
	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof AddressRanges ranges) || ranges.family != this.family) {
			return false;
		}
		normalize();
		ranges.normalize();
		return Arrays.equals(this.bounds, 0, this.count * 4, ranges.bounds, 0, ranges.count * 4);
	}

	@Override
	public int hashCode() {
		if (this.hash != 0) {
			return this.hash;
		}
		normalize();
		int hash = this.family.hashCode();
		for (int i = 0; i < this.count * 4; i++) {
			hash = 31 * hash + Long.hashCode(this.bounds[i]);
		}
		this.hash = hash;
		return hash;
	}

	/**
	 * The set elements: a plain address for a single address, {@code a/n} for an exact
	 * block, {@code first-last} otherwise.
	 * @return the elements in ascending order
	 */
	List<String> elements() {
		normalize();
		List<String> elements = new ArrayList<>(this.count);
		StringBuilder text = new StringBuilder(48);
		for (int i = 0; i < this.count; i++) {
			text.setLength(0);
			int o = i * 4;
			element(this.bounds[o], this.bounds[o + 1], this.bounds[o + 2], this.bounds[o + 3], text);
			elements.add(text.toString());
		}
		return elements;
	}

	private void element(long fh, long fl, long lh, long ll, StringBuilder out) {
		address(fh, fl, out);
		if (fh == lh && fl == ll) {
			return;
		}
		// an exact block: first and last differ in the low bits only, all of them
		long mh = fh ^ lh;
		long ml = fl ^ ll;
		boolean lowOnes = (mh == 0) ? (ml & (ml + 1)) == 0 : (ml == -1L && (mh & (mh + 1)) == 0);
		if (lowOnes && (fh & mh) == 0 && (fl & ml) == 0) {
			int hostBits = Long.bitCount(mh) + Long.bitCount(ml);
			out.append('/').append(((this.family == Family.V4) ? 32 : 128) - hostBits);
			return;
		}
		out.append('-');
		address(lh, ll, out);
	}

	private void address(long high, long low, StringBuilder out) {
		if (this.family == Family.V4) {
			out.append((low >>> 24) & 255)
				.append('.')
				.append((low >>> 16) & 255)
				.append('.')
				.append((low >>> 8) & 255)
				.append('.')
				.append(low & 255);
		}
		else {
			out.append(IpAddress.ofIpv6(high, low));
		}
	}

	private void append(long fh, long fl, long lh, long ll) {
		if ((this.count + 1) * 4 > this.bounds.length) {
			this.bounds = Arrays.copyOf(this.bounds, this.bounds.length * 2);
		}
		int o = this.count * 4;
		this.bounds[o] = fh;
		this.bounds[o + 1] = fl;
		this.bounds[o + 2] = lh;
		this.bounds[o + 3] = ll;
		this.count++;
	}

	private void normalize() {
		if (this.normalized) {
			return;
		}
		int[] order = order();
		long[] old = this.bounds;
		int oldCount = this.count;
		this.bounds = new long[Math.max(16, oldCount * 4)];
		this.count = 0;
		for (int k = 0; k < oldCount; k++) {
			int o = order[k] * 4;
			int last = (this.count - 1) * 4;
			if (this.count > 0 && compare(this.bounds[last + 2], this.bounds[last + 3], old[o], old[o + 1]) >= 0) {
				if (compare(old[o + 2], old[o + 3], this.bounds[last + 2], this.bounds[last + 3]) > 0) {
					this.bounds[last + 2] = old[o + 2];
					this.bounds[last + 3] = old[o + 3];
				}
			}
			else {
				append(old[o], old[o + 1], old[o + 2], old[o + 3]);
			}
		}
		this.normalized = true;
	}

	/** The ranges' indexes by ascending first address. */
	private int[] order() {
		int[] order = new int[this.count];
		if (this.family == Family.V4) {
			// the 32-bit start and a 31-bit index in one positive long: a primitive sort
			long[] keys = new long[this.count];
			for (int i = 0; i < this.count; i++) {
				keys[i] = (this.bounds[i * 4 + 1] << 31) | i;
			}
			Arrays.sort(keys);
			for (int i = 0; i < this.count; i++) {
				order[i] = (int) (keys[i] & Integer.MAX_VALUE);
			}
			return order;
		}
		Integer[] boxed = new Integer[this.count];
		for (int i = 0; i < this.count; i++) {
			boxed[i] = i;
		}
		long[] bounds = this.bounds;
		Arrays.sort(boxed, (a, b) -> compare(bounds[a * 4], bounds[a * 4 + 1], bounds[b * 4], bounds[b * 4 + 1]));
		for (int i = 0; i < this.count; i++) {
			order[i] = boxed[i];
		}
		return order;
	}

	private static int compare(long ah, long al, long bh, long bl) {
		int high = Long.compareUnsigned(ah, bh);
		return (high != 0) ? high : Long.compareUnsigned(al, bl);
	}

	/** The last address of the block starting at (high, low) with that many host bits. */
	private static long[] last(long high, long low, int hostBits) {
		if (hostBits >= 128) {
			return new long[] { -1L, -1L };
		}
		if (hostBits >= 64) {
			return new long[] { high | ((hostBits == 64) ? 0 : (-1L >>> (128 - hostBits))), -1L };
		}
		return new long[] { high, low | ((hostBits == 0) ? 0 : (-1L >>> (64 - hostBits))) };
	}

	private static long[] minusOne(long high, long low) {
		return new long[] { (low == 0) ? high - 1 : high, low - 1 };
	}

	private static long[] plusOne(long high, long low) {
		return new long[] { (low == -1L) ? high + 1 : high, low + 1 };
	}

	private static BigInteger number(long high, long low) {
		return BigInteger.valueOf(high).and(LOW_64).shiftLeft(64).or(BigInteger.valueOf(low).and(LOW_64));
	}

}
