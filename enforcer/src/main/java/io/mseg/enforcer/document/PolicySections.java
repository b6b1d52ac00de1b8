package io.mseg.enforcer.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.RemoteUnit;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.document.PolicyIndex.UnitIndex;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;

/**
 * The sections of the rendered policy this enforcer holds, parsed, by name. The console
 * serves the policy as an index ({@link PolicyIndex}) naming its sections by the hash of
 * their content: chunks of rules, external networks (their entries, apart from the rules
 * naming them) and the known processing-unit addresses. A new version of the policy only
 * needs the sections not held yet, and a section held is the same Java object from one
 * version to the next, so that the ruleset builder recognises what did not change by
 * identity instead of comparing a large document entry by entry.
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
	 * A section's name: the first 16 bytes of the SHA-256 of its text, in hex.
	 * @param text the section's JSON as served
	 * @return its name
	 */
	public static String name(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Parses an index.
	 * @param json the index's JSON
	 * @return the index
	 * @throws IllegalArgumentException when the text is not an index
	 */
	public static PolicyIndex parseIndex(String json) {
		PolicyIndex index = read(json, "the rendered policy's index", PolicyIndex.class);
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
	public List<String> missing(PolicyIndex index) {
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
	public void add(PolicyIndex index, Map<String, String> texts) {
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
					resolved.add(rule.resolve(networkNames, this.networks, name));
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
	public PolicyDocument assemble(PolicyIndex index) {
		List<String> missing = missing(index);
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException(
					missing.size() + " sections of the rendered policy are missing, " + "the first " + missing.get(0));
		}
		List<UnitPolicy> units = new ArrayList<>(index.processingUnits().size());
		for (UnitIndex unit : index.processingUnits()) {
			units.add(new UnitPolicy(unit.processingUnit(), rules(unit.incoming()), rules(unit.outgoing())));
		}
		return new PolicyDocument(index.enforcerId(), index.version(), units,
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
	public void retain(PolicyIndex index) {
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
	 * A rule as a chunk holds it: its networks named by their sections.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ChunkRule(@JsonProperty("policyID") String policyId, String policyName, String policyNamespace,
			String propagatedFrom, String action, boolean fallback, boolean observed, boolean logsEnabled,
			List<String> ports, List<RemoteUnit> processingUnits, List<NetworkReference> externalNetworks) {

		ChunkRule {
			// as the document's records do, while Jackson builds it: a null is refused
			// with the section's name
			ports = (ports != null) ? List.copyOf(ports) : List.of();
			processingUnits = (processingUnits != null) ? List.copyOf(processingUnits) : List.of();
			externalNetworks = (externalNetworks != null) ? List.copyOf(externalNetworks) : List.of();
		}

		Rule resolve(Set<String> listed, Map<String, NetworkSection> networks, String chunk) {
			List<RemoteNetwork> resolved = new ArrayList<>();
			for (NetworkReference reference : this.externalNetworks) {
				NetworkSection network = networks.get(reference.section());
				if (network == null || !listed.contains(reference.section())) {
					throw new IllegalArgumentException("rules section " + chunk + " names network section "
							+ reference.section() + ", which the index does not list");
				}
				resolved.add(network.with(reference.ports()));
			}
			return new Rule(this.policyId, this.policyName, this.policyNamespace, this.propagatedFrom, this.action,
					this.fallback, this.observed, this.logsEnabled, this.ports, this.processingUnits, resolved);
		}

	}

	/** A rule's network: its section and the ports the rule covers for it. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record NetworkReference(String section, List<String> ports) {

	}

	/**
	 * An external network's section: everything but the ports, which belong to each rule.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record NetworkSection(@JsonProperty("ID") String id, String name, String namespace, List<String> entries,
			List<String> excluded, List<String> domains, List<String> servicePorts) {

		NetworkSection {
			// copied once here, so that every rule naming the network shares these lists
			entries = (entries != null) ? List.copyOf(entries) : List.of();
			excluded = (excluded != null) ? List.copyOf(excluded) : List.of();
			domains = (domains != null) ? List.copyOf(domains) : List.of();
			servicePorts = (servicePorts != null) ? List.copyOf(servicePorts) : List.of();
		}

		RemoteNetwork with(List<String> ports) {
			return new RemoteNetwork(this.id, this.name, this.namespace, this.entries, this.excluded, this.domains,
					this.servicePorts, ports);
		}

	}

}
