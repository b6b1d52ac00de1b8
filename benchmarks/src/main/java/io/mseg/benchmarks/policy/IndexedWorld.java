package io.mseg.benchmarks.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.render.RenderedPolicy;

/**
 * A {@link BenchWorld} in a {@link PolicyIndex}, and the one way every benchmark handles
 * a change: the mutation answers the impacted units, each of which is rendered again.
 */
public final class IndexedWorld {

	/** The instant at which documents are rendered (no policy of the world expires). */
	public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	private final BenchWorld world;

	private final PolicyIndex index;

	private IndexedWorld(BenchWorld world, PolicyIndex index) {
		this.world = world;
		this.index = index;
	}

	public static IndexedWorld of(BenchWorld world) {
		return new IndexedWorld(world, PolicyIndex.of(world.snapshot()));
	}

	public BenchWorld world() {
		return this.world;
	}

	public PolicyIndex index() {
		return this.index;
	}

	/**
	 * Renders every unit a change impacted, as the console would after the change.
	 * @param impacted the ids the mutation answered
	 * @return the number of rules rendered (for the benchmark's black hole)
	 */
	public long rerender(Set<String> impacted) {
		long rules = 0;
		for (String id : impacted) {
			rules += this.index.processingUnit(id).map((pu) -> rules(this.index.render(List.of(pu), NOW))).orElse(0);
		}
		return rules;
	}

	static int rules(RenderedPolicy rendered) {
		return rendered.processingUnits().stream().mapToInt((pu) -> pu.incoming().size() + pu.outgoing().size()).sum();
	}

}
