package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;
import org.junit.jupiter.api.Test;

import static io.mseg.enforcer.nftables.RulesetBuilderTests.document;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.lines;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.rule;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.unit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A builder that keeps what it built before gives exactly what a new builder gives,
 * whatever it built before.
 */
class RulesetBuilderReuseTests {

	private final RulesetBuilder kept = new RulesetBuilder(Fixtures.OPTIONS, (warning) -> {
	});

	@Test
	void theGoldenDocumentsInAnyOrderBuildAsFromScratch() {
		List<String> names = List.of("redis", "mixed", "merged", "mixed", "internet-to-frontend", "no-rules", "redis",
				"merged", "merged");
		for (String name : names) {
			PolicyDocument document = Fixtures.document(name);
			assertThat(this.kept.build(document)).as(name).isEqualTo(fresh(document, Shards.NONE));
		}
	}

	@Test
	void aChangedEntryOfALargeNetworkOrARemoteAddressIsSeen() {
		List<String> entries = new ArrayList<>(RulesetMergingTests.networks(20_000, 0));
		Ruleset before = this.kept.build(networkDocument(entries, "10.9.0.1"));
		entries.add("203.0.113.77");
		PolicyDocument moreEntries = networkDocument(entries, "10.9.0.1");
		Ruleset after = this.kept.build(moreEntries, before.shards());
		assertThat(after).isEqualTo(fresh(moreEntries, before.shards())).isNotEqualTo(before);
		PolicyDocument otherAddress = networkDocument(entries, "10.9.0.2");
		Ruleset moved = this.kept.build(otherAddress, after.shards());
		assertThat(moved).isEqualTo(fresh(otherAddress, after.shards()));
		assertThat(lines(moved, "input")).anyMatch((line) -> line.contains("ip saddr 10.9.0.2 tcp dport 22"))
			.noneMatch((line) -> line.contains("10.9.0.1"));
	}

	@Test
	void aRenamedRenderedRemoteProcessingUnitChangesNothingButARenamedPolicyChangesItsComment() {
		Ruleset first = this.kept
			.build(document(unit("10.233.0.1"),
					List.of(rule("a", "Allow", List.of("tcp/22"),
							List.of(new RenderedRemoteProcessingUnit("r", "old", "/", List.of("10.9.0.1"))))),
					List.of()));
		Ruleset renamedUnit = this.kept
			.build(document(unit("10.233.0.1"),
					List.of(rule("a", "Allow", List.of("tcp/22"),
							List.of(new RenderedRemoteProcessingUnit("r", "new", "/", List.of("10.9.0.1"))))),
					List.of()));
		assertThat(renamedUnit).isEqualTo(first);
		PolicyDocument renamedPolicy = document(unit("10.233.0.1"),
				List.of(new Rule("a", "renamed", "/", null, "Allow", false, false, false, List.of("tcp/22"),
						List.of(new RenderedRemoteProcessingUnit("r", "new", "/", List.of("10.9.0.1"))), List.of())),
				List.of());
		Ruleset renamed = this.kept.build(renamedPolicy);
		assertThat(renamed).isEqualTo(fresh(renamedPolicy, Shards.NONE));
		assertThat(lines(renamed, "input")).anyMatch((line) -> line.endsWith("comment \"allow: renamed [a]\""));
	}

	@Test
	void rulesKeptAsTheSameObjectsAcrossChangesBuildAsFromScratch() {
		// as the agent's sections give them: unchanged rules are the same objects, and
		// the class chains they make are kept by identity
		java.util.Random random = new java.util.Random(5);
		List<Rule> rules = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			rules.add(randomRule(random, i));
		}
		Shards shards = Shards.NONE;
		for (int step = 0; step < 80; step++) {
			int at = random.nextInt(rules.size());
			switch (random.nextInt(3)) {
				case 0 -> rules.add(at, randomRule(random, 100 + step));
				case 1 -> rules.remove(at);
				default -> rules.set(at, randomRule(random, 200 + step));
			}
			PolicyDocument document = document(unit("10.233.0.1"), List.copyOf(rules), List.copyOf(rules));
			Ruleset built = this.kept.build(document, shards);
			assertThat(built).as("step " + step).isEqualTo(fresh(document, shards));
			shards = built.shards();
		}
	}

	private static Rule randomRule(java.util.Random random, int number) {
		List<RenderedRemoteProcessingUnit> remotes = new ArrayList<>();
		int first = random.nextInt(20);
		for (int u = first; u < first + 1 + random.nextInt(5); u++) {
			remotes
				.add(new RenderedRemoteProcessingUnit("r" + u, "r" + u, "/", List.of("10.9.0." + u, "fd00:9::" + u)));
		}
		List<String> ports = List
			.<List<String>>of(List.of("tcp/22"), List.of("tcp/443", "tcp/80"), List.of("udp/53"), List.of())
			.get(random.nextInt(4));
		return new Rule("p" + number, "policy " + number, "/", null, random.nextInt(4) == 0 ? "Reject" : "Allow",
				random.nextInt(5) == 0, random.nextInt(10) == 0, false, ports, remotes, List.of());
	}

	private static PolicyDocument networkDocument(List<String> entries, String remote) {
		return document(unit("10.233.0.1"), List.of(
				rule("n", "Allow", List.of("tcp/443"), List.of(),
						List.of(new PolicyDocument.RemoteNetwork("x", "x", "/", List.copyOf(entries), List.of(),
								List.of(), List.of(), List.of()))),
				rule("u", "Allow", List.of("tcp/22"),
						List.of(new RenderedRemoteProcessingUnit("r", "r", "/", List.of(remote))))),
				List.of());
	}

	private static Ruleset fresh(PolicyDocument document, Shards shards) {
		return new RulesetBuilder(Fixtures.OPTIONS, (warning) -> {
		}).build(document, shards);
	}

}
