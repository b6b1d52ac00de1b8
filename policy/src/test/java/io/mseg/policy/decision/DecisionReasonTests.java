package io.mseg.policy.decision;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;

import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.decision.DecisionEngineTests.CART;
import static io.mseg.policy.decision.DecisionEngineTests.REDIS;
import static io.mseg.policy.decision.DecisionEngineTests.REDIS_PORT;
import static io.mseg.policy.decision.DecisionEngineTests.at;
import static io.mseg.policy.decision.DecisionEngineTests.decide;
import static org.assertj.core.api.Assertions.assertThat;

class DecisionReasonTests {

	private static final List<DecisionReason> POLICY_CLASSES = List.of(DecisionReason.REJECT_POLICY,
			DecisionReason.ALLOW_POLICY, DecisionReason.FALLBACK_REJECT_POLICY, DecisionReason.FALLBACK_ALLOW_POLICY);

	@Test
	void classesAreEvaluatedRejectsAllowsFallbackRejectsFallbackAllowsThenTheDefault() {
		assertThat(DecisionReason.inEvaluationOrder()).containsExactly(DecisionReason.REJECT_POLICY,
				DecisionReason.ALLOW_POLICY, DecisionReason.FALLBACK_REJECT_POLICY,
				DecisionReason.FALLBACK_ALLOW_POLICY, DecisionReason.DEFAULT_REJECT);
	}

	@Test
	void aPolicyBelongsToTheClassOfItsActionAndFallbackFlag() {
		assertThat(DecisionReason.of(PolicyAction.REJECT, false)).isEqualTo(DecisionReason.REJECT_POLICY);
		assertThat(DecisionReason.of(PolicyAction.ALLOW, false)).isEqualTo(DecisionReason.ALLOW_POLICY);
		assertThat(DecisionReason.of(PolicyAction.REJECT, true)).isEqualTo(DecisionReason.FALLBACK_REJECT_POLICY);
		assertThat(DecisionReason.of(PolicyAction.ALLOW, true)).isEqualTo(DecisionReason.FALLBACK_ALLOW_POLICY);
	}

	@Test
	void ofTwoMatchingClassesTheEngineTakesTheOneEarlierInEvaluationOrder() {
		for (DecisionReason first : POLICY_CLASSES) {
			for (DecisionReason second : POLICY_CLASSES) {
				List<NetworkPolicy> policies = List.of(matching("a", first), matching("b", second));
				DecisionReason expected = DecisionReason.inEvaluationOrder()
					.stream()
					.filter((reason) -> reason == first || reason == second)
					.findFirst()
					.orElseThrow();
				SideDecision side = decide(policies, at(CART), at(REDIS), REDIS_PORT).outgoing().orElseThrow();
				assertThat(side.reason()).as(first + " and " + second).isEqualTo(expected);
				assertThat(side.verdict()).isEqualTo(expected.verdict());
			}
		}
	}

	private static NetworkPolicy matching(String name, DecisionReason reason) {
		boolean reject = reason.verdict() == Verdict.REJECT;
		boolean fallback = reason == DecisionReason.FALLBACK_REJECT_POLICY
				|| reason == DecisionReason.FALLBACK_ALLOW_POLICY;
		return policy(name, "/acme").action(reject ? PolicyAction.REJECT : PolicyAction.ALLOW)
			.fallback(fallback)
			.subject("app=cartservice")
			.object("app=redis")
			.build();
	}

}
