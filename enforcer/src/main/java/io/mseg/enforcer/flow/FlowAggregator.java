package io.mseg.enforcer.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts connections per interval and key: one record per interval, source, destination,
 * port, protocol, action and policy, whatever the number of connections. Holds at most
 * {@code maxKeys} keys; the connections of a new key beyond that are counted as lost
 * ({@link #takeLost()}). Thread-safe.
 */
final class FlowAggregator {

	private final Duration interval;

	private final int maxKeys;

	private final TreeMap<Instant, Map<FlowKey, long[]>> intervals = new TreeMap<>();

	private int keys;

	private long lost;

	/**
	 * @param interval the length of an interval (records start at its multiples of the
	 * epoch)
	 * @param maxKeys the most keys held at once
	 */
	FlowAggregator(Duration interval, int maxKeys) {
		this.interval = interval;
		this.maxKeys = maxKeys;
	}

	/**
	 * Counts one connection.
	 * @param time when its first packet was logged
	 * @param key its flow
	 */
	synchronized void add(Instant time, FlowKey key) {
		long millis = this.interval.toMillis();
		Instant start = Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), millis) * millis);
		Map<FlowKey, long[]> counts = this.intervals.computeIfAbsent(start, (s) -> new HashMap<>());
		long[] count = counts.get(key);
		if (count == null) {
			if (this.keys >= this.maxKeys) {
				this.lost++;
				return;
			}
			count = new long[1];
			counts.put(key, count);
			this.keys++;
		}
		count[0]++;
	}

	/**
	 * The records of the intervals that ended before a time, removed from the aggregator.
	 * @param before intervals ending at or before it are closed (the caller leaves time
	 * for the kernel's last packets)
	 * @return the records, oldest interval first
	 */
	synchronized List<FlowRecord> close(Instant before) {
		List<FlowRecord> records = new ArrayList<>();
		Iterator<Map.Entry<Instant, Map<FlowKey, long[]>>> entries = this.intervals.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<Instant, Map<FlowKey, long[]>> entry = entries.next();
			if (entry.getKey().plus(this.interval).isAfter(before)) {
				break;
			}
			String time = entry.getKey().toString();
			entry.getValue().forEach((key, count) -> records.add(FlowRecord.of(time, count[0], key)));
			this.keys -= entry.getValue().size();
			entries.remove();
		}
		return records;
	}

	/**
	 * The connections not counted since the last call (no room for their key).
	 * @return the number
	 */
	synchronized long takeLost() {
		long taken = this.lost;
		this.lost = 0;
		return taken;
	}

}
