package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NftRendererTests {

	private static final NftChain OUTPUT = new NftChain("output", "output",
			List.of(NftRule.frame("accept", null, "oif \"lo\"")));

	@Test
	void anUpdateAddsNewSetsRewritesChangedChainsOnlyAndDeletesUnusedSets() {
		Ruleset previous = ruleset(List.of(set("a_1", "10.0.0.1"), set("b_1", "10.0.0.2")),
				List.of(rule("@a_1"), rule("@b_1")));
		Ruleset next = ruleset(List.of(set("a_1", "10.0.0.1"), set("b_2", "10.0.0.2", "10.0.0.0/30")),
				List.of(rule("@a_1"), rule("@b_2")));
		NftRenderer.Plan plan = NftRenderer.update(previous, next);
		assertThat(plan.stages()).isEmpty();
		assertThat(plan.commit()).isEqualTo("""
				add table inet t
				add set inet t b_2 {
				  type ipv4_addr; flags interval;
				  elements = { 10.0.0.2, 10.0.0.0/30 }
				}
				flush chain inet t input
				add rule inet t input ip saddr @a_1 accept comment "x"
				add rule inet t input ip saddr @b_2 accept comment "x"
				delete set inet t b_1
				""");
	}

	@Test
	void setsOfSingleValuesAreHashSets() {
		assertThat(NftRenderer.script(ruleset(List.of(set("a_1", "10.0.0.1", "10.0.0.3")), List.of(rule("@a_1")))))
			.contains("type ipv4_addr;\n");
	}

	@Test
	void regularChainsAreAddedFlushedAndDeletedAsTheyComeAndGo() {
		NftChain allow = new NftChain("u0_in_allow", null, List.of(rule("@a_1")));
		NftChain reject = new NftChain("u0_in_reject", null, List.of(rule("@a_1")));
		Ruleset previous = new Ruleset("t", List.of(set("a_1", "10.0.0.1")),
				List.of(allow, base(NftRule.frame("jump u0_in_allow", null)), OUTPUT), Shards.NONE);
		Ruleset next = new Ruleset("t", List.of(set("a_1", "10.0.0.1")),
				List.of(reject, base(NftRule.frame("jump u0_in_reject", null)), OUTPUT), Shards.NONE);
		assertThat(NftRenderer.update(previous, next).commit()).isEqualTo("""
				add table inet t
				add chain inet t u0_in_reject
				flush chain inet t input
				flush chain inet t u0_in_allow
				add rule inet t u0_in_reject ip saddr @a_1 accept comment "x"
				add rule inet t input jump u0_in_reject
				delete chain inet t u0_in_allow
				""");
	}

	@Test
	void anUpdateWithOnlyNewRulesTouchesNoSet() {
		Ruleset previous = ruleset(List.of(set("a_1", "10.0.0.1")), List.of(rule("@a_1")));
		Ruleset next = ruleset(List.of(set("a_1", "10.0.0.1")), List.of(rule("@a_1"), rule("@a_1")));
		assertThat(NftRenderer.update(previous, next).commit()).doesNotContain("set")
			.startsWith("add table inet t\nflush chain inet t input\n");
	}

	@Test
	void aSetThatKeptItsNameButNotItsContentOrAnotherTableNeedsAReplace() {
		Ruleset previous = ruleset(List.of(set("a_1", "10.0.0.1")), List.of(rule("@a_1")));
		assertThat(NftRenderer.update(previous, ruleset(List.of(set("a_1", "10.0.0.9")), List.of(rule("@a_1")))))
			.isNull();
		assertThat(NftRenderer.update(previous, new Ruleset("other", previous.sets(), previous.chains(), Shards.NONE)))
			.isNull();
	}

	@Test
	void aReplaceKeepsSetsOfTheSameNameRewritesEveryChainAndDeletesWhatIsNotInTheRuleset() {
		Ruleset next = ruleset(List.of(set("a_1", "10.0.0.1"), set("b_1", "10.0.0.2")), List.of(rule("@b_1")));
		NftRenderer.Plan plan = NftRenderer
			.replace(new KernelTable(Set.of("a_1", "old_1"), Set.of(), Set.of("input", "extra")), next);
		assertThat(plan.commit()).startsWith("add table inet t\nadd set inet t b_1 {\n")
			.doesNotContain("add set inet t a_1")
			.contains("add chain inet t input { type filter hook input priority filter; policy drop; }\n",
					"add chain inet t output { type filter hook output priority filter; policy drop; }\n",
					"flush chain inet t input\n", "flush chain inet t extra\n", "delete chain inet t extra\n",
					"delete set inet t old_1\n", "add rule inet t output oif \"lo\" accept\n")
			.doesNotContain("flush chain inet t output");
	}

	@Test
	void manyNewElementsAreStagedInTransactionsOfTheirOwn() {
		String[] many = new String[NftRenderer.STAGE_ELEMENTS / 2 + 1];
		for (int i = 0; i < many.length; i++) {
			many[i] = "10." + (i / 65_536) + "." + ((i / 256) % 256) + "." + (i % 256);
		}
		Ruleset next = ruleset(List.of(set("a_1", many), set("b_1", many), set("c_1", "10.9.9.9")),
				List.of(rule("@a_1"), rule("@b_1"), rule("@c_1")));
		NftRenderer.Plan plan = NftRenderer.replace(KernelTable.NONE, next);
		assertThat(plan.stages()).hasSize(2);
		assertThat(plan.stages()).allMatch((stage) -> stage.startsWith("add table inet t\nadd set inet t "));
		assertThat(plan.stages().get(1)).contains("add set inet t b_1", "add set inet t c_1");
		assertThat(plan.commit()).doesNotContain("add set").contains("add rule inet t input ip saddr @c_1");
	}

	@Test
	void theGoldenDocumentsOneAfterTheOther() {
		String update = Fixtures.update("redis", "mixed");
		assertThat(update).doesNotContain("delete table")
			.contains("flush chain inet mseg input", "flush chain inet mseg output", "add chain inet mseg u0_in_v4_")
			.contains("add map inet mseg u0_in_units_v4_", "delete map inet mseg u0_in_units_v4_");
		// a map names chains: they are declared before it, and it is deleted before them
		assertThat(update.indexOf("add chain inet mseg u0_in_v4_"))
			.isLessThan(update.indexOf("add map inet mseg u0_in_units_v4_"));
		String back = Fixtures.update("mixed", "redis");
		assertThat(back.indexOf("delete map inet mseg u0_in_units_v4_")).isPositive()
			.isLessThan(back.indexOf("delete chain inet mseg u0_in_v4_"));
		assertThat(Fixtures.update("mixed", "mixed")).isEqualTo("add table inet mseg\n");
	}

	private static Ruleset ruleset(List<NftSet> sets, List<NftRule> input) {
		return new Ruleset("t", sets, List.of(new NftChain("input", "input", input), OUTPUT), Shards.NONE);
	}

	private static NftChain base(NftRule rule) {
		return new NftChain("input", "input", List.of(rule));
	}

	private static NftSet set(String name, String... elements) {
		return new NftSet(name, "ipv4_addr", List.of(elements));
	}

	private static NftRule rule(String set) {
		return new NftRule(List.of("ip saddr " + set), "accept", "x", true);
	}

}
