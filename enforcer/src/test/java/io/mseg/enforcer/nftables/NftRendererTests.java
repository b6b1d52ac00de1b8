package io.mseg.enforcer.nftables;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NftRendererTests {

	private static final NftChain OUTPUT = new NftChain("output", "output",
			List.of(NftRule.frame("accept", null, "oif \"lo\"")));

	@Test
	void anUpdateAddsNewSetsRewritesChangedChainsOnlyAndDeletesUnusedSets() {
		Ruleset previous = ruleset(List.of(set("a_1", "10.0.0.1"), set("b_1", "10.0.0.2")),
				List.of(rule("@a_1"), rule("@b_1")));
		Ruleset next = ruleset(List.of(set("a_1", "10.0.0.1"), set("b_2", "10.0.0.2", "10.0.0.3")),
				List.of(rule("@a_1"), rule("@b_2")));
		assertThat(NftRenderer.update(previous, next)).isEqualTo("""
				add set inet t b_2 {
				  type ipv4_addr; flags interval;
				  elements = { 10.0.0.2, 10.0.0.3 }
				}
				flush chain inet t input
				add rule inet t input ip saddr @a_1 accept comment "x"
				add rule inet t input ip saddr @b_2 accept comment "x"
				delete set inet t b_1
				""");
	}

	@Test
	void anUpdateWithOnlyNewRulesTouchesNoSet() {
		Ruleset previous = ruleset(List.of(set("a_1", "10.0.0.1")), List.of(rule("@a_1")));
		Ruleset next = ruleset(List.of(set("a_1", "10.0.0.1")), List.of(rule("@a_1"), rule("@a_1")));
		assertThat(NftRenderer.update(previous, next)).doesNotContain("set").startsWith("flush chain inet t input\n");
	}

	@Test
	void aSetThatKeptItsNameButNotItsContentOrAnotherTableNeedsAFullReplace() {
		Ruleset previous = ruleset(List.of(set("a_1", "10.0.0.1")), List.of(rule("@a_1")));
		assertThat(NftRenderer.update(previous, ruleset(List.of(set("a_1", "10.0.0.9")), List.of(rule("@a_1")))))
			.isNull();
		assertThat(NftRenderer.update(previous, new Ruleset("other", previous.sets(), previous.chains(), Shards.NONE)))
			.isNull();
	}

	@Test
	void anUpdateAppliedToTheOldTableGivesTheNewOne() {
		// the same golden documents the kernel tests load, one after the other
		assertThat(Fixtures.update("redis", "mixed")).doesNotContain("delete table")
			.contains("flush chain inet mseg input", "flush chain inet mseg output")
			.contains("delete set inet mseg remote_v4_");
		assertThat(Fixtures.update("mixed", "mixed")).isEmpty();
	}

	private static Ruleset ruleset(List<NftSet> sets, List<NftRule> input) {
		return new Ruleset("t", sets, List.of(new NftChain("input", "input", input), OUTPUT), Shards.NONE);
	}

	private static NftSet set(String name, String... elements) {
		return new NftSet(name, "ipv4_addr", List.of(elements));
	}

	private static NftRule rule(String set) {
		return new NftRule(List.of("ip saddr " + set), "accept", "x", true);
	}

}
