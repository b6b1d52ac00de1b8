package io.mseg.policy.render;

import org.junit.jupiter.api.Test;

import io.mseg.policy.Scenarios;
import io.mseg.policy.Scenarios.Scenario;
import io.mseg.policy.decision.DecisionEngine;
import io.mseg.policy.decision.Endpoint;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.decision.Side;
import io.mseg.policy.decision.Verdict;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.Traffic;

import static io.mseg.policy.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * Property tests. QuickTheories does not run a draw it has already tried, so each
 * property asks for more draws than the examples it must run at least ({@code N} in
 * {@code withExamples(draws) // N}).
 */
class RenderingAgreesWithDecisionPropertiesTests {

	@Test
	void renderingThenEvaluatingAgreesWithTheDecisionEngineOnEverySide() {
		qt().withExamples(1050) // 1000
			.forAll(Scenarios.scenarios(), Scenarios.traffic())
			.checkAssert(RenderingAgreesWithDecisionPropertiesTests::renderingThenEvaluatingAgrees);
	}

	private static void renderingThenEvaluatingAgrees(Scenario scenario, Traffic traffic) {
		PolicySnapshot snapshot = scenario.snapshot();
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, scenario.pus(), NOW);
		for (RenderedPuPolicy local : rendered.processingUnits()) {
			for (Endpoint remote : scenario.endpoints()) {
				IpAddress address = address(remote);
				String domain = (remote instanceof Endpoint.External external) ? external.domain() : null;
				for (Side side : Side.values()) {
					Verdict expected = DecisionEngine.decideSide(snapshot, side, local.pu(), remote, traffic, NOW)
						.verdict();
					Verdict actual = RenderedPolicyEvaluator.evaluate(rendered, local, side, address, domain, traffic,
							snapshot.processingUnitAddresses()::contains);
					assertThat(actual).as("%s %s, remote %s, %s", side, local.pu().id(), remote, traffic)
						.isEqualTo(expected);
				}
			}
		}
	}

	/** An enforcer sees a remote unit only through its address. */
	private static IpAddress address(Endpoint remote) {
		if (remote instanceof Endpoint.Pu pu) {
			return pu.pu().addresses().get(0);
		}
		return ((Endpoint.External) remote).address();
	}

}
