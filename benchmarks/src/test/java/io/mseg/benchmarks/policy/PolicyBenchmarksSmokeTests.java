package io.mseg.benchmarks.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every JMH benchmark method once on a tiny world, outside JMH: proves the harness
 * works without timing anything.
 */
class PolicyBenchmarksSmokeTests {

	@Test
	void theSmallWorldHasOneTenantOfTheFullShape() {
		BenchWorld world = BenchWorld.ofSize("small", BenchWorld.Shape.FALLBACK);
		assertThat(world.units()).hasSize(5_000);
		assertThat(world.policyCount()).isEqualTo(500);
		assertThat(world.networks()).hasSize(100);
		assertThat(world.leaves()).hasSize(100);
	}

	@ParameterizedTest
	@ValueSource(strings = { "fallback", "local" })
	void everyRenderBenchmarkRuns(String shape) {
		RenderBenchmark benchmark = new RenderBenchmark();
		RenderBenchmark.Warm warm = new RenderBenchmark.Warm();
		warm.size = "tiny";
		warm.shape = shape;
		warm.build();
		assertThat(benchmark.renderWarm(warm).processingUnits()).hasSize(1);
		RenderBenchmark.Cold cold = new RenderBenchmark.Cold();
		cold.size = "tiny";
		cold.shape = shape;
		cold.build();
		cold.freshIndex();
		assertThat(benchmark.renderCold(cold).processingUnits()).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "fallback", "local" })
	void everyChangeBenchmarkRunsAndRendersItsImpact(String shape) {
		ChangeBenchmark benchmark = new ChangeBenchmark();
		for (int round = 0; round < 2; round++) {
			assertThat(benchmark.addUnit(ready(new ChangeBenchmark.AbsentUnits(), shape))).isPositive();
			assertThat(benchmark.removeUnit(ready(new ChangeBenchmark.PresentUnits(), shape))).isNotNegative();
			assertThat(benchmark.editLeafPolicy(ready(new ChangeBenchmark.LeafPolicies(), shape))).isPositive();
			assertThat(benchmark.editTeamPolicy(ready(new ChangeBenchmark.TeamPolicies(), shape))).isPositive();
			assertThat(benchmark.editTenantPolicy(ready(new ChangeBenchmark.TenantPolicies(), shape))).isPositive();
			assertThat(benchmark.editLeafNetwork(ready(new ChangeBenchmark.LeafNetworks(), shape))).isPositive();
			// In the local world, some partner networks are selected by no policy.
			assertThat(benchmark.editTenantNetwork(ready(new ChangeBenchmark.TenantNetworks(), shape))).isNotNegative();
		}
	}

	private static <T extends ChangeBenchmark.World> T ready(T state, String shape) {
		state.size = "tiny";
		state.shape = shape;
		state.build();
		if (state instanceof ChangeBenchmark.AbsentUnits units) {
			units.next();
		}
		else if (state instanceof ChangeBenchmark.PresentUnits units) {
			units.next();
		}
		else if (state instanceof ChangeBenchmark.Policies policies) {
			policies.next();
		}
		else if (state instanceof ChangeBenchmark.Networks networks) {
			networks.next();
		}
		return state;
	}

}
