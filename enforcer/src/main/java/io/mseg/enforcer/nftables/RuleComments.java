package io.mseg.enforcer.nftables;

import java.util.List;

import io.mseg.enforcer.document.PolicyDocument.Rule;

/**
 * The comments kept with rules in the kernel: a policy rule's comment names its verdict
 * class and the policies it comes from, within nft's 128 characters and the characters
 * nft can quote.
 */
final class RuleComments {

	private static final int MAX_LENGTH = 128;

	private RuleComments() {
	}

	/**
	 * The comment of a rule: its class and the policies it comes from, {@code name [id]}
	 * each; when they do not all fit in nft's 128 characters, their IDs alone
	 * ({@code [id], [id]}, three UUIDs fit), as many as fit, then {@code +N more}.
	 * @param label the verdict class ({@link VerdictClass#label(Rule)})
	 * @param rules the rules the kernel rule comes from
	 * @return the comment
	 */
	static String comment(String label, List<Rule> rules) {
		List<String> policies = rules.stream().map(RuleComments::describe).distinct().toList();
		String full = label + ": " + String.join(", ", policies);
		if (full.length() <= MAX_LENGTH) {
			return sanitize(full);
		}
		List<String> ids = rules.stream()
			.map((rule) -> "[" + ((rule.policyId() != null) ? rule.policyId() : "?") + "]")
			.distinct()
			.toList();
		StringBuilder text = new StringBuilder(label).append(": ");
		for (int i = 0; i < ids.size(); i++) {
			String next = ((i > 0) ? ", " : "") + ids.get(i);
			int after = ids.size() - i - 1;
			String more = (after > 0) ? " +" + after + " more" : "";
			if (text.length() + next.length() + more.length() > MAX_LENGTH) {
				String rest = " +" + (after + 1) + " more";
				if (i == 0) {
					int room = Math.max(0, MAX_LENGTH - text.length() - rest.length());
					text.append(next, 0, Math.min(room, next.length()));
				}
				text.append(rest);
				break;
			}
			text.append(next);
		}
		return sanitize(text.toString());
	}

	/**
	 * A rule's policy as comments and error messages name it.
	 * @param rule a rule
	 * @return {@code name [id]}, or the ID alone ({@code ?} when hidden)
	 */
	static String describe(Rule rule) {
		String name = (rule.policyName() != null) ? rule.policyName() : "";
		String id = (rule.policyId() != null) ? rule.policyId() : "?";
		return name.isEmpty() ? id : name + " [" + id + "]";
	}

	/**
	 * nft comments cannot escape quotes: keeps a safe subset and the length limit.
	 * @param text any text
	 * @return the text, other characters replaced by {@code _}, cut at 128 characters
	 */
	static String sanitize(String text) {
		StringBuilder safe = new StringBuilder();
		for (char c : text.toCharArray()) {
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| " .,:;_/=@+()[]-".indexOf(c) >= 0;
			safe.append(plain ? c : '_');
		}
		return (safe.length() > MAX_LENGTH) ? safe.substring(0, MAX_LENGTH) : safe.toString();
	}

}
