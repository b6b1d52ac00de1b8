package io.mseg.enforcer.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.policy.render.wire.SectionNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole rendered policy cut into an index and sections the way the console serves it
 * (the wire format; the console cuts rules at other boundaries, which the enforcer never
 * depends on): here every {@code chunkSize} rules.
 *
 * @param index the index's JSON
 * @param sections each section's JSON by name
 */
public record Sectioned(String index, Map<String, String> sections) {

	public static Sectioned of(String documentJson, int chunkSize) {
		JsonNode document = PolicyDocuments.json().readTree(documentJson);
		Map<String, String> sections = new LinkedHashMap<>();
		TreeSet<String> networks = new TreeSet<>();
		ObjectNode index = PolicyDocuments.json().createObjectNode();
		index.set("enforcerID", document.get("enforcerID"));
		index.set("version", document.get("version"));
		ArrayNode units = index.putArray("processingUnits");
		for (JsonNode unit : document.path("processingUnits")) {
			ObjectNode entry = units.addObject();
			entry.set("processingUnit", unit.get("processingUnit"));
			for (String direction : List.of("incoming", "outgoing")) {
				ArrayNode chunks = entry.putArray(direction);
				List<JsonNode> rules = new ArrayList<>();
				unit.path(direction).forEach(rules::add);
				for (int from = 0; from < rules.size(); from += chunkSize) {
					ArrayNode chunk = PolicyDocuments.json().createArrayNode();
					for (JsonNode rule : rules.subList(from, Math.min(rules.size(), from + chunkSize))) {
						chunk.add(withNetworkSections((ObjectNode) rule.deepCopy(), sections, networks));
					}
					chunks.add(add(sections, chunk));
				}
			}
		}
		networks.forEach(index.putArray("externalNetworks")::add);
		index.put("knownProcessingUnitAddresses", add(sections, document.path("knownProcessingUnitAddresses")));
		return new Sectioned(PolicyDocuments.json().writeValueAsString(index), sections);
	}

	private static ObjectNode withNetworkSections(ObjectNode rule, Map<String, String> sections,
			TreeSet<String> networks) {
		ArrayNode references = PolicyDocuments.json().createArrayNode();
		for (JsonNode network : rule.path("externalNetworks")) {
			ObjectNode section = (ObjectNode) network.deepCopy();
			JsonNode ports = section.remove("ports");
			String name = add(sections, section);
			networks.add(name);
			ObjectNode reference = references.addObject().put("section", name);
			reference.set("ports", (ports != null) ? ports : PolicyDocuments.json().createArrayNode());
		}
		rule.set("externalNetworks", references);
		return rule;
	}

	private static String add(Map<String, String> sections, JsonNode section) {
		String json = PolicyDocuments.json().writeValueAsString(section);
		String name = SectionNames.of(json);
		sections.put(name, json);
		return name;
	}

}
