package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.policy.decision.DecisionReason;
import io.mseg.policy.decision.Verdict;
import io.mseg.policy.model.PolicyAction;
import org.junit.jupiter.api.Test;

import static io.mseg.enforcer.nftables.RulesetBuilderTests.lines;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.remote;
import static io.mseg.enforcer.nftables.RulesetBuilderTests.unit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel rules follow the policy core's evaluation order
 * ({@link DecisionReason#inEvaluationOrder()}), which the decision engine follows too: a
 * packet meets the rules of the class the core ranks first before any other.
 */
class VerdictClassTests {

	/** Every (action, fallback) a policy can have, the core naming its class. */
	private static final List<Kind> KINDS = List.of(new Kind(PolicyAction.ALLOW, false),
			new Kind(PolicyAction.REJECT, false), new Kind(PolicyAction.ALLOW, true),
			new Kind(PolicyAction.REJECT, true));

	@Test
	void ofEveryPairOfClassesAPacketMeetsTheRulesOfTheClassTheCoreRanksFirstFirst() {
		for (Kind one : KINDS) {
			for (Kind other : KINDS) {
				if (one == other) {
					continue;
				}
				Kind first = precedes(one.reason(), other.reason()) ? one : other;
				Kind second = (first == one) ? other : one;
				// the document lists them in the other order: the kernel must not depend
				// on
				// it
				List<String> input = lines(build(List.of(rule("b", second, false), rule("a", first, false))), "input");
				List<String> fromTheUnit = input.stream().filter((line) -> line.contains("saddr 10.9.0.1 ")).toList();
				List<String> fromTheNetwork = input.stream().filter((line) -> line.contains("@remote_v4")).toList();
				for (List<String> lines : List.of(fromTheUnit, fromTheNetwork)) {
					assertThat(lines).as(one + " and " + other)
						.extracting(VerdictClassTests::label)
						.containsExactly(VerdictClass.label(first.reason()), VerdictClass.label(second.reason()));
					assertThat(verdict(lines.get(0))).as(one + " and " + other).isEqualTo(first.reason().verdict());
				}
			}
		}
	}

	@Test
	void observationsComeBeforeEveryClassAndTheDefaultRejectAfterThemAll() {
		List<Rule> rules = new ArrayList<>();
		for (int i = 0; i < KINDS.size(); i++) {
			rules.add(0, rule("p" + i, KINDS.get(i), false));
			rules.add(0, rule("o" + i, KINDS.get(i), true));
		}
		List<String> input = lines(build(rules), "input");
		List<String> labels = input.stream()
			.filter((line) -> line.contains("saddr 10.9.0.1 "))
			.map(VerdictClassTests::label)
			.toList();
		assertThat(labels.subList(0, KINDS.size())).allMatch((label) -> label.startsWith("observe "));
		assertThat(labels.subList(KINDS.size(), labels.size()))
			.containsExactlyElementsOf(DecisionReason.inEvaluationOrder()
				.stream()
				.filter((reason) -> reason != DecisionReason.DEFAULT_REJECT)
				.map(VerdictClass::label)
				.toList());
		assertThat(label(input.get(input.size() - 1))).isEqualTo(VerdictClass.label(DecisionReason.DEFAULT_REJECT));
	}

	@Test
	void theRankOfEveryClassFollowsTheCoresEvaluationOrderAfterObservations() {
		for (Kind one : KINDS) {
			for (Kind other : KINDS) {
				for (boolean logged : List.of(false, true)) {
					for (boolean otherLogged : List.of(false, true)) {
						int rank = VerdictClass.rank(rule("a", one, false), logged);
						int otherRank = VerdictClass.rank(rule("b", other, false), otherLogged);
						if (one != other) {
							assertThat(rank < otherRank).as(one + " before " + other)
								.isEqualTo(precedes(one.reason(), other.reason()));
						}
						assertThat(VerdictClass.rank(rule("o", one, true), logged)).isLessThan(otherRank);
					}
				}
				// within a class, logged rules first: a connection a logged policy
				// decides is logged
				assertThat(VerdictClass.rank(rule("a", one, false), true))
					.isLessThan(VerdictClass.rank(rule("b", one, false), false));
			}
		}
	}

	private static boolean precedes(DecisionReason one, DecisionReason other) {
		List<DecisionReason> order = DecisionReason.inEvaluationOrder();
		return order.indexOf(one) < order.indexOf(other);
	}

	private static Ruleset build(List<Rule> rules) {
		return new RulesetBuilder(Fixtures.OPTIONS, (warning) -> {
		}).build(new PolicyDocument("e", 1, List.of(new UnitPolicy(unit("10.233.0.1"), rules, List.of())), List.of()));
	}

	/** A rule naming both a remote unit (10.9.0.1) and an external network. */
	private static Rule rule(String id, Kind kind, boolean observed) {
		RemoteNetwork network = new RemoteNetwork("n", "n", "/", List.of("192.0.2.0/24"), List.of(), List.of(),
				List.of(), List.of("tcp/80"));
		return new Rule(id, id, "/", null, kind.action().wireName(), kind.fallback(), observed, false,
				List.of("tcp/80"), remote("10.9.0.1"), List.of(network));
	}

	/**
	 * The verdict class a rule's comment names: {@code fallback allow} of
	 * {@code "fallback allow: a [a]"}.
	 */
	private static String label(String line) {
		String comment = line.substring(line.indexOf("comment \"") + 9);
		return comment.substring(0, comment.indexOf(':') >= 0 ? comment.indexOf(':') : comment.length() - 1);
	}

	private static Verdict verdict(String line) {
		if (line.contains(" counter accept ")) {
			return Verdict.ALLOW;
		}
		assertThat(line).contains(" counter drop ");
		return Verdict.REJECT;
	}

	private record Kind(PolicyAction action, boolean fallback) {

		DecisionReason reason() {
			return DecisionReason.of(this.action, this.fallback);
		}

	}

}
