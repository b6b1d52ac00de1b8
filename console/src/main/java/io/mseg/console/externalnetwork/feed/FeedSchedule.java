package io.mseg.console.externalnetwork.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * When a source is fetched next: its interval after a success; after a failure a backoff
 * that doubles from one minute but never waits longer than the interval; spread by a
 * random share so that sources (and replicas restarted together) do not fetch in step.
 * The random value is a parameter, so that tests choose it.
 */
public final class FeedSchedule {

	static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);

	/** The share of a wait that the random spread may add or remove. */
	static final double JITTER = 0.1;

	private FeedSchedule() {
	}

	/**
	 * After a good fetch (applied, unchanged or 304): one interval, give or take 10%.
	 * @param random in [0, 1)
	 */
	public static Instant afterSuccess(Instant now, Duration interval, double random) {
		return now.plus(jittered(interval, random));
	}

	/**
	 * After the {@code failures}-th failure in a row: 1m, 2m, 4m ... at most the
	 * interval, give or take 10%.
	 * @param failures at least 1
	 * @param random in [0, 1)
	 */
	public static Instant afterFailure(Instant now, Duration interval, int failures, double random) {
		int doublings = Math.min(Math.max(failures, 1) - 1, 30);
		Duration backoff = FIRST_BACKOFF.multipliedBy(1L << doublings);
		return now.plus(jittered((backoff.compareTo(interval) < 0) ? backoff : interval, random));
	}

	private static Duration jittered(Duration wait, double random) {
		double factor = 1 + JITTER * (2 * random - 1);
		return Duration.ofMillis(Math.round(wait.toMillis() * factor));
	}

}
