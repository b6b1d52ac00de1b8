package io.mseg.enforcer.nftables;

import java.util.List;

/**
 * The desired content of the enforcer's table: its sets and its chains. Built from a
 * rendered policy by {@link RulesetBuilder}, turned into text by {@link NftRenderer}.
 *
 * @param table the table's name (family {@code inet})
 * @param sets the named address sets
 * @param chains the base chains
 */
public record Ruleset(String table, List<NftSet> sets, List<NftChain> chains) {

	public Ruleset {
		sets = List.copyOf(sets);
		chains = List.copyOf(chains);
	}

	/**
	 * The number of rules that come from policies (the fixed frame is not counted).
	 * @return the rule count
	 */
	public int policyRuleCount() {
		return (int) this.chains.stream()
			.flatMap((chain) -> chain.rules().stream())
			.filter(NftRule::fromPolicy)
			.count();
	}

	/**
	 * The number of elements over all sets.
	 * @return the element count
	 */
	public int elementCount() {
		return this.sets.stream().mapToInt((set) -> set.elements().size()).sum();
	}

}
