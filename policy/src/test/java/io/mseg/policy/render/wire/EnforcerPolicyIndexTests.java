package io.mseg.policy.render.wire;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnforcerPolicyIndexTests {

	private static final RenderedPolicyTarget UNIT = new RenderedPolicyTarget("u", "web", "/t", List.of("10.0.0.1"),
			List.of());

	@Test
	void listsEverySectionOnceRulesThenNetworksThenKnownAddresses() {
		EnforcerPolicyIndex index = new EnforcerPolicyIndex("e", 1,
				List.of(new EnforcerUnitIndex(UNIT, List.of("c1", "c2"), List.of("c2", "c3")),
						new EnforcerUnitIndex(UNIT, List.of("c1"), List.of())),
				List.of("n1", "n2"), "k");

		assertThat(index.ruleChunks()).containsExactly("c1", "c2", "c3");
		assertThat(index.sections()).containsExactly("c1", "c2", "c3", "n1", "n2", "k");
	}

	@Test
	void oneTextCanBeSectionsOfTwoKindsAndIsListedOnce() {
		// no rules and no known addresses: both sections are "[]"
		String empty = SectionNames.of("[]");
		EnforcerPolicyIndex index = new EnforcerPolicyIndex("e", 1,
				List.of(new EnforcerUnitIndex(UNIT, List.of(empty), List.of())), List.of(), empty);

		assertThat(index.sections()).containsExactly(empty);
	}

	@Test
	void listsLeftOutReadAsEmpty() {
		EnforcerPolicyIndex index = new EnforcerPolicyIndex("e", 1, null, null, "k");
		EnforcerUnitIndex unit = new EnforcerUnitIndex(null, null, null);

		assertThat(index.processingUnits()).isEmpty();
		assertThat(index.externalNetworks()).isEmpty();
		assertThat(unit.incoming()).isEmpty();
		assertThat(unit.outgoing()).isEmpty();
		assertThat(index.sections()).containsExactly("k");
	}

}
