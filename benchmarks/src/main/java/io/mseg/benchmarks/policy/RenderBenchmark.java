package io.mseg.benchmarks.policy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.render.RenderedPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to compute one processing unit's rendered policy from the index
 * (docs/benchmarks.md; 1, target &lt; 5 ms): warm, with the per-policy rule cache filled
 * as in a running console, and cold, as the first render after the index was built (every
 * rule computed).
 */
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx4g" })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderBenchmark {

	/** The world and a random sequence of its units. */
	@State(Scope.Benchmark)
	public static class Warm {

		/** {@code tiny}, {@code small} (5,000 units) or {@code full} (50,000). */
		@Param({ "small" })
		public String size;

		/** {@code fallback} or {@code local}, see {@link BenchWorld.Shape}. */
		@Param({ "fallback" })
		public String shape;

		PolicyIndex index;

		ProcessingUnit[] sample;

		int next;

		@Setup(Level.Trial)
		public void build() {
			BenchWorld world = BenchWorld.ofSize(this.size, BenchWorld.Shape.valueOf(this.shape.toUpperCase()));
			this.index = IndexedWorld.of(world).index();
			this.sample = sample(world, 4096, 1);
		}

		ProcessingUnit nextUnit() {
			ProcessingUnit pu = this.sample[this.next];
			this.next = (this.next + 1) % this.sample.length;
			return pu;
		}

	}

	/** A fresh index for every measurement, so that nothing is cached yet. */
	@State(Scope.Benchmark)
	public static class Cold {

		@Param({ "small" })
		public String size;

		@Param({ "fallback" })
		public String shape;

		BenchWorld world;

		PolicyIndex index;

		ProcessingUnit[] sample;

		int next;

		@Setup(Level.Trial)
		public void build() {
			this.world = BenchWorld.ofSize(this.size, BenchWorld.Shape.valueOf(this.shape.toUpperCase()));
			this.sample = sample(this.world, 1024, 2);
		}

		@Setup(Level.Iteration)
		public void freshIndex() {
			this.index = null;
			System.gc();
			this.index = IndexedWorld.of(this.world).index();
		}

	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 5, time = 2)
	public RenderedPolicy renderWarm(Warm state) {
		return state.index.render(List.of(state.nextUnit()), IndexedWorld.NOW);
	}

	/** One render per iteration, the first after the index was built. */
	@Benchmark
	@BenchmarkMode(Mode.SingleShotTime)
	@Warmup(iterations = 5)
	@Measurement(iterations = 20)
	public RenderedPolicy renderCold(Cold state) {
		ProcessingUnit pu = state.sample[state.next];
		state.next = (state.next + 1) % state.sample.length;
		return state.index.render(List.of(pu), IndexedWorld.NOW);
	}

	static ProcessingUnit[] sample(BenchWorld world, int count, long seed) {
		Random random = new Random(seed);
		ProcessingUnit[] sample = new ProcessingUnit[count];
		for (int i = 0; i < count; i++) {
			sample[i] = world.units().get(random.nextInt(world.units().size()));
		}
		return sample;
	}

}
