package io.mseg.console.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server-sent event stream read by a test: events are queued as they arrive, comments
 * (heartbeats) are counted.
 */
public final class EventStream implements AutoCloseable {

	/** One event: its id, name and data. */
	public record Event(String id, String name, String data) {

	}

	private final HttpResponse<InputStream> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final AtomicInteger comments = new AtomicInteger();

	private volatile String retry;

	private volatile boolean ended;

	private final Thread reader;

	private EventStream(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = new Thread(this::read, "test-event-stream");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Opens the stream of {@code path} (with {@code Last-Event-ID} when not null). */
	public static EventStream open(ApiClient client, String path, String lastEventId) {
		Map<String, String> headers = (lastEventId != null)
				? Map.of("Accept", "text/event-stream", "Last-Event-ID", lastEventId)
				: Map.of("Accept", "text/event-stream");
		HttpResponse<InputStream> response = client.openStream(path, headers);
		assertThat(response.statusCode()).as("status of the event stream").isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		return new EventStream(response);
	}

	public int status() {
		return this.response.statusCode();
	}

	/** The next event, or {@code null} if none comes within {@code timeout}. */
	public Event next(Duration timeout) throws InterruptedException {
		return this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The last {@code retry:} hint the server sent, if any. */
	public String retry() {
		return this.retry;
	}

	/** Whether the server ended the stream. */
	public boolean ended() {
		return this.ended;
	}

	public int comments() {
		return this.comments.get();
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String name = null;
			StringBuilder data = new StringBuilder();
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (name != null || !data.isEmpty()) {
						this.events.add(new Event(id, (name != null) ? name : "message", data.toString()));
					}
					id = null;
					name = null;
					data.setLength(0);
				}
				else if (line.startsWith(":")) {
					this.comments.incrementAndGet();
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
				else if (line.startsWith("retry:")) {
					this.retry = line.substring(6).strip();
				}
			}
			this.ended = true;
		}
		catch (IOException ex) {
			// Closed by the test or the server.
			this.ended = true;
		}
	}

	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// Already closed.
		}
		this.reader.interrupt();
	}

}
