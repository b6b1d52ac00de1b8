package io.mseg.enforcer.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.console.EnforcementStatus;
import io.mseg.enforcer.nftables.NftException;

/**
 * Session after session with the console until stopped, waiting between two as
 * {@link Reconnection} says. Whatever ends a session, the kernel keeps the last rules.
 */
final class SessionLoop {

	private static final Logger log = Logger.getLogger(SessionLoop.class.getName());

	private final Session session;

	private final Reconnection reconnection;

	private final PolicyFetcher fetcher;

	private final StatusReport status;

	private final TimeSource time;

	private volatile boolean stopped;

	SessionLoop(Session session, Reconnection reconnection, PolicyFetcher fetcher, StatusReport status,
			TimeSource time) {
		this.session = session;
		this.reconnection = reconnection;
		this.fetcher = fetcher;
		this.status = status;
		this.time = time;
	}

	/** Runs sessions until {@link #stop()}. */
	void run() {
		while (!this.stopped) {
			Duration wait;
			try {
				this.session.run();
				continue;
			}
			catch (ConsoleException | IOException ex) {
				if (this.stopped) {
					break;
				}
				wait = this.reconnection.ended(ex, this.fetcher.currentVersion());
			}
			catch (NftException ex) {
				log.severe("nft refused the ruleset, the kernel keeps the previous one: " + ex.getMessage());
				this.status.report(EnforcementStatus.FAILED);
				wait = this.reconnection.failed();
			}
			catch (InterruptedException ex) {
				if (!this.stopped) {
					Thread.currentThread().interrupt();
				}
				break;
			}
			catch (RuntimeException ex) {
				log.log(Level.SEVERE, "Unexpected failure in the console session; retrying", ex);
				wait = this.reconnection.failed();
			}
			finally {
				// Before the wait: a dead stream's connection is not held through the
				// backoff.
				this.session.close();
			}
			sleep(wait);
		}
	}

	/** Stops the loop, from another thread: the session at hand ends, a wait too. */
	void stop() {
		this.stopped = true;
		this.session.stop();
		this.time.wakeUp();
	}

	private void sleep(Duration duration) {
		try {
			this.time.await(duration, () -> this.stopped);
		}
		catch (InterruptedException ex) {
			this.stopped = true;
			Thread.currentThread().interrupt();
		}
	}

}
