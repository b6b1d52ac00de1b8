package io.mseg.enforcer.nftables;

/**
 * Writes a ruleset as one {@code nft -f} script that replaces the enforcer's table
 * atomically: the first line creates the table if it is missing, the second deletes it,
 * the block recreates it. {@code nft} runs the whole script as one transaction, so the
 * kernel switches from the old rules to the new ones at once, or keeps the old ones when
 * anything fails. Nothing outside the table is touched.
 */
public final class NftRenderer {

	private static final int ELEMENTS_PER_LINE = 8;

	private NftRenderer() {
	}

	/**
	 * The script.
	 * @param ruleset the desired content of the table
	 * @return the text for {@code nft -f -}
	 */
	public static String script(Ruleset ruleset) {
		String table = "table inet " + ruleset.table();
		StringBuilder out = new StringBuilder();
		out.append(table).append('\n');
		out.append("delete ").append(table).append('\n');
		out.append(table).append(" {\n");
		for (NftSet set : ruleset.sets()) {
			out.append("  set ").append(set.name()).append(" {\n");
			out.append("    type ").append(set.family().setType()).append("; flags interval;\n");
			if (!set.elements().isEmpty()) {
				out.append("    elements = { ");
				for (int i = 0; i < set.elements().size(); i++) {
					if (i > 0) {
						out.append((i % ELEMENTS_PER_LINE == 0) ? ",\n      " : ", ");
					}
					out.append(set.elements().get(i));
				}
				out.append(" }\n");
			}
			out.append("  }\n");
		}
		for (NftChain chain : ruleset.chains()) {
			out.append("  chain ").append(chain.name()).append(" {\n");
			out.append("    type filter hook ").append(chain.hook()).append(" priority filter; policy drop;\n");
			for (NftRule rule : chain.rules()) {
				out.append("    ");
				for (String match : rule.matches()) {
					out.append(match).append(' ');
				}
				out.append(rule.statement());
				if (rule.comment() != null) {
					out.append(" comment \"").append(RulesetBuilder.sanitize(rule.comment())).append('"');
				}
				out.append('\n');
			}
			out.append("  }\n");
		}
		out.append("}\n");
		return out.toString();
	}

}
