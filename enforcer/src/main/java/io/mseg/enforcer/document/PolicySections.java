package io.mseg.enforcer.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.policy.render.wire.ChunkRule;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import io.mseg.policy.render.wire.EnforcerUnitIndex;
import io.mseg.policy.render.wire.NetworkReference;
import io.mseg.policy.render.wire.NetworkSection;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;

/**
 * The sections of the rendered policy this enforcer holds, parsed, by name. The console
 * serves the policy as an index ({@link EnforcerPolicyIndex}) naming its sections by the
 * hash of their content ({@code SectionNames}): chunks of rules, external networks (their
 * entries, apart from the rules naming them) and the known processing-unit addresses. A
 * new version of the policy only needs the sections not held yet, and a section held is
 * the same Java object from one version to the next, so that the ruleset builder
 * recognises what did not change by identity instead of comparing a large document entry
 * by entry.
 */
public final class PolicySections {

	private static final TypeReference<List<ChunkRule>> CHUNK = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> ADDRESSES = new TypeReference<>() {
	};

	private final Map<String, List<Rule>> chunks = new HashMap<>();

	private final Map<String, NetworkSection> networks = new HashMap<>();

	private final Map<String, List<String>> addresses = new HashMap<>();

	/**
	 * Parses an index.
	 * @param json the index's JSON
	 * @return the index
	 * @throws IllegalArgumentException when the text is not an index
	 */
	public static EnforcerPolicyIndex parseIndex(String json) {
		EnforcerPolicyIndex index = read(json, "the rendered policy's index", EnforcerPolicyIndex.class);
		if (index == null || index.knownProcessingUnitAddresses() == null) {
			throw new IllegalArgumentException("the rendered policy's index names no known addresses section");
		}
		return index;
	}

	/**
	 * The sections of an index not held yet.
	 * @param index the index
	 * @return their names, each once
	 */
	public List<String> missing(EnforcerPolicyIndex index) {
		Set<String> chunkNames = index.ruleChunks();
		Set<String> networkNames = Set.copyOf(index.externalNetworks());
		List<String> missing = new ArrayList<>();
		for (String name : index.sections()) {
			// two identical texts are one name: it may be needed as two kinds
			if ((chunkNames.contains(name) && !this.chunks.containsKey(name))
					|| (networkNames.contains(name) && !this.networks.containsKey(name))
					|| (name.equals(index.knownProcessingUnitAddresses()) && !this.addresses.containsKey(name))) {
				missing.add(name);
			}
		}
		return missing;
	}

	/**
	 * Parses sections of an index and holds them.
	 * @param index the index that names them
	 * @param texts section texts by name
	 * @throws IllegalArgumentException when a text is not the section the index says, or
	 * a chunk names a network the index does not list
	 */
	public void add(EnforcerPolicyIndex index, Map<String, String> texts) {
		Set<String> chunkNames = index.ruleChunks();
		Set<String> networkNames = Set.copyOf(index.externalNetworks());
		for (Map.Entry<String, String> section : texts.entrySet()) {
			if (networkNames.contains(section.getKey())) {
				this.networks.put(section.getKey(),
						read(section.getValue(), "network section " + section.getKey(), NetworkSection.class));
			}
			if (section.getKey().equals(index.knownProcessingUnitAddresses())) {
				List<String> known = read(section.getValue(), "addresses section " + section.getKey(), ADDRESSES);
				if (known.contains(null)) {
					throw new IllegalArgumentException("addresses section " + section.getKey() + " holds a null");
				}
				this.addresses.put(section.getKey(), List.copyOf(known));
			}
		}
		for (Map.Entry<String, String> section : texts.entrySet()) {
			if (chunkNames.contains(section.getKey())) {
				String name = section.getKey();
				List<ChunkRule> rules = read(section.getValue(), "rules section " + name, CHUNK);
				List<Rule> resolved = new ArrayList<>(rules.size());
				for (ChunkRule rule : rules) {
					resolved.add(resolve(rule, networkNames, name));
				}
				this.chunks.put(name, List.copyOf(resolved));
			}
		}
	}

	/**
	 * The document an index and the sections held make.
	 * @param index the index
	 * @return the document
	 * @throws IllegalArgumentException when a section it names is not held
	 */
	public PolicyDocument assemble(EnforcerPolicyIndex index) {
		List<String> missing = missing(index);
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException(
					missing.size() + " sections of the rendered policy are missing, " + "the first " + missing.get(0));
		}
		List<UnitPolicy> units = new ArrayList<>(index.processingUnits().size());
		for (EnforcerUnitIndex unit : index.processingUnits()) {
			units.add(new UnitPolicy(unit.processingUnit(), rules(unit.incoming()), rules(unit.outgoing())));
		}
		return new PolicyDocument(index.enforcerID(), index.version(), units,
				this.addresses.get(index.knownProcessingUnitAddresses()));
	}

	private List<Rule> rules(List<String> chunkNames) {
		if (chunkNames.size() == 1) {
			return this.chunks.get(chunkNames.get(0));
		}
		List<Rule> rules = new ArrayList<>();
		chunkNames.forEach((name) -> rules.addAll(this.chunks.get(name)));
		return rules;
	}

	/**
	 * Forgets the sections an index does not name.
	 * @param index the index of the policy now enforced
	 */
	public void retain(EnforcerPolicyIndex index) {
		this.chunks.keySet().retainAll(index.ruleChunks());
		this.networks.keySet().retainAll(index.externalNetworks());
		this.addresses.keySet().retainAll(Set.of(index.knownProcessingUnitAddresses()));
	}

	private static <T> T read(String json, String what, Class<T> type) {
		return read(json, what, PolicyDocuments.json().constructType(type));
	}

	private static <T> T read(String json, String what, TypeReference<T> type) {
		return read(json, what, PolicyDocuments.json().constructType(type));
	}

	private static <T> T read(String json, String what, JavaType type) {
		try {
			T value = PolicyDocuments.json().readValue(json, type);
			if (value == null) {
				throw new IllegalArgumentException(what + " is empty");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(what + " is not valid: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * A chunk's rule as the document's: its networks taken from their sections, each with
	 * the rule's own ports.
	 */
	private Rule resolve(ChunkRule rule, Set<String> listed, String chunk) {
		List<RemoteNetwork> resolved = new ArrayList<>(rule.externalNetworks().size());
		for (NetworkReference reference : rule.externalNetworks()) {
			NetworkSection network = this.networks.get(reference.section());
			if (network == null || !listed.contains(reference.section())) {
				throw new IllegalArgumentException("rules section " + chunk + " names network section "
						+ reference.section() + ", which the index does not list");
			}
			resolved.add(new RemoteNetwork(network.ID(), network.name(), network.namespace(), network.entries(),
					network.excluded(), network.domains(), network.servicePorts(), reference.ports()));
		}
		return new Rule(rule.policyID(), rule.policyName(), rule.policyNamespace(), rule.propagatedFrom(),
				rule.action(), rule.fallback(), rule.observed(), rule.logsEnabled(), rule.ports(),
				rule.processingUnits(), resolved);
	}

}
