package io.mseg.console.flow;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * One token bucket per enforcer, in records: {@code mseg.flows.ingest-rate} tokens a
 * second up to {@code mseg.flows.ingest-burst}. A batch takes as many tokens as it has
 * records, or nothing when there are not enough: one enforcer flooding records is slowed
 * down, every other enforcer keeps its own bucket. Per replica (the buckets are in
 * memory): behind N replicas an enforcer may send up to N times the rate.
 */
@Component
class IngestRateLimiter {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final FlowProperties properties;

	private final Clock clock;

	IngestRateLimiter(FlowProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Takes {@code records} tokens of the enforcer's bucket.
	 * @return 0 when taken, else the whole seconds to wait before the batch would fit
	 */
	long take(String enforcerId, int records) {
		long nowMicros = micros();
		Bucket bucket = this.buckets.computeIfAbsent(enforcerId,
				(id) -> new Bucket(this.properties.ingestBurst(), nowMicros));
		synchronized (bucket) {
			double rate = this.properties.ingestRate();
			double burst = this.properties.ingestBurst();
			bucket.tokens = Math.min(burst, bucket.tokens + (nowMicros - bucket.refilled) * rate / 1_000_000d);
			bucket.refilled = nowMicros;
			if (bucket.tokens >= records) {
				bucket.tokens -= records;
				return 0;
			}
			return Math.max(1, (long) Math.ceil((records - bucket.tokens) / rate));
		}
	}

	/** Gives back the tokens of a batch that was then refused, so it may come again. */
	void giveBack(String enforcerId, int records) {
		Bucket bucket = this.buckets.get(enforcerId);
		if (bucket != null) {
			synchronized (bucket) {
				bucket.tokens = Math.min(this.properties.ingestBurst(), bucket.tokens + records);
			}
		}
	}

	/** Forgets the buckets that are full again: they are as good as new. */
	void forgetIdle() {
		long nowMicros = micros();
		double seconds = (double) this.properties.ingestBurst() / this.properties.ingestRate();
		this.buckets.values().removeIf((bucket) -> (nowMicros - bucket.refilled) / 1_000_000d > seconds);
	}

	private long micros() {
		java.time.Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
	}

	private static final class Bucket {

		double tokens;

		long refilled;

		Bucket(double tokens, long refilled) {
			this.tokens = tokens;
			this.refilled = refilled;
		}

	}

}
