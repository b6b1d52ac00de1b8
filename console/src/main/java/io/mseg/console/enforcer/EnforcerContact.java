package io.mseg.console.enforcer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mseg.console.push.EnforcerStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An open event stream counts as contact: each replica records it for the enforcers whose
 * streams it holds, when a stream opens and then often enough that an open stream never
 * looks like silence (a third of {@code mseg.enforcers.disconnected-after}, at most a
 * minute). The row is what every replica reads for {@code operationalStatus}.
 */
@Component
class EnforcerContact implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EnforcerContact.class);

	private final EnforcerStreams streams;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration interval;

	private ScheduledExecutorService timer;

	EnforcerContact(EnforcerStreams streams, EnforcerProperties properties, JdbcClient jdbc, Clock clock) {
		this.streams = streams;
		this.jdbc = jdbc;
		this.clock = clock;
		Duration third = properties.disconnectedAfter().dividedBy(3);
		this.interval = (third.compareTo(Duration.ofMinutes(1)) < 0) ? third : Duration.ofMinutes(1);
	}

	/** Records contact with these enforcers now. */
	void record(Collection<String> enforcerIds) {
		if (!enforcerIds.isEmpty()) {
			this.jdbc.sql("update enforcers set last_contact_time = ? where id = any(?::uuid[])")
				.params(Timestamp.from(this.clock.instant()), enforcerIds.toArray(String[]::new))
				.update();
		}
	}

	@Override
	public void start() {
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "enforcer-contact");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(100, this.interval.toMillis());
		this.timer.scheduleAtFixedRate(() -> {
			try {
				record(this.streams.connectedEnforcerIds());
			}
			catch (RuntimeException ex) {
				log.warn("Recording the contact of connected enforcers failed", ex);
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.timer.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.timer != null && !this.timer.isShutdown();
	}

}
