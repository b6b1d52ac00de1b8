package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import org.junit.jupiter.api.Test;

import static io.mseg.enforcer.nftables.RulesetBuilderTests.document;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.lines;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.remote;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.rule;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.unit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policies merged into few rules, named sets by content, and large sets in shards.
 */
class RulesetMergingTests {

	@Test
	void policiesOfOneVerdictClassWithTheSamePortsBecomeOneRuleInEachRemoteClass() {
		Ruleset ruleset = build(document(unit("10.233.0.1"),
				List.of(rule("a", "Allow", List.of("tcp/443", "tcp/80"), remote("10.9.0.1")),
						rule("b", "Allow", List.of("tcp/80", "tcp/443"), remote("10.9.0.2", "10.9.0.1")),
						rule("c", "Allow", List.of("tcp/22"), remote("10.9.0.3")),
						rule("d", "Reject", List.of("tcp/80", "tcp/443"), remote("10.9.0.4"))),
				List.of()));
		assertThat(lines(ruleset, "input").subList(Fixtures.INPUT_FRAME, Fixtures.INPUT_FRAME + 4)).containsExactly(
				"ip daddr @u0_v4 ip saddr 10.9.0.1 tcp dport @port counter accept comment \"allow: a [a], b [b]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.2 tcp dport @port counter accept comment \"allow: b [b]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.3 tcp dport 22 counter accept comment \"allow: c [c]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.4 tcp dport @port counter drop comment \"reject: d [d]\"");
		assertThat(ruleset.policyRuleCount()).isEqualTo(4);
		assertThat(ruleset.sets().stream().filter((set) -> set.type().equals("inet_service"))).hasSize(2);
	}

	@Test
	void unitsAndNetworksObservationsAndFallbacksAreNeverMerged() {
		Rule network = rule("n", "Allow", List.of("tcp/80"), List.of(), List.of(new RemoteNetwork("x", "x", "/",
				List.of("192.0.2.0/24"), List.of(), List.of(), List.of("tcp/80"), List.of("tcp/80"))));
		Rule observed = new Rule("o", "o", "/", null, "Allow", false, true, false, List.of("tcp/80"),
				remote("10.9.0.5"), List.of());
		Rule observedToo = new Rule("o2", "o2", "/", null, "Allow", false, true, false, List.of("tcp/80"),
				remote("10.9.0.6"), List.of());
		Rule fallback = new Rule("f", "f", "/", null, "Allow", true, false, false, List.of("tcp/80"),
				remote("10.9.0.7"), List.of());
		Rule reject = rule("r", "Reject", List.of("tcp/80"), remote("10.9.0.5"));
		Ruleset ruleset = new RulesetBuilder(Fixtures.OPTIONS, (warning) -> {
		}).build(
				new PolicyDocument(
						"e", 1, List
							.of(new UnitPolicy(unit("10.233.0.1"),
									List.of(rule("a", "Allow", List.of("tcp/80"), remote("10.9.0.1")), network,
											observed, observedToo, fallback, reject),
									List.of())),
						List.of("10.233.0.1")));
		List<String> input = lines(ruleset, "input");
		assertThat(input.subList(Fixtures.INPUT_FRAME, input.size() - 1)).containsExactly(
				"ip daddr @u0_v4 ip saddr 10.9.0.1 tcp dport 80 counter accept comment \"allow: a [a]\"",
				// within a class: observations first, then rejects, allows, fallbacks
				"ip daddr @u0_v4 ip saddr 10.9.0.5 tcp dport 80 counter comment \"observe allow: o [o]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.5 tcp dport 80 counter drop comment \"reject: r [r]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.6 tcp dport 80 counter comment \"observe allow: o2 [o2]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.7 tcp dport 80 counter accept comment \"fallback allow: f [f]\"",
				"ip daddr @u0_v4 ip saddr 10.233.0.1 return",
				"ip daddr @u0_v4 ip saddr @remote_v4 tcp dport 80 counter accept comment \"allow: n [n]\"");
	}

	@Test
	void aLongListOfPoliciesIsNamedByIdsAndCutWithACountInTheComment() {
		List<Rule> rules = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			rules.add(rule("p" + i, "Allow", List.of(), remote("10.9.0.1")));
		}
		String comment = firstComment(build(document(unit("10.233.0.1"), rules, List.of())));
		assertThat(comment).startsWith("allow: [p0], [p1], [p2], ").endsWith(" more");
		assertThat(comment.length()).isLessThanOrEqualTo(128);
		int named = comment.split("\\], ").length;
		assertThat(comment).endsWith(" +" + (40 - named) + " more");
		assertThat(RuleComments.comment("allow", List.of(rule("x".repeat(200), "Allow", List.of(), remote()))))
			.hasSizeLessThanOrEqualTo(128)
			.endsWith(" +1 more");
	}

	@Test
	void threeUuidsFitWithoutTheirNames() {
		List<Rule> rules = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			rules.add(new Rule(java.util.UUID.randomUUID().toString(), "a rather long policy name " + i, "/", null,
					"Allow", false, false, false, List.of(), remote("10.9.0.1"), List.of()));
		}
		String comment = firstComment(build(document(unit("10.233.0.1"), rules, List.of())));
		assertThat(comment).isEqualTo("allow: [" + rules.get(0).policyId() + "], [" + rules.get(1).policyId() + "], ["
				+ rules.get(2).policyId() + "]");
		assertThat(RuleComments.comment("allow", rules.subList(0, 1)))
			.isEqualTo("allow: a rather long policy name 0 [" + rules.get(0).policyId() + "]");
	}

	private static String firstComment(Ruleset ruleset) {
		return ruleset.chains()
			.stream()
			.flatMap((chain) -> chain.rules().stream())
			.filter(NftRule::fromPolicy)
			.findFirst()
			.orElseThrow()
			.comment();
	}

	@Test
	void aLargeSetIsShardedAndTheRuleCountDoesNotDependOnTheNumberOfAddresses() {
		Ruleset small = build(networkDocument(networks(Shards.SPLIT_ABOVE + 1, 0)));
		Ruleset large = build(networkDocument(networks(40_000, 0)));
		assertThat(large.policyRuleCount()).isEqualTo(Shards.MAX_SHARDS).isEqualTo(small.policyRuleCount());
		List<NftSet> shards = remoteSets(large);
		assertThat(shards).hasSize(Shards.MAX_SHARDS);
		assertThat(shards.stream().mapToInt((set) -> set.elements().size()).sum()).isEqualTo(40_000);
		assertThat(shards).allMatch((set) -> set.elements().size() <= 40_000 / Shards.MAX_SHARDS + 1);
		assertThat(remoteSets(build(networkDocument(networks(Shards.SPLIT_ABOVE, 0))))).hasSize(1);
	}

	@Test
	void aOneEntryChangeWithTheSameBoundariesChangesOneShardOnly() {
		Ruleset before = build(networkDocument(networks(20_000, 0)));
		List<String> more = new ArrayList<>(networks(20_000, 0));
		more.add("203.0.113.77");
		Ruleset after = new RulesetBuilder(Fixtures.OPTIONS, (warning) -> {
		}).build(networkDocument(more), before.shards());
		assertThat(after.shards()).isEqualTo(before.shards());
		Set<String> old = before.sets().stream().map(NftSet::name).collect(Collectors.toSet());
		assertThat(after.sets().stream().filter((set) -> !old.contains(set.name()))).hasSize(1);
		assertThat(after.policyRuleCount()).isEqualTo(before.policyRuleCount());
		String update = NftRenderer.update(before, after).text();
		assertThat(update.lines().filter((line) -> line.startsWith("add set"))).hasSize(1);
		assertThat(update.lines().filter((line) -> line.startsWith("delete set"))).hasSize(1);
		// only the chain of the group over the sharded set is rewritten, not the unit's
		// chain
		assertThat(update.lines().filter((line) -> line.startsWith("flush chain")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.matches("flush chain inet mseg u0_in_net_[0-9a-f]{12}");
	}

	@Test
	void boundariesAreChosenAgainWhenAShardOutgrowsThem() {
		Ruleset before = build(networkDocument(networks(5_000, 0)));
		List<String> grown = new ArrayList<>(networks(5_000, 0));
		grown.addAll(networks(20_000, 1));
		Ruleset after = new RulesetBuilder(Fixtures.OPTIONS, (warning) -> {
		}).build(networkDocument(grown), before.shards());
		assertThat(after.shards()).isNotEqualTo(before.shards());
		assertThat(remoteSets(after)).allMatch((set) -> set.elements().size() <= 2 * Shards.SPLIT_ABOVE);
	}

	@Test
	void knownUnitsThatNoRuleNamesReturnBeforeTheNetworksRulesWhateverTheirNumber() {
		List<String> known = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			known.add("10.50." + (i / 200) + "." + (i % 200));
		}
		PolicyDocument document = new PolicyDocument("e", 1,
				List.of(new UnitPolicy(unit("10.233.0.1"),
						List.of(rule("a", "Allow", List.of(), List.of(), List.of(new RemoteNetwork("x", "x", "/",
								List.of("0.0.0.0/0"), List.of(), List.of(), List.of(), List.of())))),
						List.of())),
				known);
		Ruleset ruleset = build(document);
		assertThat(ruleset.policyRuleCount()).isEqualTo(1);
		// above the shard threshold the map is 16 maps, each address in one for good
		List<String> chain = RulesetBuilderTests.chainLines(ruleset, "u0_in");
		assertThat(chain).hasSize(Shards.MAX_SHARDS + 1)
			.endsWith("ip saddr @remote_v4 counter accept comment \"allow: a [a]\"");
		assertThat(chain.subList(0, Shards.MAX_SHARDS))
			.allMatch((line) -> line.startsWith("ip saddr vmap @u0_in_units_v4_s"));
		List<NftSet> maps = ruleset.sets().stream().filter(NftSet::map).toList();
		assertThat(maps).hasSize(Shards.MAX_SHARDS)
			.allMatch((map) -> map.elements().size() > 10_000 / Shards.MAX_SHARDS / 2
					&& map.elements().size() < 10_000 / Shards.MAX_SHARDS * 2);
		assertThat(maps.stream().flatMap((map) -> map.elements().stream())).hasSize(10_000)
			.allMatch((element) -> element.endsWith(" : return"));

		// one more known unit rewrites one shard
		List<String> more = new ArrayList<>(known);
		more.add("10.51.0.1");
		Ruleset after = build(new PolicyDocument("e", 2, document.processingUnits(), more));
		Set<String> before = ruleset.sets().stream().map(NftSet::name).collect(Collectors.toSet());
		assertThat(after.sets().stream().filter((set) -> !before.contains(set.name()))).hasSize(1);
	}

	private static List<NftSet> remoteSets(Ruleset ruleset) {
		return ruleset.sets().stream().filter((set) -> set.name().startsWith("remote_v4")).toList();
	}

	/** Distinct /28 networks: block {@code seed} of 10.0.0.0/8 ... */
	static List<String> networks(int count, int seed) {
		List<String> networks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long base = ((10L + seed) << 24) + (long) i * 32;
			networks.add(((base >> 24) & 255) + "." + ((base >> 16) & 255) + "." + ((base >> 8) & 255) + "."
					+ (base & 255) + "/28");
		}
		return networks;
	}

	private static PolicyDocument networkDocument(List<String> entries) {
		return document(unit("10.233.0.1"),
				List.of(rule("a", "Allow", List.of("tcp/443"), List.of(), List
					.of(new RemoteNetwork("x", "x", "/", entries, List.of(), List.of(), List.of(), List.of())))),
				List.of());
	}

	private static Ruleset build(PolicyDocument document) {
		return new RulesetBuilder(Fixtures.OPTIONS, (warning) -> {
		}).build(document);
	}

}
