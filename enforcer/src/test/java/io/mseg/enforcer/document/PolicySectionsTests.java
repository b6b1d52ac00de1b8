package io.mseg.enforcer.document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.nftables.Fixtures;
import io.mseg.enforcer.support.Sectioned;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import io.mseg.policy.render.wire.SectionNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PolicySectionsTests {

	@ParameterizedTest
	@ValueSource(strings = { "redis", "mixed", "merged", "internet-to-frontend", "no-rules" })
	void anIndexAndItsSectionsMakeTheWholeDocument(String name) {
		String json = Fixtures.resource("documents/" + name + ".json");
		for (int chunkSize : new int[] { 1, 2, 1000 }) {
			Sectioned sectioned = Sectioned.of(json, chunkSize);
			PolicySections sections = new PolicySections();
			EnforcerPolicyIndex index = PolicySections.parseIndex(sectioned.index());
			assertThat(sections.missing(index)).containsExactlyInAnyOrderElementsOf(sectioned.sections().keySet());
			sections.add(index, sectioned.sections());
			assertThat(sections.missing(index)).isEmpty();
			assertThat(sections.assemble(index)).isEqualTo(PolicyDocuments.parse(json));
		}
	}

	@Test
	void aSectionHeldIsTheSameObjectInTheNextVersion() {
		String mixed = Fixtures.resource("documents/mixed.json");
		String changed = mixed.replace("\"version\": 77", "\"version\": 78").replace("tcp/443", "tcp/444");
		PolicySections sections = new PolicySections();
		Sectioned first = Sectioned.of(mixed, 1);
		EnforcerPolicyIndex firstIndex = PolicySections.parseIndex(first.index());
		sections.add(firstIndex, first.sections());
		PolicyDocument before = sections.assemble(firstIndex);
		Sectioned second = Sectioned.of(changed, 1);
		EnforcerPolicyIndex secondIndex = PolicySections.parseIndex(second.index());
		Map<String, String> missing = new HashMap<>();
		sections.missing(secondIndex).forEach((name) -> missing.put(name, second.sections().get(name)));
		sections.add(secondIndex, missing);
		sections.retain(secondIndex);
		PolicyDocument after = sections.assemble(secondIndex);
		assertThat(after).isEqualTo(PolicyDocuments.parse(changed));
		List<Rule> rulesBefore = before.processingUnits().get(0).incoming();
		List<Rule> rulesAfter = after.processingUnits().get(0).incoming();
		int same = 0;
		for (int i = 0; i < rulesAfter.size(); i++) {
			if (rulesAfter.get(i) == rulesBefore.get(i)) {
				same++;
			}
			else {
				assertThat(rulesAfter.get(i).toString()).contains("tcp/444");
			}
		}
		assertThat(same).isEqualTo(rulesAfter.size() - 1);
		assertThat(after.knownProcessingUnitAddresses()).isSameAs(before.knownProcessingUnitAddresses());
	}

	@Test
	void oneTextCanBeSectionsOfTwoKinds() {
		// no rules and no known addresses: both sections are "[]"
		String json = "{\"enforcerID\":\"e\",\"version\":1,\"processingUnits\":[{\"processingUnit\":{\"ID\":\"p\"},"
				+ "\"incoming\":[],\"outgoing\":[]}],\"knownProcessingUnitAddresses\":[]}";
		String empty = SectionNames.of("[]");
		String index = "{\"enforcerID\":\"e\",\"version\":1,\"processingUnits\":[{\"processingUnit\":{\"ID\":\"p\"},"
				+ "\"incoming\":[\"" + empty + "\"],\"outgoing\":[]}],\"externalNetworks\":[],"
				+ "\"knownProcessingUnitAddresses\":\"" + empty + "\"}";
		PolicySections sections = new PolicySections();
		EnforcerPolicyIndex parsed = PolicySections.parseIndex(index);
		assertThat(sections.missing(parsed)).containsExactly(empty);
		sections.add(parsed, Map.of(empty, "[]"));
		assertThat(sections.assemble(parsed)).isEqualTo(PolicyDocuments.parse(json));
	}

	@Test
	void aMissingSectionIsNeverAssembledAsAnEmptyOne() {
		Sectioned sectioned = Sectioned.of(Fixtures.resource("documents/redis.json"), 1);
		EnforcerPolicyIndex index = PolicySections.parseIndex(sectioned.index());
		Map<String, String> some = new HashMap<>(sectioned.sections());
		some.remove(index.processingUnits().get(0).incoming().get(0));
		PolicySections sections = new PolicySections();
		sections.add(index, some);
		assertThatIllegalArgumentException().isThrownBy(() -> sections.assemble(index))
			.withMessageContaining("1 sections of the rendered policy are missing");
	}

	@Test
	void aChunkNamingANetworkTheIndexDoesNotListIsRefused() {
		Sectioned sectioned = Sectioned.of(Fixtures.resource("documents/internet-to-frontend.json"), 1);
		String index = sectioned.index().replaceAll("\"externalNetworks\":\\[[^\\]]*\\]", "\"externalNetworks\":[]");
		EnforcerPolicyIndex parsed = PolicySections.parseIndex(index);
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicySections().add(parsed, sectioned.sections()))
			.withMessageContaining("which the index does not list");
	}

	@Test
	void badTextsAreRefusedWithTheSectionsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> PolicySections.parseIndex("{\"version\":"))
			.withMessageContaining("index is not valid");
		assertThatIllegalArgumentException().isThrownBy(() -> PolicySections.parseIndex("{\"version\":1}"))
			.withMessageContaining("names no known addresses section");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PolicySections
				.parseIndex("{\"version\":1,\"externalNetworks\":[null],\"knownProcessingUnitAddresses\":\"k1\"}"))
			.withMessageContaining("index is not valid");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PolicySections.parseIndex("{\"version\":1,\"processingUnits\":[{\"incoming\":[null]}],"
					+ "\"knownProcessingUnitAddresses\":\"k1\"}"))
			.withMessageContaining("index is not valid");
		String index = "{\"enforcerID\":\"e\",\"version\":1,\"processingUnits\":[{\"processingUnit\":{\"ID\":\"p\"},"
				+ "\"incoming\":[\"c1\"]}],\"knownProcessingUnitAddresses\":\"k1\"}";
		EnforcerPolicyIndex parsed = PolicySections.parseIndex(index);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicySections().add(parsed, Map.of("c1", "{\"not\":\"a list\"}")))
			.withMessageContaining("rules section c1 is not valid");
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicySections().add(parsed, Map.of("k1", "[1,")))
			.withMessageContaining("addresses section k1 is not valid");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicySections().add(parsed, Map.of("k1", "[\"10.0.0.1\", null]")))
			.withMessageContaining("addresses section k1 holds a null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicySections().add(parsed,
					Map.of("c1", "[{\"policyID\":\"p\",\"action\":\"Allow\",\"ports\":[null]}]")))
			.withMessageContaining("rules section c1 is not valid");
	}

}
