package io.mseg.benchmarks.policy;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.mseg.benchmarks.policy.BenchWorld.Level;
import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to handle one change (docs/benchmarks.md, target &lt; 50 ms): the index
 * mutation, which answers the units whose rendered policy may change, plus the re-render
 * of every one of them. Each invocation changes a different, randomly drawn object; the
 * untimed set-up before it undoes the previous change. The number of impacted units per
 * change is printed at the end of each trial ({@code impacted units per change}).
 */
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx4g" })
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChangeBenchmark {

	@Benchmark
	public long addUnit(AbsentUnits state) {
		return state.handle(() -> state.index.put(state.unit));
	}

	@Benchmark
	public long removeUnit(PresentUnits state) {
		return state.handle(() -> state.index.removeProcessingUnit(state.unit.id()));
	}

	/** Another port on a policy of a leaf namespace (not propagated). */
	@Benchmark
	public long editLeafPolicy(LeafPolicies state) {
		return state.handle(() -> state.index.put(state.edited));
	}

	/** Another port on a team's propagating policy (its 4 leaves, 200 units). */
	@Benchmark
	public long editTeamPolicy(TeamPolicies state) {
		return state.handle(() -> state.index.put(state.edited));
	}

	/** Another port on a tenant's propagating policy (the whole tenant, 5,000 units). */
	@Benchmark
	public long editTenantPolicy(TenantPolicies state) {
		return state.handle(() -> state.index.put(state.edited));
	}

	/** Other entries for a leaf's service network. */
	@Benchmark
	public long editLeafNetwork(LeafNetworks state) {
		return state.handle(() -> state.index.put(state.edited));
	}

	/**
	 * Other entries for a tenant's propagated partner network (domain names in the
	 * fallback world, CIDRs in the local one).
	 */
	@Benchmark
	public long editTenantNetwork(TenantNetworks state) {
		return state.handle(() -> state.index.put(state.edited));
	}

	/** The indexed world and the impact statistics of a trial. */
	@State(Scope.Benchmark)
	public abstract static class World {

		/** {@code tiny}, {@code small} (5,000 units) or {@code full} (50,000). */
		@Param({ "small" })
		public String size;

		/** {@code fallback} or {@code local}, see {@link BenchWorld.Shape}. */
		@Param({ "fallback", "local" })
		public String shape;

		IndexedWorld indexed;

		PolicyIndex index;

		final Random random = new Random(7);

		private long changes;

		private long impacted;

		private int minImpacted = Integer.MAX_VALUE;

		private int maxImpacted;

		@Setup(org.openjdk.jmh.annotations.Level.Trial)
		public void build() {
			this.indexed = IndexedWorld
				.of(BenchWorld.ofSize(this.size, BenchWorld.Shape.valueOf(this.shape.toUpperCase())));
			this.index = this.indexed.index();
		}

		long handle(Supplier<Set<String>> change) {
			Set<String> impact = change.get();
			this.changes++;
			this.impacted += impact.size();
			this.minImpacted = Math.min(this.minImpacted, impact.size());
			this.maxImpacted = Math.max(this.maxImpacted, impact.size());
			return this.indexed.rerender(impact);
		}

		@TearDown(org.openjdk.jmh.annotations.Level.Trial)
		public void report() {
			System.out.printf("%nimpacted units per change (%s, %s, %s): mean %.1f, min %d, max %d over %d changes%n",
					getClass().getSimpleName().replace("ChangeBenchmark_", "").replace("_jmhType", ""), this.size,
					this.shape, this.impacted / (double) this.changes, this.minImpacted, this.maxImpacted,
					this.changes);
		}

		<T> T pick(List<T> from) {
			return from.get(this.random.nextInt(from.size()));
		}

	}

	/**
	 * Before each invocation, a unit is taken out (untimed): {@code addUnit} adds it
	 * back.
	 */
	public static class AbsentUnits extends World {

		ProcessingUnit unit;

		@Setup(org.openjdk.jmh.annotations.Level.Invocation)
		public void next() {
			this.unit = pick(this.indexed.world().units());
			this.index.removeProcessingUnit(this.unit.id());
		}

	}

	/**
	 * Before each invocation, the unit removed last is put back (untimed) and another is
	 * drawn: {@code removeUnit} removes it.
	 */
	public static class PresentUnits extends World {

		ProcessingUnit unit;

		@Setup(org.openjdk.jmh.annotations.Level.Invocation)
		public void next() {
			if (this.unit != null) {
				this.index.put(this.unit);
			}
			this.unit = pick(this.indexed.world().units());
		}

	}

	/** A policy edit that the set-up of the next invocation undoes. */
	public abstract static class Policies extends World {

		NetworkPolicy original;

		NetworkPolicy edited;

		abstract Level level();

		@Setup(org.openjdk.jmh.annotations.Level.Invocation)
		public void next() {
			if (this.original != null) {
				this.index.put(this.original);
			}
			this.original = pick(this.indexed.world().policies(level()));
			this.edited = BenchWorld.withPorts(this.original, "tcp/1234");
		}

	}

	public static class LeafPolicies extends Policies {

		@Override
		Level level() {
			return Level.LEAF;
		}

	}

	public static class TeamPolicies extends Policies {

		@Override
		Level level() {
			return Level.TEAM;
		}

	}

	public static class TenantPolicies extends Policies {

		@Override
		Level level() {
			return Level.TENANT;
		}

	}

	/** A network edit that the set-up of the next invocation undoes. */
	public abstract static class Networks extends World {

		ExternalNetwork original;

		ExternalNetwork edited;

		abstract List<ExternalNetwork> candidates();

		@Setup(org.openjdk.jmh.annotations.Level.Invocation)
		public void next() {
			if (this.original != null) {
				this.index.put(this.original);
			}
			this.original = pick(candidates());
			// A domain network stays one (another name), a CIDR network gets another
			// CIDR.
			this.edited = BenchWorld.withEntries(this.original,
					this.original.entries().domains().isEmpty() ? "192.0.2.0/24" : "*.other.example.com");
		}

	}

	public static class LeafNetworks extends Networks {

		@Override
		List<ExternalNetwork> candidates() {
			return this.indexed.world().leafNetworks();
		}

	}

	public static class TenantNetworks extends Networks {

		@Override
		List<ExternalNetwork> candidates() {
			return this.indexed.world().partnerNetworks();
		}

	}

}
