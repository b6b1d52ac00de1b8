package io.mseg.console.flow;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps flow records to {@code mseg.flows.retention}: creates the partitions ahead (at
 * start-up and every hour), drops the days that ended before the retention, forgets batch
 * IDs older than the retention and a day, and the hits of deleted policies.
 */
@Component
class FlowRetention {

	private static final Logger log = LoggerFactory.getLogger(FlowRetention.class);

	/** How much longer than the records batch IDs are kept. */
	static final Duration BATCH_MARGIN = Duration.ofDays(1);

	private final FlowPartitions partitions;

	private final PolicyHits hits;

	private final IngestRateLimiter limiter;

	private final JdbcClient jdbc;

	private final FlowProperties properties;

	private final Clock clock;

	FlowRetention(FlowPartitions partitions, PolicyHits hits, IngestRateLimiter limiter, JdbcClient jdbc,
			FlowProperties properties, Clock clock) {
		this.partitions = partitions;
		this.hits = hits;
		this.limiter = limiter;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		this.partitions.createAhead();
	}

	@Scheduled(fixedDelay = 60, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	void run() {
		this.partitions.createAhead();
		prune();
		this.limiter.forgetIdle();
	}

	/** Drops what the retention no longer keeps. */
	void prune() {
		Instant now = this.clock.instant();
		List<String> dropped = this.partitions.dropEndedBefore(now.minus(this.properties.retention()));
		if (!dropped.isEmpty()) {
			log.info("Dropped the flow record partitions {}: older than {}", dropped, this.properties.retention());
		}
		int batches = this.jdbc.sql("delete from flow_batches where received_time < ?")
			.param(Timestamp.from(now.minus(this.properties.retention()).minus(BATCH_MARGIN)))
			.update();
		int orphans = this.hits.forgetDeletedPolicies();
		if (batches > 0 || orphans > 0) {
			log.info("Forgot {} flow batch IDs and the hits of {} deleted policies", batches, orphans);
		}
	}

}
