package io.mseg.enforcer.nftables;

import java.util.function.Consumer;

import io.mseg.enforcer.document.PolicyDocument;

/**
 * Builds the desired ruleset from a rendered policy (enforcer/DESIGN.md;
 * {@code enforcer/DESIGN.md} shows one). Each base chain holds its fixed rules
 * ({@link BaseChains}), per protected unit a jump into the unit's chain for that
 * direction, and the default reject.
 * <p>
 * A unit's chain first sends a remote processing unit's packet, through a verdict map, to
 * the chain of its class ({@link UnitClasses}); then come the external networks' rules,
 * merged by verdict class and ports ({@link NetworkGroup}). Rules follow the policy
 * core's evaluation order ({@link VerdictClass}). Every set is named by its content
 * ({@link SetNames}); lists of several ports go into named sets shared by content, never
 * anonymous ones. Address sets of more than {@link Shards#SPLIT_ABOVE} elements are cut
 * into at most {@link Shards#MAX_SHARDS} shards, the rule repeated per shard. So the rule
 * count depends on the policies' distinct port lists, verdict classes and remote classes,
 * never on the number of addresses or ports.
 * <p>
 * One builder serves one enforcer for its lifetime: each build ({@link RulesetBuild})
 * keeps what it parsed and built in the builder's {@link BuildCache}, so that a change of
 * a few entries does not parse, sort and name hundreds of thousands again.
 */
public final class RulesetBuilder {

	private final RulesetOptions options;

	private final Consumer<String> warnings;

	private final BuildCache cache;

	/**
	 * A builder.
	 * @param options the table, console and failsafe settings
	 * @param warnings receives one line per thing of the policy that is not enforced
	 * (domain names)
	 */
	public RulesetBuilder(RulesetOptions options, Consumer<String> warnings) {
		this(options, warnings, new BuildCache());
	}

	private RulesetBuilder(RulesetOptions options, Consumer<String> warnings, BuildCache cache) {
		this.options = options;
		this.warnings = warnings;
		this.cache = cache;
	}

	/**
	 * A builder for other options, keeping what this one parsed and built when only the
	 * node's workloads differ (what the cache holds does not depend on them): a pod that
	 * comes or goes must not parse the whole policy again.
	 * @param next the options
	 * @return this builder, the same cache with the new options, or a new builder
	 */
	public RulesetBuilder with(RulesetOptions next) {
		if (next.equals(this.options)) {
			return this;
		}
		if (next.withNodeMode(null).equals(this.options.withNodeMode(null))) {
			return new RulesetBuilder(next, this.warnings, this.cache);
		}
		return new RulesetBuilder(next, this.warnings);
	}

	/**
	 * The options it builds with.
	 * @return the options
	 */
	public RulesetOptions options() {
		return this.options;
	}

	/**
	 * The ruleset for a policy, sharding large sets at boundaries chosen now.
	 * @param document the rendered policy; {@code null} gives the frame alone (default
	 * reject)
	 * @return the ruleset
	 * @throws IllegalArgumentException when the document holds an address or port the
	 * enforcer cannot read (then nothing of it must be applied)
	 */
	public Ruleset build(PolicyDocument document) {
		return build(document, Shards.NONE);
	}

	/**
	 * The ruleset for a policy.
	 * @param document the rendered policy; {@code null} gives the frame alone (default
	 * reject)
	 * @param shards the shard boundaries of the last ruleset applied ({@link Shards#NONE}
	 * at first): kept while they fit, so that a small change touches few sets
	 * @return the ruleset, with the boundaries it used
	 * @throws IllegalArgumentException when the document holds an address or port the
	 * enforcer cannot read (then nothing of it must be applied)
	 */
	public Ruleset build(PolicyDocument document, Shards shards) {
		this.cache.nextBuild();
		try {
			return new RulesetBuild(this.options, this.warnings, this.cache).assemble(document, shards);
		}
		finally {
			this.cache.endBuild();
		}
	}

}
