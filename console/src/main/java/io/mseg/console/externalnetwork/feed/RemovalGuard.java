package io.mseg.console.externalnetwork.feed;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mass-removal guard: a fetched list that would remove more than a share of the
 * current entries at once is held, not applied (a truncated download must not open or
 * close half the internet), until an admin accepts it or the same list is fetched again
 * after the next interval.
 */
public final class RemovalGuard {

	private final double maxShare;

	/**
	 * A guard.
	 * @param maxShare the largest share of the current entries one fetch may remove, in
	 * (0, 1]; 1 turns the guard off
	 */
	public RemovalGuard(double maxShare) {
		if (!(maxShare > 0 && maxShare <= 1)) {
			throw new IllegalArgumentException(
					"the share of entries a feed may remove at once must be in (0, 1], not " + maxShare);
		}
		this.maxShare = maxShare;
	}

	/**
	 * A list held back.
	 *
	 * @param removed how many of the current entries it would remove
	 * @param reason the reason, as {@code sourceStatus.error} shows it
	 */
	public record Held(int removed, String reason) {

	}

	/**
	 * Whether a fetched list is held.
	 * @param current the entries now (canonical)
	 * @param fetched the entries the feed now has (canonical)
	 * @return why it is held; empty when the list may be applied
	 */
	public Optional<Held> check(List<String> current, List<String> fetched) {
		if (current.isEmpty()) {
			return Optional.empty();
		}
		Set<String> kept = new HashSet<>(fetched);
		int removed = (int) current.stream().filter((entry) -> !kept.contains(entry)).count();
		if (removed <= this.maxShare * current.size()) {
			return Optional.empty();
		}
		return Optional.of(new Held(removed,
				"held: the feed would remove " + removed + " of " + current.size() + " entries ("
						+ Math.round(100.0 * removed / current.size()) + "%), more than the "
						+ Math.round(100 * this.maxShare)
						+ "% allowed at once; applied when an admin accepts it or the same list is fetched again"));
	}

}
