package io.mseg.policy.decision;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import io.mseg.policy.Scenarios;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;

import static io.mseg.policy.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.pick;

/**
 * Property tests. QuickTheories does not run a draw it has already tried, so each
 * property asks for more draws than the examples it must run at least ({@code N} in
 * {@code withExamples(draws) // N}).
 */
class DecisionPropertiesTests {

	@Test
	void addingARejectPolicyNeverTurnsARejectIntoAnAllow() {
		qt().withExamples(420) // 400
			.forAll(Scenarios.cases(), rejects())
			.checkAssert((c, reject) -> {
				Decision before = DecisionEngine.decide(c.scenario().snapshot(), c.connection(), NOW);
				Decision after = DecisionEngine.decide(c.scenario().with(reject).snapshot(), c.connection(), NOW);
				if (before.verdict() == Verdict.REJECT) {
					assertThat(after.verdict()).isEqualTo(Verdict.REJECT);
				}
			});
	}

	@Test
	void observationPoliciesNeverChangeAVerdict() {
		qt().withExamples(420) // 400
			.forAll(Scenarios.cases(), observations())
			.checkAssert((c, observation) -> {
				Decision before = DecisionEngine.decide(c.scenario().snapshot(), c.connection(), NOW);
				Decision after = DecisionEngine.decide(c.scenario().with(observation).snapshot(), c.connection(), NOW);
				assertThat(after.verdict()).isEqualTo(before.verdict());
				assertThat(after.outgoing().map(SideDecision::reason))
					.isEqualTo(before.outgoing().map(SideDecision::reason));
				assertThat(after.incoming().map(SideDecision::reason))
					.isEqualTo(before.incoming().map(SideDecision::reason));
			});
	}

	@Test
	void theVerdictAllowsOnlyWhenEverySidePresentAllows() {
		qt().withExamples(420) // 400
			.forAll(Scenarios.cases())
			.checkAssert((c) -> {
				Decision decision = DecisionEngine.decide(c.scenario().snapshot(), c.connection(), NOW);
				boolean allSidesAllow = decision.outgoing().map((s) -> s.verdict() == Verdict.ALLOW).orElse(true)
						&& decision.incoming().map((s) -> s.verdict() == Verdict.ALLOW).orElse(true);
				assertThat(decision.verdict() == Verdict.ALLOW).isEqualTo(allSidesAllow);
				assertThat(decision.outgoing().isPresent() || decision.incoming().isPresent()).isTrue();
			});
	}

	@Test
	void theDecisionDoesNotDependOnTheOrderOfPolicies() {
		qt().withExamples(220) // 200
			.forAll(Scenarios.cases())
			.checkAssert((c) -> {
				java.util.List<NetworkPolicy> reversed = new java.util.ArrayList<>(c.scenario().policies());
				java.util.Collections.reverse(reversed);
				PolicySnapshot shuffled = new PolicySnapshot(c.scenario().pus(), c.scenario().networks(), reversed);
				assertThat(DecisionEngine.decide(shuffled, c.connection(), NOW))
					.isEqualTo(DecisionEngine.decide(c.scenario().snapshot(), c.connection(), NOW));
			});
	}

	static Gen<NetworkPolicy> rejects() {
		return Scenarios.policies(constant(PolicyAction.REJECT), pick(List.of(false, true)));
	}

	static Gen<NetworkPolicy> observations() {
		return Scenarios.policies(pick(List.of(PolicyAction.values())), constant(true));
	}

}
