package io.mseg.enforcer.flow;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.mseg.enforcer.console.ConsoleException;

/**
 * Sends the spooled batches to the console, oldest first. A batch leaves the spool when
 * the console stored it ({@code 204}), had stored it already ({@code 409}: a retry whose
 * first answer was lost), or refused it for good ({@code 400}, {@code 403}, {@code 413},
 * {@code 422}: its records count as dropped and the reason is logged). Otherwise (the
 * console unreachable, {@code 429}, {@code 5xx}) it stays, and sending waits: the
 * console's {@code Retry-After}, else a delay doubling from 1 s to 60 s.
 */
final class FlowShipper {

	private static final Logger log = Logger.getLogger(FlowShipper.class.getName());

	private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

	private static final Duration LONGEST_DELAY = Duration.ofSeconds(60);

	/** Batches sent per round at most, so that a long backlog does not hold the tick. */
	private static final int PER_ROUND = 20;

	private final FlowSpool spool;

	private final FlowLog.Sender sender;

	private final Supplier<Instant> clock;

	private Instant waitUntil = Instant.MIN;

	private Duration delay = FIRST_DELAY;

	private long delivered;

	FlowShipper(FlowSpool spool, FlowLog.Sender sender, Supplier<Instant> clock) {
		this.spool = spool;
		this.sender = sender;
		this.clock = clock;
	}

	/**
	 * Sends what waits, unless a failure asked to wait.
	 * @throws IOException when the spool cannot be read
	 */
	void ship() throws IOException {
		for (int i = 0; i < PER_ROUND && !this.clock.get().isBefore(this.waitUntil); i++) {
			FlowSpool.Batch batch = this.spool.oldest();
			if (batch == null || !send(batch)) {
				return;
			}
		}
	}

	private boolean send(FlowSpool.Batch batch) throws IOException {
		try {
			this.sender.send(batch.body());
			this.spool.remove(batch, false);
			this.delivered += batch.records();
			this.delay = FIRST_DELAY;
			return true;
		}
		catch (ConsoleException ex) {
			int status = ex.status();
			if (status == 409) {
				this.spool.remove(batch, false);
				return true;
			}
			if (status == 400 || status == 403 || status == 413 || status == 422) {
				this.spool.remove(batch, true);
				log.warning(() -> "Flow reports: the console refused a batch of " + batch.records()
						+ " records, dropped: " + ex.getMessage());
				return true;
			}
			Duration wait = (ex.retryAfter() != null) ? ex.retryAfter() : this.delay;
			this.waitUntil = this.clock.get().plus(wait);
			this.delay = this.delay.multipliedBy(2).compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY
					: this.delay.multipliedBy(2);
			log.fine(() -> "Flow reports: sending again in " + wait.toSeconds() + " s: " + ex.getMessage());
			return false;
		}
	}

	/**
	 * The records the console has stored.
	 * @return the number
	 */
	long delivered() {
		return this.delivered;
	}

}
