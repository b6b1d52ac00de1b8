package io.mseg.console.flow;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.mseg.console.identity.Caller;
import io.mseg.console.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Takes a batch of flow records from an enforcer: validates it, charges the enforcer's
 * rate limit, makes sure its days have partitions, stores it in one transaction and
 * counts it. Every refusal stores nothing.
 */
@Service
class FlowIngest {

	private final FlowStore store;

	private final FlowPartitions partitions;

	private final IngestRateLimiter limiter;

	private final FlowMetrics metrics;

	private final FlowProperties properties;

	private final Clock clock;

	FlowIngest(FlowStore store, FlowPartitions partitions, IngestRateLimiter limiter, FlowMetrics metrics,
			FlowProperties properties, Clock clock) {
		this.store = store;
		this.partitions = partitions;
		this.limiter = limiter;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	void ingest(Caller.Enforcer caller, FlowBatch batch) {
		int size = (batch.records() != null) ? batch.records().size() : 0;
		Instant now = this.clock.instant();
		FlowBatchValidator.Valid valid;
		try {
			valid = FlowBatchValidator.validate(batch, now, this.properties.retention());
		}
		catch (ApiException ex) {
			this.metrics.refused(size);
			throw ex;
		}
		long wait = this.limiter.take(caller.enforcerId(), size);
		if (wait > 0) {
			// Not counted as dropped: the enforcer keeps the batch and sends it again.
			throw ApiException.tooManyRequests("this enforcer sends more than mseg.flows.ingest-rate ("
					+ this.properties.ingestRate() + " records/s): send the batch again in " + wait + " s", wait);
		}
		this.partitions.ensure(valid.records().stream().map((flow) -> FlowPartitions.day(flow.time())).toList());
		try {
			this.store.store(UUID.fromString(caller.enforcerId()), valid, now);
		}
		catch (ApiException ex) {
			this.limiter.giveBack(caller.enforcerId(), size);
			if (ex.status() == HttpStatus.FORBIDDEN) {
				this.metrics.refused(size);
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			this.limiter.giveBack(caller.enforcerId(), size);
			throw ex;
		}
		this.metrics.stored(valid);
	}

}
