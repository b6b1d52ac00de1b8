package io.mseg.cli.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads the events of a {@code text/event-stream} as the HTML standard's parser does:
 * fields {@code event}, {@code data}, {@code id}; comments and other fields ignored; an
 * event dispatched at each blank line, and only if it has data.
 */
final class EventStreamReader {

	private final BufferedReader lines;

	private String lastId;

	EventStreamReader(Reader reader) {
		// readLine ends a line at CR, LF or CRLF, as the standard says.
		this.lines = (reader instanceof BufferedReader buffered) ? buffered : new BufferedReader(reader);
	}

	/**
	 * The next event, {@code null} at the end of the stream (an unfinished event is
	 * dropped).
	 */
	ServerSentEvent next() throws IOException {
		String name = null;
		StringBuilder data = null;
		for (String line = this.lines.readLine(); line != null; line = this.lines.readLine()) {
			if (line.isEmpty()) {
				if (data != null) {
					return new ServerSentEvent((name != null) ? name : "message", data.toString(), this.lastId);
				}
				name = null;
				continue;
			}
			if (line.startsWith(":")) {
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1);
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			switch (field) {
				case "event" -> name = value;
				case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				case "id" -> {
					if (!value.contains("\0")) {
						this.lastId = value;
					}
				}
				default -> {
					// retry and unknown fields: the caller has its own backoff
				}
			}
		}
		return null;
	}

}
