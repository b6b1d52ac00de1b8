package io.mseg.enforcer.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;

import io.mseg.enforcer.console.Backoff;
import io.mseg.enforcer.console.ConsoleException;

/**
 * When the next session starts, and how loudly the end of the last one is logged. The
 * wait is the exponential backoff with jitter, or the console's {@code Retry-After} when
 * longer; it starts from the shortest again once a session is established. The first
 * failure of an outage, a different one and every tenth get a warning; the rest of an
 * outage is logged at FINE.
 */
final class Reconnection {

	/** The longest wait a console's {@code Retry-After} can ask for. */
	static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

	private static final Logger log = Logger.getLogger(Reconnection.class.getName());

	private final Backoff backoff;

	private String lastFailure;

	Reconnection(Backoff backoff) {
		this.backoff = backoff;
	}

	/**
	 * How many sessions failed in a row.
	 * @return the count since the last established session
	 */
	int failures() {
		return this.backoff.failures();
	}

	/** The event stream is open: the next failure is news. */
	void connected() {
		this.lastFailure = null;
	}

	/** The session is established (policy fetched, status reported): backoff reset. */
	void established() {
		this.backoff.reset();
	}

	/**
	 * A session ended on a console or state directory failure: logs it.
	 * @param failure why
	 * @param version the policy version the kernel keeps enforcing
	 * @return how long to wait before the next session
	 */
	Duration ended(Exception failure, String version) {
		Duration wait = this.backoff.next();
		if (failure instanceof ConsoleException console && console.retryAfter() != null
				&& console.retryAfter().compareTo(wait) > 0) {
			// Honoured up to a limit: an absurd one would leave the host without updates.
			wait = (console.retryAfter().compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : console.retryAfter();
		}
		String message = "Console session ended: " + failure.getMessage() + "; still enforcing policy version "
				+ version + "; reconnecting in " + wait.toMillis() + " ms";
		int failures = this.backoff.failures();
		if (failures == 1 || failures % 10 == 0 || !Objects.equals(failure.getMessage(), this.lastFailure)) {
			log.warning(message + ((failures > 1) ? " (attempt " + failures + ")" : ""));
		}
		else {
			log.fine(message);
		}
		this.lastFailure = failure.getMessage();
		return wait;
	}

	/**
	 * Any other failure (nft refused, a bug): logged by the caller.
	 * @return how long to wait before the next session
	 */
	Duration failed() {
		return this.backoff.next();
	}

}
