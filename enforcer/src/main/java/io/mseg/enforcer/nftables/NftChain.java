package io.mseg.enforcer.nftables;

import java.util.List;

/**
 * A chain of the table: a base chain ({@code input}, {@code output}) attached to a hook,
 * or a regular chain entered by a jump.
 *
 * @param name its name
 * @param hook the netfilter hook a base chain is attached to, {@code null} for a regular
 * chain
 * @param rules its rules, in order
 * @param nat whether a base chain is a {@code nat} chain (redirecting DNS queries to the
 * enforcer) rather than a {@code filter} chain
 */
public record NftChain(String name, String hook, List<NftRule> rules, boolean nat) {

	public NftChain {
		rules = List.copyOf(rules);
	}

	public NftChain(String name, String hook, List<NftRule> rules) {
		this(name, hook, rules, false);
	}

	/**
	 * Whether it is attached to a hook.
	 * @return {@code true} for a base chain
	 */
	public boolean base() {
		return this.hook != null;
	}

}
