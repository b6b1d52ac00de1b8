package io.mseg.policy.decision;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.mseg.policy.Scenarios;
import io.mseg.policy.Scenarios.Case;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;

import static io.mseg.policy.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class DecisionPropertiesTests {

	@Property(tries = 400)
	void addingARejectPolicyNeverTurnsARejectIntoAnAllow(@ForAll("cases") Case c,
			@ForAll("rejects") NetworkPolicy reject) {
		Decision before = DecisionEngine.decide(c.scenario().snapshot(), c.connection(), NOW);
		Decision after = DecisionEngine.decide(c.scenario().with(reject).snapshot(), c.connection(), NOW);
		if (before.verdict() == Verdict.REJECT) {
			assertThat(after.verdict()).isEqualTo(Verdict.REJECT);
		}
	}

	@Property(tries = 400)
	void observationPoliciesNeverChangeAVerdict(@ForAll("cases") Case c,
			@ForAll("observations") NetworkPolicy observation) {
		Decision before = DecisionEngine.decide(c.scenario().snapshot(), c.connection(), NOW);
		Decision after = DecisionEngine.decide(c.scenario().with(observation).snapshot(), c.connection(), NOW);
		assertThat(after.verdict()).isEqualTo(before.verdict());
		assertThat(after.outgoing().map(SideDecision::reason)).isEqualTo(before.outgoing().map(SideDecision::reason));
		assertThat(after.incoming().map(SideDecision::reason)).isEqualTo(before.incoming().map(SideDecision::reason));
	}

	@Property(tries = 400)
	void theVerdictAllowsOnlyWhenEverySidePresentAllows(@ForAll("cases") Case c) {
		Decision decision = DecisionEngine.decide(c.scenario().snapshot(), c.connection(), NOW);
		boolean allSidesAllow = decision.outgoing().map((s) -> s.verdict() == Verdict.ALLOW).orElse(true)
				&& decision.incoming().map((s) -> s.verdict() == Verdict.ALLOW).orElse(true);
		assertThat(decision.verdict() == Verdict.ALLOW).isEqualTo(allSidesAllow);
		assertThat(decision.outgoing().isPresent() || decision.incoming().isPresent()).isTrue();
	}

	@Property(tries = 200)
	void theDecisionDoesNotDependOnTheOrderOfPolicies(@ForAll("cases") Case c) {
		java.util.List<NetworkPolicy> reversed = new java.util.ArrayList<>(c.scenario().policies());
		java.util.Collections.reverse(reversed);
		PolicySnapshot shuffled = new PolicySnapshot(c.scenario().pus(), c.scenario().networks(), reversed);
		assertThat(DecisionEngine.decide(shuffled, c.connection(), NOW))
			.isEqualTo(DecisionEngine.decide(c.scenario().snapshot(), c.connection(), NOW));
	}

	@Provide
	Arbitrary<Case> cases() {
		return Scenarios.cases();
	}

	@Provide
	Arbitrary<NetworkPolicy> rejects() {
		return Scenarios.policies(Arbitraries.just(PolicyAction.REJECT), Arbitraries.of(false, true));
	}

	@Provide
	Arbitrary<NetworkPolicy> observations() {
		return Scenarios.policies(Arbitraries.of(PolicyAction.values()), Arbitraries.just(true));
	}

}
