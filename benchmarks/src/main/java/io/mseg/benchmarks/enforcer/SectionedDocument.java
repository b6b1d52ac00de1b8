package io.mseg.benchmarks.enforcer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteUnit;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.Unit;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.document.PolicySections;
import io.mseg.policy.render.RuleChunks;

/**
 * A rendered policy cut into the index and sections the console serves ({@code GET
 * /enforcers/{id}/renderedpolicy/index}, {@code POST .../sections}), with the console's
 * chunk boundaries ({@link RuleChunks}): what the agent receives for each version.
 *
 * @param index the index's JSON
 * @param sections every section's JSON by name
 */
record SectionedDocument(String index, Map<String, String> sections) {

	static SectionedDocument of(PolicyDocument document) {
		Map<String, String> sections = new LinkedHashMap<>();
		Map<List<Object>, String> networks = new HashMap<>();
		List<UnitIndex> units = document.processingUnits()
			.stream()
			.map((unit) -> new UnitIndex(unit.processingUnit(), chunks(unit.incoming(), sections, networks),
					chunks(unit.outgoing(), sections, networks)))
			.toList();
		String known = add(sections, document.knownProcessingUnitAddresses());
		Index index = new Index(document.enforcerId(), document.version(), units,
				List.copyOf(new TreeSet<>(networks.values())), known);
		return new SectionedDocument(PolicyDocuments.json().writeValueAsString(index), sections);
	}

	private static List<String> chunks(List<Rule> rules, Map<String, String> sections,
			Map<List<Object>, String> networks) {
		return RuleChunks.of(rules, Rule::policyId)
			.stream()
			.map((chunk) -> add(sections, chunk.stream().map((rule) -> rule(rule, sections, networks)).toList()))
			.toList();
	}

	private static ChunkRule rule(Rule rule, Map<String, String> sections, Map<List<Object>, String> networks) {
		List<NetworkReference> references = rule.externalNetworks().stream().map((network) -> {
			NetworkSection section = new NetworkSection(network.id(), network.name(), network.namespace(),
					network.entries(), network.excluded(), network.domains(), network.servicePorts());
			String name = networks.computeIfAbsent(List.of(section), (key) -> add(sections, section));
			return new NetworkReference(name, network.ports());
		}).toList();
		return new ChunkRule(rule.policyId(), rule.policyName(), rule.policyNamespace(), rule.propagatedFrom(),
				rule.action(), rule.fallback(), rule.observed(), rule.logsEnabled(), rule.ports(),
				rule.processingUnits(), references);
	}

	private static String add(Map<String, String> sections, Object section) {
		String json = PolicyDocuments.json().writeValueAsString(section);
		String name = PolicySections.name(json);
		sections.put(name, json);
		return name;
	}

	record Index(@JsonProperty("enforcerID") String enforcerId, long version, List<UnitIndex> processingUnits,
			List<String> externalNetworks, String knownProcessingUnitAddresses) {

	}

	record UnitIndex(Unit processingUnit, List<String> incoming, List<String> outgoing) {

	}

	record ChunkRule(@JsonProperty("policyID") String policyId, String policyName, String policyNamespace,
			String propagatedFrom, String action, boolean fallback, boolean observed, boolean logsEnabled,
			List<String> ports, List<RemoteUnit> processingUnits, List<NetworkReference> externalNetworks) {

	}

	record NetworkReference(String section, List<String> ports) {

	}

	record NetworkSection(@JsonProperty("ID") String id, String name, String namespace, List<String> entries,
			List<String> excluded, List<String> domains, List<String> servicePorts) {

	}

}
