package io.mseg.console.push;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the policy change log to {@code mseg.push.change-retention}: older changes are in
 * the tables already; an enforcer resuming from before them is told to resync.
 */
@Component
class ChangeLogRetention {

	private static final Logger log = LoggerFactory.getLogger(ChangeLogRetention.class);

	private final JdbcClient jdbc;

	private final PushProperties properties;

	private final Clock clock;

	ChangeLogRetention(JdbcClient jdbc, PushProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 15, initialDelay = 1, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
	void prune() {
		int pruned = this.jdbc.sql("delete from policy_changes where change_time < ?")
			.param(Timestamp.from(this.clock.instant().minus(this.properties.changeRetention())))
			.update();
		if (pruned > 0) {
			log.info("Pruned {} policy changes older than {}", pruned, this.properties.changeRetention());
		}
	}

}
