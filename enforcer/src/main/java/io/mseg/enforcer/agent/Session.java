package io.mseg.enforcer.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.console.EnforcementStatus;
import io.mseg.enforcer.console.EventStream;
import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.nftables.NftException;

/**
 * A session with the console, one at a time: declares its processing units
 * ({@link DeclaredUnits}), opens the event stream (resuming after the last event seen
 * with {@code Last-Event-ID}), fetches the policy, then follows the stream. The policy is
 * fetched again on every {@code policy} or {@code resync} event and every poll interval;
 * the certificate is renewed when due. The session ends, with an exception, when the
 * stream breaks or stays silent past the heartbeat timeout.
 */
final class Session {

	private static final Logger log = Logger.getLogger(Session.class.getName());

	private static final Duration SHORTEST_WAIT = Duration.ofMillis(1);

	private final Settings settings;

	private final ConsoleLink link;

	private final ConsoleAddresses console;

	private final CertificateRenewal renewal;

	private final PolicyFetcher fetcher;

	private final StatusReport status;

	private final Reconnection reconnection;

	private final DeclaredUnits units;

	private final TimeSource time;

	private String lastEventId;

	private volatile EventStream stream;

	private volatile boolean stopped;

	Session(Settings settings, ConsoleLink link, ConsoleAddresses console, CertificateRenewal renewal,
			PolicyFetcher fetcher, StatusReport status, Reconnection reconnection, DeclaredUnits units,
			TimeSource time) {
		this.settings = settings;
		this.link = link;
		this.console = console;
		this.renewal = renewal;
		this.fetcher = fetcher;
		this.status = status;
		this.reconnection = reconnection;
		this.units = units;
		this.time = time;
	}

	/**
	 * Opens a session and follows it until it ends; returns normally only once stopped.
	 * Call {@link #close()} after it, whichever way it ended.
	 * @throws ConsoleException when the console failed or refused
	 * @throws IOException when the stream broke or went silent, or the state directory
	 * failed
	 * @throws NftException when nft refused a new policy
	 * @throws InterruptedException when interrupted
	 */
	void run() throws ConsoleException, IOException, NftException, InterruptedException {
		this.console.refresh();
		this.link.connect();
		this.renewal.renewIfDue();
		String id = this.link.enforcerId();
		this.units.declare();
		this.stream = this.link.api().events(id, this.lastEventId);
		if (this.stopped) {
			return;
		}
		int failed = this.reconnection.failures();
		log.info(() -> "Connected to the console at " + this.settings.console() + " (event stream"
				+ ((this.lastEventId != null) ? " resumed after event " + this.lastEventId : "")
				+ ((failed > 0) ? ", after " + failed + " failed attempts" : "") + ")");
		this.reconnection.connected();
		this.fetcher.fetch("console");
		this.status.report(EnforcementStatus.ACTIVE);
		this.reconnection.established();
		this.units.established(true);
		follow();
	}

	/** Closes the event stream of the session that ended. */
	void close() {
		this.units.established(false);
		EventStream open = this.stream;
		if (open != null) {
			open.close();
			this.stream = null;
		}
	}

	/** Ends the session at hand (from another thread) and any later one at once. */
	void stop() {
		this.stopped = true;
		EventStream open = this.stream;
		if (open != null) {
			open.close();
		}
	}

	private void follow() throws ConsoleException, IOException, NftException, InterruptedException {
		long heartbeat = this.settings.heartbeatTimeout().toNanos();
		long poll = this.settings.pollInterval().toNanos();
		long lastActivity = this.time.nanoTime();
		long nextPoll = this.time.nanoTime() + poll;
		while (!this.stopped) {
			long now = this.time.nanoTime();
			long wait = Math.min(lastActivity + heartbeat - now, nextPoll - now);
			wait = Math.min(wait, Duration.between(this.time.now(), this.renewal.due()).toNanos());
			SseEvent event = this.stream.next(Duration.ofNanos(Math.max(wait, SHORTEST_WAIT.toNanos())));
			now = this.time.nanoTime();
			if (event != null) {
				lastActivity = now;
				if (!event.isComment()) {
					if (event.id() != null) {
						this.lastEventId = event.id();
					}
					if ("policy".equals(event.type()) || "resync".equals(event.type())) {
						log.fine(() -> "Event " + event.type() + " " + event.data());
						this.fetcher.fetch("console (" + event.type() + " event)");
						nextPoll = this.time.nanoTime() + poll;
					}
				}
			}
			else if (now - lastActivity >= heartbeat) {
				throw new IOException("no heartbeat for " + this.settings.heartbeatTimeout().toSeconds()
						+ " s: the event stream is dead");
			}
			if (this.units.pending()) {
				this.units.declare();
			}
			if (now - nextPoll >= 0) {
				this.fetcher.fetch("console (poll)");
				nextPoll = this.time.nanoTime() + poll;
			}
			this.renewal.renewIfDue();
		}
	}

}
