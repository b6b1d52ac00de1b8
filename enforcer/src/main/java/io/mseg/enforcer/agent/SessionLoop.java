package io.mseg.enforcer.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

	private final CountDownLatch stopped = new CountDownLatch(1);

	SessionLoop(Session session, Reconnection reconnection, PolicyFetcher fetcher, StatusReport status) {
		this.session = session;
		this.reconnection = reconnection;
		this.fetcher = fetcher;
		this.status = status;
	}

	/** Runs sessions until {@link #stop()}. */
	void run() {
		while (!isStopped()) {
			try {
				this.session.run();
			}
			catch (ConsoleException | IOException ex) {
				if (isStopped()) {
					break;
				}
				sleep(this.reconnection.ended(ex, this.fetcher.currentVersion()));
			}
			catch (NftException ex) {
				log.severe("nft refused the ruleset, the kernel keeps the previous one: " + ex.getMessage());
				this.status.report(EnforcementStatus.FAILED);
				sleep(this.reconnection.failed());
			}
			catch (InterruptedException ex) {
				if (!isStopped()) {
					Thread.currentThread().interrupt();
				}
				break;
			}
			catch (RuntimeException ex) {
				log.log(Level.SEVERE, "Unexpected failure in the console session; retrying", ex);
				sleep(this.reconnection.failed());
			}
			finally {
				this.session.close();
			}
		}
	}

	/** Stops the loop, from another thread: the session at hand ends, a wait too. */
	void stop() {
		this.stopped.countDown();
		this.session.stop();
	}

	private boolean isStopped() {
		return this.stopped.getCount() == 0;
	}

	private void sleep(Duration duration) {
		try {
			this.stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			this.stopped.countDown();
			Thread.currentThread().interrupt();
		}
	}

}
