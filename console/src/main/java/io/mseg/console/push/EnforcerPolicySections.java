package io.mseg.console.push;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.mseg.console.push.RenderedPolicyBody.Network;
import io.mseg.console.push.RenderedPolicyBody.Rule;
import io.mseg.policy.render.RuleChunks;
import io.mseg.policy.render.wire.ChunkRule;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import io.mseg.policy.render.wire.EnforcerUnitIndex;
import io.mseg.policy.render.wire.NetworkReference;
import io.mseg.policy.render.wire.NetworkSection;
import io.mseg.policy.render.wire.SectionNames;
import tools.jackson.databind.json.JsonMapper;

/**
 * An enforcer's rendered policy cut into content-addressed sections (rule chunks,
 * external networks, known addresses), each named by the hash of its bytes
 * ({@link SectionNames}), and the index that names them: an enforcer fetches only the
 * sections it does not hold. The index and the sections are the wire format shared with
 * the enforcer ({@code io.mseg.policy.render.wire}).
 */
public final class EnforcerPolicySections {

	private final EnforcerPolicyIndex index;

	private final Map<String, byte[]> sections;

	private EnforcerPolicySections(EnforcerPolicyIndex index, Map<String, byte[]> sections) {
		this.index = index;
		this.sections = sections;
	}

	/**
	 * Cuts {@code body} into sections serialized by {@code json}, the mapper that
	 * serializes the full document, so that a chunk's rules are the document's rules.
	 */
	public static EnforcerPolicySections of(EnforcerPolicyBody body, JsonMapper json) {
		Writer writer = new Writer(json);
		List<EnforcerUnitIndex> units = body.processingUnits()
			.stream()
			.map((unit) -> new EnforcerUnitIndex(unit.processingUnit(), writer.chunks(unit.incoming()),
					writer.chunks(unit.outgoing())))
			.toList();
		String addresses = writer.write(body.knownProcessingUnitAddresses());
		List<String> networks = List.copyOf(new TreeSet<>(writer.networks.values()));
		return new EnforcerPolicySections(
				new EnforcerPolicyIndex(body.enforcerId(), body.version(), units, networks, addresses),
				writer.sections);
	}

	public EnforcerPolicyIndex index() {
		return this.index;
	}

	/** The exact bytes of the section named {@code name}, if it is one of these. */
	public Optional<byte[]> section(String name) {
		return Optional.ofNullable(this.sections.get(name));
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

		private ChunkRule rule(Rule r) {
			List<NetworkReference> references = r.externalNetworks()
				.stream()
				.map((n) -> new NetworkReference(this.networks.computeIfAbsent(section(n), this::write), n.ports()))
				.toList();
			return new ChunkRule(r.policyId(), r.policyName(), r.policyNamespace(), r.propagatedFrom(), r.action(),
					r.fallback(), r.observed(), r.logsEnabled(), r.ports(), r.processingUnits(), references);
		}

		/** A network section: the full document's network without the rule's ports. */
		private static NetworkSection section(Network n) {
			return new NetworkSection(n.id(), n.name(), n.namespace(), n.entries(), n.excluded(), n.domains(),
					n.servicePorts());
		}

		String write(Object section) {
			byte[] bytes = this.json.writeValueAsBytes(section);
			String name = SectionNames.of(bytes);
			this.sections.putIfAbsent(name, bytes);
			return name;
		}

	}

}
