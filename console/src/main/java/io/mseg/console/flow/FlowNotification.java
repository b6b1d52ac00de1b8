package io.mseg.console.flow;

import java.time.Instant;

/**
 * What a stored batch tells every replica ({@code NOTIFY mseg_flow_records}): the range
 * of its record IDs, and of their times (so that reading it back looks only at the
 * partitions it went to). The payload is {@code first,last,oldest,newest} with the times
 * in epoch microseconds.
 */
record FlowNotification(long firstId, long lastId, Instant oldest, Instant newest) {

	String payload() {
		return this.firstId + "," + this.lastId + "," + micros(this.oldest) + "," + micros(this.newest);
	}

	/** The notification of a payload, or {@code null} when it is not one. */
	static FlowNotification parse(String payload) {
		String[] parts = (payload != null) ? payload.split(",") : new String[0];
		if (parts.length != 4) {
			return null;
		}
		try {
			return new FlowNotification(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
					instant(Long.parseLong(parts[2])), instant(Long.parseLong(parts[3])));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static long micros(Instant time) {
		return time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
	}

	private static Instant instant(long micros) {
		return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
	}

}
