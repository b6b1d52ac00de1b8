package io.mseg.benchmarks.enforcer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.policy.render.RuleChunks;
import io.mseg.policy.render.wire.ChunkRule;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import io.mseg.policy.render.wire.EnforcerUnitIndex;
import io.mseg.policy.render.wire.NetworkReference;
import io.mseg.policy.render.wire.NetworkSection;
import io.mseg.policy.render.wire.SectionNames;

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
		Map<NetworkSection, String> networks = new HashMap<>();
		List<EnforcerUnitIndex> units = document.processingUnits()
			.stream()
			.map((unit) -> new EnforcerUnitIndex(unit.processingUnit(), chunks(unit.incoming(), sections, networks),
					chunks(unit.outgoing(), sections, networks)))
			.toList();
		String known = add(sections, document.knownProcessingUnitAddresses());
		EnforcerPolicyIndex index = new EnforcerPolicyIndex(document.enforcerId(), document.version(), units,
				List.copyOf(new TreeSet<>(networks.values())), known);
		return new SectionedDocument(PolicyDocuments.json().writeValueAsString(index), sections);
	}

	private static List<String> chunks(List<Rule> rules, Map<String, String> sections,
			Map<NetworkSection, String> networks) {
		return RuleChunks.of(rules, Rule::policyId)
			.stream()
			.map((chunk) -> add(sections, chunk.stream().map((rule) -> rule(rule, sections, networks)).toList()))
			.toList();
	}

	private static ChunkRule rule(Rule rule, Map<String, String> sections, Map<NetworkSection, String> networks) {
		List<NetworkReference> references = rule.externalNetworks().stream().map((network) -> {
			NetworkSection section = new NetworkSection(network.id(), network.name(), network.namespace(),
					network.entries(), network.excluded(), network.domains(), network.servicePorts());
			String name = networks.computeIfAbsent(section, (key) -> add(sections, section));
			return new NetworkReference(name, network.ports());
		}).toList();
		return new ChunkRule(rule.policyId(), rule.policyName(), rule.policyNamespace(), rule.propagatedFrom(),
				rule.action(), rule.fallback(), rule.observed(), rule.logsEnabled(), rule.ports(),
				rule.processingUnits(), references);
	}

	private static String add(Map<String, String> sections, Object section) {
		String json = PolicyDocuments.json().writeValueAsString(section);
		String name = SectionNames.of(json);
		sections.put(name, json);
		return name;
	}

}
