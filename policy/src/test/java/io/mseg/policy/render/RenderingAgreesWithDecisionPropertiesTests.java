package io.mseg.policy.render;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

class RenderingAgreesWithDecisionPropertiesTests {

	@Property(tries = 1000)
	void renderingThenEvaluatingAgreesWithTheDecisionEngineOnEverySide(@ForAll("scenarios") Scenario scenario,
			@ForAll("traffic") Traffic traffic) {
		PolicySnapshot snapshot = scenario.snapshot();
		RenderedPolicy rendered = PolicyRenderer.render(snapshot, scenario.pus(), NOW);
		for (RenderedPuPolicy local : rendered.processingUnits()) {
			for (Endpoint remote : scenario.endpoints()) {
				IpAddress address = address(remote);
				String domain = (remote instanceof Endpoint.External external) ? external.domain() : null;
				for (Side side : Side.values()) {
					Verdict expected = DecisionEngine.decideSide(snapshot, side, local.pu(), remote, traffic, NOW)
						.verdict();
					Verdict actual = RenderedPolicyEvaluator.evaluate(rendered, local, side, address, domain, traffic);
					assertThat(actual).as("%s %s, remote %s, %s", side, local.pu().id(), remote, traffic)
						.isEqualTo(expected);
				}
			}
		}
	}

	@Provide
	Arbitrary<Scenario> scenarios() {
		return Scenarios.scenarios();
	}

	@Provide
	Arbitrary<Traffic> traffic() {
		return Scenarios.traffic();
	}

	/** An enforcer sees a remote unit only through its address. */
	private static IpAddress address(Endpoint remote) {
		if (remote instanceof Endpoint.Pu pu) {
			return pu.pu().addresses().get(0);
		}
		return ((Endpoint.External) remote).address();
	}

}
