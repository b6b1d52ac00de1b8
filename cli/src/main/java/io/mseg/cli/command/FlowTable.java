package io.mseg.cli.command;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import io.mseg.cli.http.ApiRefusedException;
import io.mseg.cli.http.ConsoleClient;
import io.mseg.cli.output.Documents;
import io.mseg.cli.output.Table;
import io.mseg.cli.output.Table.Column;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The columns of {@code msegctl flows}, in the spirit of {@code hubble observe}. */
final class FlowTable {

	/** As long as the IDs of the console's objects (UUIDs). */
	private static final String EXAMPLE_ID = "00000000-0000-0000-0000-000000000000";

	private FlowTable() {
	}

	/**
	 * The table of flow records.
	 * @param unitNames the names of the processing units by ID; a unit not in it shows
	 * its ID
	 */
	static Table<JsonNode> of(Map<String, String> unitNames) {
		return Table.of(new Column<>("time", (record) -> Kind.shortTime(record.path("time").asString(null))),
				new Column<>("pu", (record) -> unit(record, unitNames)), text("direction"),
				text("sourceAddress", "source"), new Column<>("destination", FlowTable::destination),
				text("protocol", "proto"), new Column<>("action", FlowTable::action), text("reason"),
				text("policyID", "policy"), text("count"));
	}

	/**
	 * A record as wide as the followed records are expected to be, to size the columns
	 * before they arrive: the longest unit name known (an ID when none is), IPv4
	 * addresses with a port, an observed reject, a policy ID and a six-digit count. A
	 * wider record (IPv6, a domain) pushes the cells after it right.
	 */
	static JsonNode widestExpected(Map<String, String> unitNames) {
		String unit = unitNames.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue(Comparator.comparingInt(String::length)))
			.map(Map.Entry::getKey)
			.orElse(EXAMPLE_ID);
		ObjectNode record = Documents.JSON.createObjectNode();
		record.put("time", "2025-05-01T10:00:00Z");
		record.put("processingUnitID", unit);
		record.put("direction", "Outgoing");
		record.put("protocol", "icmp6");
		record.put("sourceAddress", "255.255.255.255");
		record.put("destinationAddress", "255.255.255.255");
		record.put("destinationPort", 65535);
		record.put("action", "Reject");
		record.put("observed", true);
		record.put("reason", "DefaultReject");
		record.put("policyID", EXAMPLE_ID);
		record.put("count", 999999);
		return record;
	}

	/**
	 * The names of the processing units of the namespace and below, by ID: one request
	 * per run, not one per record. Without them (a token that may not list units), IDs
	 * show.
	 */
	static Map<String, String> unitNames(ConsoleClient client) {
		Map<String, String> names = new HashMap<>();
		try {
			for (JsonNode unit : Lookup.list(client, Kind.PROCESSINGUNITS, true, false)) {
				String id = unit.path("ID").asString(null);
				String name = unit.path("name").asString(null);
				if (id != null && name != null && !name.isBlank()) {
					names.put(id, name);
				}
			}
		}
		catch (ApiRefusedException ex) {
			// The flows are still worth showing, with the units' IDs.
		}
		return names;
	}

	private static String unit(JsonNode record, Map<String, String> unitNames) {
		String id = record.path("processingUnitID").asString(null);
		return (id != null) ? unitNames.getOrDefault(id, id) : null;
	}

	/**
	 * {@code 10.0.0.2:443}, {@code [2001:db8::1]:443}, then {@code (api.example.com)}.
	 */
	static String destination(JsonNode record) {
		String address = record.path("destinationAddress").asString("");
		StringBuilder text = new StringBuilder();
		JsonNode port = record.path("destinationPort");
		if (port.isNumber() || port.isString()) {
			text.append(address.contains(":") ? "[" + address + "]" : address).append(':').append(port.asString());
		}
		else {
			text.append(address);
		}
		String domain = record.path("domain").asString("");
		if (!domain.isEmpty()) {
			text.append(text.isEmpty() ? "" : " ").append('(').append(domain).append(')');
		}
		return text.toString();
	}

	/**
	 * {@code Reject}, or {@code Reject (observed)} for what a policy in observation would
	 * have done.
	 */
	static String action(JsonNode record) {
		String action = record.path("action").asString(null);
		if (action == null) {
			return null;
		}
		return record.path("observed").asBoolean(false) ? action + " (observed)" : action;
	}

	private static Column<JsonNode> text(String field) {
		return text(field, field);
	}

	private static Column<JsonNode> text(String field, String header) {
		return new Column<>(header, (record) -> {
			JsonNode value = record.path(field);
			return (value.isMissingNode() || value.isNull()) ? null : value.asString();
		});
	}

}
