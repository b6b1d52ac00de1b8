package io.mseg.benchmarks.console;

import java.util.Arrays;

/**
 * Percentiles of a set of measurements (nearest rank on the sorted values).
 */
public final class Stats {

	private final long[] sorted;

	private Stats(long[] sorted) {
		this.sorted = sorted;
	}

	/**
	 * @param values the measurements (copied)
	 * @param count how many of them are valid (from index 0)
	 */
	public static Stats of(long[] values, int count) {
		long[] copy = Arrays.copyOf(values, count);
		Arrays.sort(copy);
		return new Stats(copy);
	}

	public static Stats of(long... values) {
		return of(values, values.length);
	}

	public int count() {
		return this.sorted.length;
	}

	/**
	 * The nearest-rank percentile: the smallest value with at least p% at or below it.
	 */
	public long percentile(double p) {
		if (this.sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * this.sorted.length);
		return this.sorted[Math.max(0, Math.min(this.sorted.length - 1, rank - 1))];
	}

	public long max() {
		return (this.sorted.length == 0) ? 0 : this.sorted[this.sorted.length - 1];
	}

	public long min() {
		return (this.sorted.length == 0) ? 0 : this.sorted[0];
	}

	public double mean() {
		return Arrays.stream(this.sorted).average().orElse(0);
	}

	/** p50/p90/p99/max in milliseconds, from nanoseconds. */
	public String millis() {
		return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", percentile(50) / 1e6,
				percentile(90) / 1e6, percentile(99) / 1e6, max() / 1e6, count());
	}

}
