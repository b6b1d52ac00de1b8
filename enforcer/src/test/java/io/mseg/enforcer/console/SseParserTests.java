package io.mseg.enforcer.console;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTests {

	@Test
	void readsTheConsolesEventsAndHeartbeats() {
		List<SseEvent> events = parse(":connected", "", "id: 12", "event: policy", "data: {\"version\":12}", "",
				": heartbeat", "", "id:13", "event:resync", "data:{\"version\":13}", "");
		assertThat(events).containsExactly(SseEvent.comment("connected"),
				new SseEvent("policy", "12", "{\"version\":12}"), SseEvent.comment("heartbeat"),
				new SseEvent("resync", "13", "{\"version\":13}"));
	}

	@Test
	void joinsDataLinesAndDefaultsTheType() {
		assertThat(parse("data: a", "data: b", "")).containsExactly(new SseEvent("message", null, "a\nb"));
	}

	@Test
	void anEventWithoutDataStillCounts() {
		assertThat(parse("event: resync", "")).containsExactly(new SseEvent("resync", null, ""));
	}

	@Test
	void theIdIsKeptForLaterEventsAndUnknownFieldsAreIgnored() {
		assertThat(parse("id: 7", "retry: 1000", "foo: bar", "event: policy", "data: x", "", "event: policy", "data: y",
				""))
			.containsExactly(new SseEvent("policy", "7", "x"), new SseEvent("policy", "7", "y"));
	}

	@Test
	void blankLinesAloneDispatchNothing() {
		assertThat(parse("", "", "")).isEmpty();
	}

	private static List<SseEvent> parse(String... lines) {
		SseParser parser = new SseParser();
		List<SseEvent> events = new ArrayList<>();
		for (String line : lines) {
			SseEvent event = parser.line(line);
			if (event != null) {
				events.add(event);
			}
		}
		return events;
	}

}
