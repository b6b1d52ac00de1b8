package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Objects;

/**
 * The desired content of the enforcer's table: its sets and its chains. Built from a
 * rendered policy by {@link RulesetBuilder}, turned into text by {@link NftRenderer}.
 *
 * @param table the table's name (family {@code inet})
 * @param sets the named sets (addresses and ports), named by content
 * @param chains the base chains
 * @param shards where large address sets were cut, to keep for the next build
 * @param domainSets the sets of learned addresses of domain entries, with the names whose
 * answers go into each
 * @param objects the named limit and counter of the flow log's rules (none when it is
 * off)
 */
public record Ruleset(String table, List<NftSet> sets, List<NftChain> chains, Shards shards, List<DomainSet> domainSets,
		List<NftObject> objects) {

	public Ruleset {
		sets = List.copyOf(sets);
		chains = List.copyOf(chains);
		Objects.requireNonNull(shards, "shards");
		domainSets = List.copyOf(domainSets);
		objects = List.copyOf(objects);
	}

	public Ruleset(String table, List<NftSet> sets, List<NftChain> chains, Shards shards) {
		this(table, sets, chains, shards, List.of(), List.of());
	}

	/**
	 * The number of rules, the fixed frame included.
	 * @return the rule count
	 */
	public int ruleCount() {
		return this.chains.stream().mapToInt((chain) -> chain.rules().size()).sum();
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
