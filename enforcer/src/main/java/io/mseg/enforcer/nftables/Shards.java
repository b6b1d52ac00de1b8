package io.mseg.enforcer.nftables;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where large address sets are cut into shards, per family: {@link #MAX_SHARDS} - 1
 * boundary addresses (the quantiles of the large sets' elements), chosen from the data
 * when a family first has a set of more than {@link #SPLIT_ABOVE} elements and kept by
 * the enforcer between applies, so that a one-entry change rewrites only the one shard it
 * falls into (a new set of a few thousand elements: tens of milliseconds) instead of the
 * whole set. Every set above {@link #SPLIT_ABOVE} is cut at the same boundaries (a range
 * crossing one is split there), so that sets sharing most of their content share most of
 * their shards. The boundaries are chosen again when a shard grows past twice the largest
 * shard at the time they were chosen (and at least {@code 2 × SPLIT_ABOVE}); that
 * rewrites every large set once.
 */
public final class Shards {

	/** Sets with more elements than this are sharded. */
	public static final int SPLIT_ABOVE = 4096;

	/**
	 * A large set is cut into this many shards (fewer when some are empty), whatever its
	 * number of elements: the rule count does not depend on it.
	 */
	public static final int MAX_SHARDS = 16;

	/** No boundaries yet. */
	public static final Shards NONE = new Shards(Map.of());

	private final Map<Family, Cut> cuts;

	private Shards(Map<Family, Cut> cuts) {
		this.cuts = Map.copyOf(cuts);
	}

	/**
	 * The boundaries of one family.
	 * @param family the family
	 * @return the boundaries, ascending; empty when none were chosen
	 */
	public List<BigInteger> boundaries(Family family) {
		Cut cut = this.cuts.get(family);
		return (cut != null) ? cut.boundaries : List.of();
	}

	/**
	 * The boundaries to use for these sets: these ones when they still fit, else new
	 * ones.
	 * @param large the sets of more than {@link #SPLIT_ABOVE} elements, by family
	 * @return the boundaries to cut them at
	 */
	Shards fit(Map<Family, List<AddressRanges>> large) {
		Map<Family, Cut> next = new EnumMap<>(Family.class);
		next.putAll(this.cuts);
		large.forEach((family, sets) -> {
			Cut cut = this.cuts.get(family);
			if (sets.isEmpty()) {
				return;
			}
			if (cut == null || largestShard(sets, cut.boundaries) > cut.limit()) {
				next.put(family, choose(sets));
			}
		});
		return next.equals(this.cuts) ? this : new Shards(next);
	}

	private static Cut choose(Collection<AddressRanges> sets) {
		List<BigInteger> starts = new ArrayList<>();
		for (AddressRanges set : sets) {
			starts.addAll(set.starts());
		}
		starts.sort(null);
		int count = MAX_SHARDS;
		List<BigInteger> boundaries = new ArrayList<>();
		for (int i = 1; i < count; i++) {
			BigInteger boundary = starts.get((int) ((long) i * starts.size() / count));
			BigInteger previous = boundaries.isEmpty() ? starts.get(0) : boundaries.get(boundaries.size() - 1);
			if (boundary.compareTo(previous) > 0) {
				boundaries.add(boundary);
			}
		}
		return new Cut(List.copyOf(boundaries), largestShard(sets, boundaries));
	}

	private static int largestShard(Collection<AddressRanges> sets, List<BigInteger> boundaries) {
		int largest = 0;
		for (AddressRanges set : sets) {
			for (AddressRanges shard : set.split(boundaries)) {
				largest = Math.max(largest, shard.size());
			}
		}
		return largest;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof Shards shards) && shards.cuts.equals(this.cuts);
	}

	@Override
	public int hashCode() {
		return this.cuts.hashCode();
	}

	@Override
	public String toString() {
		return "Shards" + this.cuts;
	}

	/**
	 * The boundaries of one family and the largest shard they gave.
	 *
	 * @param boundaries ascending addresses as numbers
	 * @param largest the largest shard of any set when they were chosen
	 */
	private record Cut(List<BigInteger> boundaries, int largest) {

		Cut {
			Objects.requireNonNull(boundaries, "boundaries");
		}

		int limit() {
			return Math.max(2 * this.largest, 2 * SPLIT_ABOVE);
		}

	}

}
