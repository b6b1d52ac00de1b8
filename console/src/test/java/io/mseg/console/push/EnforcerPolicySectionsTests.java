package io.mseg.console.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import io.mseg.console.push.EnforcerPolicyBody.UnitPolicy;
import io.mseg.console.push.RenderedPolicyBody.Network;
import io.mseg.console.push.RenderedPolicyBody.Rule;
import io.mseg.policy.render.RuleChunks;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;
import io.mseg.policy.render.wire.SectionNames;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cutting a rendered policy into sections: chunk boundaries, section names and the JSON
 * of each kind of section.
 */
class EnforcerPolicySectionsTests {

	private static final JsonMapper JSON = JsonMapper.builder().addModule(new WireFormatModule()).build();

	private static final Network INTERNET = new Network("n1", "internet", "/t", List.of("0.0.0.0/0"),
			List.of("10.0.0.0/8"), List.of("*.example.com"), List.of("tcp/1:1000"), List.of("tcp/443"));

	private final Random random = new Random(42);

	@Test
	void insertingAPolicyRewritesOnlyTheChunkThatReceivesIt() {
		List<Rule> rules = new ArrayList<>(
				IntStream.range(0, 1000).mapToObj((i) -> rule(policyId(), List.of())).toList());
		List<String> before = chunkNames(rules);
		assertThat(before).as("enough chunks to tell").hasSizeGreaterThan(5);

		// Into a chunk below the cap: a full one would push its last rule into the next.
		rules.add(insertionPoint(rules), rule(policyId(false), List.of()));
		List<String> after = chunkNames(rules);

		assertThat(after).hasSameSizeAs(before);
		assertThat(IntStream.range(0, before.size()).filter((i) -> !before.get(i).equals(after.get(i)))).hasSize(1);
	}

	@Test
	void changingOnePolicyRewritesOnlyItsChunk() {
		List<Rule> rules = new ArrayList<>(
				IntStream.range(0, 1000).mapToObj((i) -> rule(policyId(), List.of())).toList());
		List<String> before = chunkNames(rules);
		Rule changed = rules.get(300);
		rules.set(300, new Rule(changed.policyId(), "renamed", changed.policyNamespace(), null, "Reject", false, false,
				false, List.of(), List.of(), List.of()));

		List<String> after = chunkNames(rules);

		assertThat(IntStream.range(0, before.size()).filter((i) -> !before.get(i).equals(after.get(i)))).hasSize(1);
	}

	@Test
	void aRuleInAChunkIsTheDocumentsRuleWithItsNetworksAsReferences() {
		Rule rule = rule(policyId(), List.of(INTERNET));
		EnforcerPolicySections sections = EnforcerPolicySections.of(body(List.of(rule)), JSON);

		JsonNode chunk = JSON.readTree(section(sections, sections.index().processingUnits().get(0).incoming().get(0)));
		ObjectNode expected = (ObjectNode) JSON.valueToTree(rule);
		String network = sections.index().externalNetworks().get(0);
		expected.set("externalNetworks", JSON.readTree("[{\"section\":\"" + network + "\",\"ports\":[\"tcp/443\"]}]"));
		assertThat(chunk).hasSize(1);
		assertThat(chunk.get(0)).isEqualTo(expected);
		assertThat(List.copyOf(chunk.get(0).propertyNames())).containsExactlyElementsOf(expected.propertyNames());
	}

	@Test
	void withoutNetworksAChunkRuleSerializesExactlyAsTheDocumentsRule() {
		Rule rule = new Rule("p", "name", "/t", "/", "Allow", true, false, true, List.of("tcp/80"),
				List.of(new RenderedRemoteProcessingUnit(null, null, null, List.of("10.1.2.3"))), List.of());
		EnforcerPolicySections sections = EnforcerPolicySections.of(body(List.of(rule)), JSON);

		String chunk = section(sections, sections.index().processingUnits().get(0).incoming().get(0));

		assertThat(chunk).isEqualTo("[" + JSON.writeValueAsString(rule) + "]");
	}

	@Test
	void aNetworkSectionIsTheDocumentsNetworkWithoutPortsAndWithoutHiddenFields() {
		Network hidden = new Network(null, null, null, List.of("192.0.2.0/24"), List.of(), List.of(), List.of(),
				List.of());
		EnforcerPolicySections sections = EnforcerPolicySections
			.of(body(List.of(rule(policyId(), List.of(INTERNET, hidden)))), JSON);

		List<String> networks = sections.index()
			.externalNetworks()
			.stream()
			.map((name) -> section(sections, name))
			.toList();

		assertThat(networks).containsExactlyInAnyOrder(
				"{\"ID\":\"n1\",\"name\":\"internet\",\"namespace\":\"/t\",\"entries\":[\"0.0.0.0/0\"],"
						+ "\"excluded\":[\"10.0.0.0/8\"],\"domains\":[\"*.example.com\"],\"servicePorts\":[\"tcp/1:1000\"]}",
				"{\"entries\":[\"192.0.2.0/24\"],\"excluded\":[],\"domains\":[],\"servicePorts\":[]}");
	}

	@Test
	void aNetworkSharedByRulesIsOneSectionListedOnceAndTheListIsSorted() {
		Network other = new Network("n2", "partners", "/t", List.of("198.51.100.0/24"), List.of(), List.of(), List.of(),
				List.of());
		List<Rule> rules = List.of(rule(policyId(), List.of(INTERNET)), rule(policyId(), List.of(other, INTERNET)),
				rule(policyId(), List.of(INTERNET)));

		List<String> networks = EnforcerPolicySections.of(body(rules), JSON).index().externalNetworks();

		assertThat(networks).hasSize(2).isSorted();
	}

	@Test
	void everySectionIsNamedByTheHashOfItsBytes() {
		EnforcerPolicyBody body = body(List.of(rule(policyId(), List.of(INTERNET))));
		EnforcerPolicySections sections = EnforcerPolicySections.of(body, JSON);
		EnforcerPolicyIndex index = sections.index();
		List<String> names = new ArrayList<>(index.externalNetworks());
		names.add(index.knownProcessingUnitAddresses());
		index.processingUnits().forEach((unit) -> {
			names.addAll(unit.incoming());
			names.addAll(unit.outgoing());
		});

		assertThat(names).allSatisfy((name) -> assertThat(name).matches("[0-9a-f]{32}")
			.isEqualTo(SectionNames.of(sections.section(name).orElseThrow())));
		assertThat(section(sections, index.knownProcessingUnitAddresses())).isEqualTo("[\"10.9.9.9\"]");
		assertThat(index.processingUnits().get(0).outgoing()).isEmpty();
		assertThat(sections.section("0".repeat(32))).isEmpty();
	}

	/** A position inside a chunk below the cap, with chunks before and after it. */
	private static int insertionPoint(List<Rule> rules) {
		List<List<Rule>> chunks = RuleChunks.of(rules, Rule::policyId);
		int start = chunks.get(0).size();
		for (List<Rule> chunk : chunks.subList(1, chunks.size() - 1)) {
			if (chunk.size() < RuleChunks.MAX_CHUNK) {
				return start + chunk.size() / 2;
			}
			start += chunk.size();
		}
		throw new IllegalStateException("no chunk below the cap");
	}

	private List<String> chunkNames(List<Rule> rules) {
		return EnforcerPolicySections.of(body(rules), JSON).index().processingUnits().get(0).incoming();
	}

	private static EnforcerPolicyBody body(List<Rule> incoming) {
		RenderedPolicyTarget unit = new RenderedPolicyTarget("u1", "web", "/t", List.of("10.0.0.1"),
				List.of("app=web"));
		return new EnforcerPolicyBody("e1", 7, List.of(new UnitPolicy(unit, incoming, List.of())), List.of("10.9.9.9"));
	}

	private static Rule rule(String policyId, List<Network> networks) {
		return new Rule(policyId, "policy " + policyId, "/t", null, "Allow", false, false, false, List.of("tcp/443"),
				List.of(), networks);
	}

	private static String section(EnforcerPolicySections sections, String name) {
		return new String(sections.section(name).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
	}

	private String policyId() {
		return new UUID(this.random.nextLong(), this.random.nextLong()).toString();
	}

	/** A policy ID that ends a chunk, or one that does not. */
	private String policyId(boolean boundary) {
		while (true) {
			String id = policyId();
			if (RuleChunks.endsChunk(id) == boundary) {
				return id;
			}
		}
	}

}
