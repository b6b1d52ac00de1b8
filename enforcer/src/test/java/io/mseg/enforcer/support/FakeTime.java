package io.mseg.enforcer.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.mseg.enforcer.agent.TimeSource;

/**
 * A time source that only the test moves, like felix's fake clock: {@link #advance} moves
 * wall and monotonic time together and wakes the waits it ends. {@link #awaitIdle()}
 * returns once every thread waiting on it waits for something that has not happened yet:
 * the agent has done all it can do at this time, so the test can look at what it did and
 * move on.
 */
public final class FakeTime implements TimeSource {

	private Instant wall;

	private long nanos;

	private final List<Waiter> waiters = new ArrayList<>();

	public FakeTime(Instant start) {
		this.wall = start;
	}

	/** Time passes. */
	public synchronized void advance(Duration duration) {
		this.wall = this.wall.plus(duration);
		this.nanos += duration.toNanos();
		notifyAll();
	}

	/** The wall clock is set, monotonic time does not move (NTP, an operator). */
	public synchronized void stepWall(Duration step) {
		this.wall = this.wall.plus(step);
		notifyAll();
	}

	/**
	 * Waits until some thread waits on this time source and none of them can go on
	 * without a {@link #wakeUp()} or an {@link #advance}. Waiting threads are woken
	 * first, so whatever the test changed is seen.
	 * @throws InterruptedException when the test times out
	 */
	public synchronized void awaitIdle() throws InterruptedException {
		notifyAll();
		while (this.waiters.isEmpty() || this.waiters.stream().anyMatch((waiter) -> waiter.canGoOn(this.nanos))) {
			wait();
		}
	}

	/** Moves time forward and waits until the agent did what that brought. */
	public void advanceAndSettle(Duration duration) throws InterruptedException {
		advance(duration);
		awaitIdle();
	}

	@Override
	public synchronized Instant now() {
		return this.wall;
	}

	@Override
	public synchronized long nanoTime() {
		return this.nanos;
	}

	@Override
	public synchronized boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
		Waiter waiter = new Waiter(this.nanos + timeout.toNanos(), condition);
		this.waiters.add(waiter);
		notifyAll();
		try {
			while (!condition.getAsBoolean()) {
				if (this.nanos - waiter.deadline >= 0) {
					return false;
				}
				wait();
			}
			return true;
		}
		finally {
			this.waiters.remove(waiter);
			notifyAll();
		}
	}

	@Override
	public synchronized void wakeUp() {
		notifyAll();
	}

	private record Waiter(long deadline, BooleanSupplier condition) {

		boolean canGoOn(long now) {
			return now - this.deadline >= 0 || this.condition.getAsBoolean();
		}

	}

}
