package io.mseg.enforcer.nftables;

import java.util.List;

/**
 * A base chain of the table.
 *
 * @param name its name ({@code input} or {@code output})
 * @param hook the netfilter hook it is attached to
 * @param rules its rules, in order
 */
public record NftChain(String name, String hook, List<NftRule> rules) {

	public NftChain {
		rules = List.copyOf(rules);
	}

}
