package io.mseg.enforcer.console;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter ("decorrelated" enough for a fleet): the n-th
 * consecutive failure waits a random time between half and all of
 * {@code min(cap, initial × 2^(n-1))}, so that thousands of enforcers that lost the
 * console together do not come back in lock step.
 */
public final class Backoff {

	private final Duration initial;

	private final Duration cap;

	private final DoubleSupplier random;

	private int failures;

	/**
	 * A backoff.
	 * @param initial the ceiling of the first wait
	 * @param cap the largest ceiling
	 * @param random random numbers in [0, 1)
	 */
	public Backoff(Duration initial, Duration cap, DoubleSupplier random) {
		if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
			throw new IllegalArgumentException("backoff needs 0 < initial <= cap");
		}
		this.initial = initial;
		this.cap = cap;
		this.random = random;
	}

	/**
	 * Records a failure.
	 * @return how long to wait before the next attempt
	 */
	public Duration next() {
		this.failures++;
		long ceiling = ceiling(this.failures).toMillis();
		long half = ceiling / 2;
		return Duration.ofMillis(half + (long) (this.random.getAsDouble() * (ceiling - half)));
	}

	/** Success: the next failure starts from the initial wait again. */
	public void reset() {
		this.failures = 0;
	}

	public int failures() {
		return this.failures;
	}

	private Duration ceiling(int attempt) {
		Duration ceiling = this.initial;
		for (int i = 1; i < attempt && ceiling.compareTo(this.cap) < 0; i++) {
			ceiling = ceiling.multipliedBy(2);
		}
		return (ceiling.compareTo(this.cap) > 0) ? this.cap : ceiling;
	}

}
