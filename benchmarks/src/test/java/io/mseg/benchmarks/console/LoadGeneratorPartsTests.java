package io.mseg.benchmarks.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mseg.benchmarks.fanout.EventStreamReader;
import io.mseg.benchmarks.fanout.MtlsHttpAccess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of the load generators that need no console. */
class LoadGeneratorPartsTests {

	@Test
	void percentilesAreNearestRank() {
		long[] values = new long[100];
		for (int i = 0; i < 100; i++) {
			values[i] = 100 - i;
		}
		Stats stats = Stats.of(values);
		assertThat(stats.percentile(50)).isEqualTo(50);
		assertThat(stats.percentile(99)).isEqualTo(99);
		assertThat(stats.max()).isEqualTo(100);
		assertThat(Stats.of(new long[0]).percentile(99)).isZero();
	}

	@Test
	void optionsSwitchToTheFullSizes() {
		assertThat(Options.parse().integer("enforcers", 200, 10_000)).isEqualTo(200);
		assertThat(Options.parse("--full").integer("enforcers", 200, 10_000)).isEqualTo(10_000);
		assertThat(Options.parse("--full", "--enforcers=5").integer("enforcers", 200, 10_000)).isEqualTo(5);
		assertThat(Options.parse("--duration=2m").duration("duration", "10s", "60s")).isEqualTo(Duration.ofMinutes(2));
		assertThat(Options.parse("--console-arg=--a=1", "--console-arg=--b=2").all("console-arg"))
			.containsExactly("--a=1", "--b=2");
	}

	@Test
	void aChunkedEventStreamIsReadEventByEvent() throws IOException {
		String chunks = chunk(": connected\n\n") + chunk("id: 7\nevent: policy\ndata: {\"version\":7}\n\n")
				+ chunk(": heartbeat\n\nid: 8\nevent: pol") + chunk("icy\ndata: {\"version\":8}\n\n") + "0\r\n\r\n";
		String answer = "HTTP/1.1 200 \r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ chunks;
		List<String> seen = new ArrayList<>();
		var head = MtlsHttpAccess.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
		assertThat(head.status()).isEqualTo(200);
		EventStreamReader.read(head.body(), new EventStreamReader.Listener() {

			@Override
			public void event(String name, String id, String data) {
				seen.add(name + " " + id + " " + data);
			}

			@Override
			public void comment(String text) {
				seen.add(": " + text);
			}

		});
		assertThat(seen).containsExactly(": connected", "policy 7 {\"version\":7}", ": heartbeat",
				"policy 8 {\"version\":8}");
	}

	@Test
	void anEventIsHandedOverBeforeTheLineEndThatClosesItsChunk() throws IOException {
		// Jetty sends the line end closing a chunk with the next chunk: the reader must
		// not
		// wait for it, or an event would wait for the next heartbeat.
		String event = "id: 7\nevent: policy\ndata: {\"version\":7}\n\n";
		String answer = "HTTP/1.1 200 \r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ Integer.toHexString(event.length()) + "\r\n" + event;
		InputStream nothingMore = new SequenceInputStream(
				new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), new InputStream() {

					@Override
					public int read() {
						throw new IllegalStateException("read past the event");
					}

				});
		List<String> seen = new ArrayList<>();
		var head = MtlsHttpAccess.read(nothingMore);
		assertThatThrownBy(() -> EventStreamReader.read(head.body(), new EventStreamReader.Listener() {

			@Override
			public void event(String name, String id, String data) {
				seen.add(name + " " + id + " " + data);
			}

			@Override
			public void comment(String text) {
			}

		})).hasMessage("read past the event");
		assertThat(seen).containsExactly("policy 7 {\"version\":7}");
	}

	private static String chunk(String text) {
		return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
	}

}
