package io.mseg.benchmarks.fanout;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads server-sent events from a stream: fields {@code event}, {@code id} and
 * {@code data} up to an empty line, then one call of the listener; comment lines (from
 * {@code :}) are reported apart.
 */
public final class EventStreamReader {

	/** What the reader reports. */
	public interface Listener {

		void event(String name, String id, String data);

		default void comment(String text) {
		}

	}

	private EventStreamReader() {
	}

	/** Reads until the stream ends (or fails). */
	public static void read(InputStream in, Listener listener) throws IOException {
		String name = null;
		String id = null;
		StringBuilder data = null;
		for (String line = MtlsHttp.readLine(in); line != null; line = MtlsHttp.readLine(in)) {
			if (line.isEmpty()) {
				if (name != null || data != null) {
					listener.event((name != null) ? name : "message", id, (data != null) ? data.toString() : "");
				}
				name = null;
				id = null;
				data = null;
			}
			else if (line.startsWith(":")) {
				listener.comment(line.substring(1).strip());
			}
			else {
				int colon = line.indexOf(':');
				String field = (colon < 0) ? line : line.substring(0, colon);
				String value = (colon < 0) ? "" : line.substring(colon + 1);
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				switch (field) {
					case "event" -> name = value;
					case "id" -> id = value;
					case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
					default -> {
						// retry and unknown fields: not needed here
					}
				}
			}
		}
	}

}
