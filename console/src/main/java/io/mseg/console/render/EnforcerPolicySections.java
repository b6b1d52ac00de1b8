package io.mseg.console.render;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.render.RenderedPolicyBody.Network;
import io.mseg.console.render.RenderedPolicyBody.Remote;
import io.mseg.console.render.RenderedPolicyBody.Rule;
import io.mseg.console.render.RenderedPolicyBody.Target;
import io.mseg.policy.render.RuleChunks;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.json.JsonMapper;

/**
 * An enforcer's rendered policy cut into content-addressed sections (rule chunks,
 * external networks, known addresses), each named by the hash of its bytes, and the index
 * that names them: an enforcer fetches only the sections it does not hold.
 */
public final class EnforcerPolicySections {

	private final Index index;

	private final Map<String, byte[]> sections;

	private EnforcerPolicySections(Index index, Map<String, byte[]> sections) {
		this.index = index;
		this.sections = sections;
	}

	/**
	 * Cuts {@code body} into sections serialized by {@code json}, the mapper that
	 * serializes the full document, so that a chunk's rules are the document's rules.
	 */
	public static EnforcerPolicySections of(EnforcerPolicyBody body, JsonMapper json) {
		Writer writer = new Writer(json);
		List<UnitIndex> units = body.processingUnits()
			.stream()
			.map((unit) -> new UnitIndex(unit.processingUnit(), writer.chunks(unit.incoming()),
					writer.chunks(unit.outgoing())))
			.toList();
		String addresses = writer.write(body.knownProcessingUnitAddresses());
		List<String> networks = List.copyOf(new TreeSet<>(writer.networks.values()));
		return new EnforcerPolicySections(new Index(body.enforcerId(), body.version(), units, networks, addresses),
				writer.sections);
	}

	public Index index() {
		return this.index;
	}

	/** The exact bytes of the section named {@code name}, if it is one of these. */
	public Optional<byte[]> section(String name) {
		return Optional.ofNullable(this.sections.get(name));
	}

	/** Lowercase hex of the first 16 bytes of the SHA-256 of {@code bytes}. */
	public static String name(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Serializes sections once each, keeping their bytes by name. */
	private static final class Writer {

		private final JsonMapper json;

		private final Map<String, byte[]> sections = new HashMap<>();

		/** Names of the network sections, by content (many rules share a network). */
		private final Map<NetworkSection, String> networks = new HashMap<>();

		Writer(JsonMapper json) {
			this.json = json;
		}

		List<String> chunks(List<Rule> rules) {
			return RuleChunks.of(rules, Rule::policyId)
				.stream()
				.map((chunk) -> write(chunk.stream().map(this::rule).toList()))
				.toList();
		}

		private SectionRule rule(Rule r) {
			List<NetworkRef> refs = r.externalNetworks()
				.stream()
				.map((n) -> new NetworkRef(this.networks.computeIfAbsent(NetworkSection.of(n), this::write), n.ports()))
				.toList();
			return new SectionRule(r.policyId(), r.policyName(), r.policyNamespace(), r.propagatedFrom(), r.action(),
					r.fallback(), r.observed(), r.logsEnabled(), r.ports(), r.processingUnits(), refs);
		}

		String write(Object section) {
			byte[] bytes = this.json.writeValueAsBytes(section);
			String name = name(bytes);
			this.sections.putIfAbsent(name, bytes);
			return name;
		}

	}

	/**
	 * The index of an enforcer's rendered policy: the sections that make it up.
	 *
	 * @param externalNetworks every network section the chunks name, distinct, sorted
	 * @param knownProcessingUnitAddresses the section of the known addresses
	 */
	@Schema(name = "EnforcerPolicyIndex")
	public record Index(@JsonProperty("enforcerID") String enforcerId, long version, List<UnitIndex> processingUnits,
			List<String> externalNetworks, String knownProcessingUnitAddresses) {

	}

	/**
	 * One protected processing unit: the chunks of its incoming and outgoing rules, in
	 * evaluation order.
	 */
	@Schema(name = "EnforcerUnitIndex")
	public record UnitIndex(Target processingUnit, List<String> incoming, List<String> outgoing) {

	}

	/**
	 * A rule in a chunk: the full document's rule, with its external networks as
	 * references to network sections. Components, order and annotations as in
	 * {@link Rule}, so that the JSON is the same but for {@code externalNetworks}.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SectionRule(@JsonProperty("policyID") String policyId, String policyName, String policyNamespace,
			String propagatedFrom, String action, boolean fallback, boolean observed, boolean logsEnabled,
			List<String> ports, List<Remote> processingUnits, List<NetworkRef> externalNetworks) {

	}

	/**
	 * An external network of a rule: its section and the rule's ports for it.
	 */
	record NetworkRef(String section, List<String> ports) {

	}

	/** A network section: the full document's network without the rule's ports. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record NetworkSection(@JsonProperty("ID") String id, String name, String namespace, List<String> entries,
			List<String> excluded, List<String> domains, List<String> servicePorts) {

		static NetworkSection of(Network n) {
			return new NetworkSection(n.id(), n.name(), n.namespace(), n.entries(), n.excluded(), n.domains(),
					n.servicePorts());
		}

	}

}
