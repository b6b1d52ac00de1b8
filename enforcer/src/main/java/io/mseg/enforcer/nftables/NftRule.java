package io.mseg.enforcer.nftables;

import java.util.List;

/**
 * One rule of a chain: matches, then a statement (a verdict, or only a counter).
 *
 * @param matches the match expressions, in order, e.g. {@code ip saddr @s1_v4},
 * {@code tcp dport 443}
 * @param statement what to do on a match: {@code accept}, {@code counter drop},
 * {@code counter} (observation), ...
 * @param comment a short text kept with the rule in the kernel, or {@code null}
 * @param fromPolicy whether the rule comes from a policy rather than from the table's
 * fixed frame (established, loopback, console, failsafe, default)
 */
public record NftRule(List<String> matches, String statement, String comment, boolean fromPolicy) {

	public NftRule {
		matches = matches.stream().filter((match) -> !match.isEmpty()).toList();
	}

	static NftRule frame(String statement, String comment, String... matches) {
		return new NftRule(List.of(matches), statement, comment, false);
	}

}
