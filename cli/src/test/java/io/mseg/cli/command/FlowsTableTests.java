package io.mseg.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mseg.cli.output.Documents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code msegctl flows} prints records: table, JSON and YAML, at once and followed.
 */
class FlowsTableTests {

	static final String ALLOWED = """
			{"ID": "1", "time": "2025-05-01T10:00:10.123Z", "count": 3, "processingUnitID": "pu-1",
			 "namespace": "/acme/prod", "direction": "Incoming", "protocol": "tcp", "sourceAddress": "203.0.113.7",
			 "destinationAddress": "10.1.0.5", "destinationPort": 443, "action": "Allow", "observed": false,
			 "reason": "Policy", "policyID": "pol-1", "explain": "/flowreports/1/explain"}""";

	static final String REJECTED = """
			{"ID": "2", "time": "2025-05-01T10:00:20Z", "count": 1, "processingUnitID": "pu-2",
			 "namespace": "/acme/prod", "direction": "Outgoing", "protocol": "udp", "sourceAddress": "10.1.0.6",
			 "destinationAddress": "2001:db8::53", "destinationPort": 53, "action": "Reject", "observed": true,
			 "reason": "DefaultReject", "domain": "dns.example.com", "explain": "/flowreports/2/explain"}""";

	private static JsonNode record(String json) {
		return Documents.JSON.readTree(json);
	}

	@Test
	void aRowShowsTheFlowLikeHubble() {
		String text = FlowTable.of(Map.of("pu-1", "web-1")).render(List.of(record(ALLOWED), record(REJECTED)));
		assertThat(text.lines()).containsExactly(
				"TIME                   PU      DIRECTION   SOURCE        DESTINATION                           PROTO   ACTION              REASON          POLICY   COUNT",
				"2025-05-01T10:00:10Z   web-1   Incoming    203.0.113.7   10.1.0.5:443                          tcp     Allow               Policy          pol-1    3",
				"2025-05-01T10:00:20Z   pu-2    Outgoing    10.1.0.6      [2001:db8::53]:53 (dns.example.com)   udp     Reject (observed)   DefaultReject   -        1");
	}

	@Test
	void theDestinationHasItsPortAndDomainWhenTheRecordHasThem() {
		assertThat(FlowTable.destination(record("{\"destinationAddress\": \"10.0.0.1\"}"))).isEqualTo("10.0.0.1");
		assertThat(FlowTable.destination(record("{\"destinationAddress\": \"10.0.0.1\", \"destinationPort\": 0}")))
			.isEqualTo("10.0.0.1:0");
		assertThat(FlowTable.destination(record("{\"destinationAddress\": \"10.0.0.1\", \"domain\": \"a.example\"}")))
			.isEqualTo("10.0.0.1 (a.example)");
	}

	@Test
	void onlyObservedRecordsAreMarked() {
		assertThat(FlowTable.action(record("{\"action\": \"Reject\", \"observed\": true}")))
			.isEqualTo("Reject (observed)");
		assertThat(FlowTable.action(record("{\"action\": \"Reject\"}"))).isEqualTo("Reject");
	}

	@Test
	void followedRowsContinueTheTableWithoutAnotherHeader() {
		FlowPrinter printer = FlowPrinter.of(ListFormat.TABLE, true, Map.of());
		String first = printer.all(List.of(record(ALLOWED)));
		String next = printer.next(record(ALLOWED));
		assertThat(first.lines()).hasSize(2);
		assertThat(next.lines()).hasSize(1).first().isEqualTo(first.lines().toList().get(1));
	}

	@Test
	void followingWithoutRecentRecordsPrintsTheHeaderFirst() {
		FlowPrinter printer = FlowPrinter.of(ListFormat.TABLE, true, Map.of());
		assertThat(printer.all(List.of()).lines()).singleElement().asString().startsWith("TIME");
		assertThat(printer.next(record(ALLOWED)).lines()).hasSize(1).first().asString().startsWith("2025-05-01");
	}

	@Test
	void rowsFollowedAfterAnEmptyListAlignUnderTheHeader() {
		FlowPrinter printer = FlowPrinter.of(ListFormat.TABLE, true, Map.of("pu-1", "web-1"));
		String header = printer.all(List.of());
		String allowed = printer.next(record(ALLOWED));
		String rejected = printer.next(record(ipv4Rejected()));
		for (String row : List.of(allowed, rejected)) {
			assertThat(columnStarts(row)).as(header + row).isEqualTo(columnStarts(header));
		}
	}

	@Test
	void followedRowsAlignUnderRecentOnesOfNarrowerValues() {
		FlowPrinter printer = FlowPrinter.of(ListFormat.TABLE, true, Map.of("pu-1", "web-1"));
		String recent = printer.all(List.of(record(ALLOWED.replace("\"pol-1\"", "\"p\""))));
		String next = printer.next(record(ipv4Rejected().replace("\"pu-2\"", "\"pu-1\"")
			.replace("\"DefaultReject\", ", "\"Policy\", \"policyID\": \"9b2f3c4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e\", ")));
		assertThat(columnStarts(next)).as(recent + next).isEqualTo(columnStarts(recent.lines().toList().get(0)));
	}

	/**
	 * {@link #REJECTED} to an IPv4 address and without its domain: as wide as a followed
	 * table plans for.
	 */
	private static String ipv4Rejected() {
		return REJECTED.replace("2001:db8::53", "10.1.0.53").replace("\"domain\": \"dns.example.com\", ", "");
	}

	/** Where each cell of a line starts (cells are apart by 3 spaces or more). */
	private static List<Integer> columnStarts(String line) {
		List<Integer> starts = new ArrayList<>();
		Matcher cell = Pattern.compile("(?:^|\\s{3,})(\\S)").matcher(line.strip());
		while (cell.find()) {
			starts.add(cell.start(1));
		}
		return starts;
	}

	@Test
	void jsonIsOneArrayOrWhenFollowingOneRecordPerLine() {
		List<JsonNode> records = List.of(record(ALLOWED), record(REJECTED));
		JsonNode array = Documents.JSON.readTree(FlowPrinter.of(ListFormat.JSON, false, Map.of()).all(records));
		assertThat(array.isArray()).isTrue();
		assertThat(array.get(1)).isEqualTo(record(REJECTED));
		FlowPrinter lines = FlowPrinter.of(ListFormat.JSON, true, Map.of());
		String text = lines.all(records) + lines.next(record(ALLOWED));
		assertThat(text.lines()).hasSize(3)
			.allSatisfy((line) -> assertThat(Documents.JSON.readTree(line).path("ID").isString()).isTrue());
		assertThat(Documents.JSON.readTree(text.lines().toList().get(1))).isEqualTo(record(REJECTED));
	}

	@Test
	void yamlIsOneListOrWhenFollowingOneDocumentPerRecord() {
		List<JsonNode> records = List.of(record(ALLOWED), record(REJECTED));
		assertThat(Documents.YAML.readTree(FlowPrinter.of(ListFormat.YAML, false, Map.of()).all(records)))
			.isEqualTo(Documents.JSON.valueToTree(records));
		FlowPrinter documents = FlowPrinter.of(ListFormat.YAML, true, Map.of());
		String text = documents.all(records) + documents.next(record(ALLOWED));
		assertThat(text).startsWith("---\nID: \"1\"\n");
		List<JsonNode> read = Documents.YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
		assertThat(read).containsExactly(record(ALLOWED), record(REJECTED), record(ALLOWED));
	}

}
