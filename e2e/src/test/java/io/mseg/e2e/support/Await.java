package io.mseg.e2e.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded polling.
 */
public final class Await {

	private Await() {
	}

	/**
	 * Polls until the condition holds.
	 * @param what what is awaited, for the failure message
	 * @param timeout the longest wait
	 * @param condition the condition
	 * @return how long it took
	 */
	public static Duration until(String what, Duration timeout, BooleanSupplier condition) {
		return until(what, timeout, condition, () -> "");
	}

	public static Duration until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		while (true) {
			if (condition.getAsBoolean()) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError(what + " did not happen within " + timeout + "\n" + context.get());
			}
			ConsoleProcess.sleep(20);
		}
	}

}
