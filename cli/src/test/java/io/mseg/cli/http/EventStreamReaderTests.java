package io.mseg.cli.http;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamReaderTests {

	private static List<ServerSentEvent> read(String stream) throws IOException {
		EventStreamReader reader = new EventStreamReader(new StringReader(stream));
		List<ServerSentEvent> events = new ArrayList<>();
		for (ServerSentEvent event = reader.next(); event != null; event = reader.next()) {
			events.add(event);
		}
		return events;
	}

	@Test
	void anEventIsItsFieldsUpToABlankLine() throws IOException {
		assertThat(read("event: flowreport\ndata: {\"ID\": \"1\"}\nid: 7\n\n"))
			.containsExactly(new ServerSentEvent("flowreport", "{\"ID\": \"1\"}", "7"));
	}

	@Test
	void dataLinesAreJoinedByNewlines() throws IOException {
		assertThat(read("data: {\ndata:  \"a\": 1\ndata:}\n\n")).extracting(ServerSentEvent::data)
			.containsExactly("{\n \"a\": 1\n}");
	}

	@Test
	void anEventWithoutANameIsAMessage() throws IOException {
		assertThat(read("data: x\n\n")).extracting(ServerSentEvent::name).containsExactly("message");
	}

	@Test
	void commentsEventsWithoutDataAndUnknownFieldsAreSkipped() throws IOException {
		assertThat(read(": keep-alive\n\nevent: ping\n\nretry: 1000\nfoo: bar\nevent: flowreport\ndata: 1\n\n"))
			.containsExactly(new ServerSentEvent("flowreport", "1", null));
	}

	@Test
	void theLastIdCarriesOverToLaterEvents() throws IOException {
		assertThat(read("id: 1\ndata: a\n\ndata: b\n\n")).extracting(ServerSentEvent::id).containsExactly("1", "1");
	}

	@Test
	void linesMayEndWithCrLfOrCr() throws IOException {
		assertThat(read("event: flowreport\r\ndata: a\r\n\r\nevent: flowreport\rdata: b\r\r"))
			.extracting(ServerSentEvent::data)
			.containsExactly("a", "b");
	}

	@Test
	void anEventCutOffByTheEndOfTheStreamIsDropped() throws IOException {
		assertThat(read("data: a\n\ndata: half")).extracting(ServerSentEvent::data).containsExactly("a");
	}

}
