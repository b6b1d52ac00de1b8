package io.mseg.console.flow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Flow report settings (prefix {@code mseg.flows}).
 *
 * @param retention how long flow records are kept ({@code MSEG_FLOWS_RETENTION}); whole
 * days are dropped once they are older, and a record older than this is refused
 * @param ingestRate records per second one enforcer may send on one replica, on average
 * (a token bucket: over it, 429 with Retry-After)
 * @param ingestBurst records one enforcer may send at once before the rate applies (the
 * bucket's size; at least 2,000, the largest batch)
 * @param partitionsAhead daily partitions created ahead of today
 * @param eventsBacklog events queued for one subscriber of the live tail before it is
 * dropped as too slow
 */
@ConfigurationProperties("mseg.flows")
public record FlowProperties(@DefaultValue("7d") Duration retention, @DefaultValue("5000") int ingestRate,
		@DefaultValue("50000") int ingestBurst, @DefaultValue("2") int partitionsAhead,
		@DefaultValue("1000") int eventsBacklog) {

	public FlowProperties {
		if (retention.compareTo(Duration.ofHours(1)) < 0) {
			throw new IllegalArgumentException("mseg.flows.retention must be at least 1h, not " + retention);
		}
		if (ingestRate < 1) {
			throw new IllegalArgumentException("mseg.flows.ingest-rate must be at least 1, not " + ingestRate);
		}
		if (ingestBurst < FlowBatch.MAX_RECORDS) {
			throw new IllegalArgumentException(
					"mseg.flows.ingest-burst must be at least " + FlowBatch.MAX_RECORDS + ", not " + ingestBurst);
		}
		if (partitionsAhead < 1 || eventsBacklog < 1) {
			throw new IllegalArgumentException("mseg.flows.partitions-ahead and events-backlog must be at least 1");
		}
	}

}
