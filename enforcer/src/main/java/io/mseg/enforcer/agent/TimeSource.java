package io.mseg.enforcer.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The agent's one source of time, injected like felix's clock: wall time for certificates
 * and status reports, monotonic time for heartbeats, polls and durations, and waiting.
 * Nothing in the agent reads {@link System#nanoTime()} or sleeps by itself, so its tests
 * run on a fake time source that they move forward.
 */
public interface TimeSource {

	/**
	 * Wall time: certificate validity, status reports.
	 * @return now
	 */
	Instant now();

	/**
	 * Monotonic time, for differences only: a step of the wall clock moves no deadline.
	 * @return nanoseconds from an arbitrary origin
	 */
	long nanoTime();

	/**
	 * Waits until a condition holds or a timeout passes on this time source. The
	 * condition is checked again on every {@link #wakeUp()}.
	 * @param timeout the longest wait
	 * @param condition what ends the wait early
	 * @return whether the condition holds
	 * @throws InterruptedException when interrupted
	 */
	boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException;

	/** Something a waiter's condition depends on changed: waiters check it again. */
	void wakeUp();

	/**
	 * The system's clocks.
	 * @return the real time source
	 */
	static TimeSource system() {
		return new SystemTime();
	}

}
