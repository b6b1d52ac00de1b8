package io.mseg.enforcer.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@link TimeSource} on the system's clocks.
 */
final class SystemTime implements TimeSource {

	private static final Duration LONGEST = Duration.ofDays(365L * 100);

	@Override
	public Instant now() {
		return Instant.now();
	}

	@Override
	public long nanoTime() {
		return System.nanoTime();
	}

	@Override
	public synchronized boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + nanos(timeout);
		while (!condition.getAsBoolean()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		return true;
	}

	@Override
	public synchronized void wakeUp() {
		notifyAll();
	}

	/** Saturated: a wait of centuries is a wait of centuries, not an overflow. */
	private static long nanos(Duration timeout) {
		return (timeout.compareTo(LONGEST) > 0) ? LONGEST.toNanos() : timeout.toNanos();
	}

}
