package io.mseg.enforcer.nftables;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a ruleset as one {@code nft -f} script. {@code nft} runs a script as one
 * transaction, so the kernel switches from the old rules to the new ones at once, or
 * keeps the old ones when anything fails. Nothing outside the table is touched.
 * <ul>
 * <li>{@link #script(Ruleset)} replaces the whole table: the first line creates the table
 * if it is missing, the second deletes it, the block recreates it.</li>
 * <li>{@link #update(Ruleset, Ruleset)} changes a table known to hold a previous ruleset:
 * adds the sets that are new, flushes the chains whose rules changed and adds their rules
 * again, then deletes the sets no longer used. Sets are named by content, so nothing is
 * ever added to or deleted from an existing set:
 * {@code add element}/{@code delete element} make {@code nft} first fetch every element
 * of the table (0.2–0.9 s with 100,000 of them), whereas new sets, flushed chains, added
 * rules and deleted unused sets do not.</li>
 * </ul>
 */
public final class NftRenderer {

	private static final int ELEMENTS_PER_LINE = 8;

	private NftRenderer() {
	}

	/**
	 * The script that replaces the whole table.
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
			body(set, "    ", out);
			out.append("  }\n");
		}
		for (NftChain chain : ruleset.chains()) {
			out.append("  chain ").append(chain.name()).append(" {\n");
			out.append("    type filter hook ").append(chain.hook()).append(" priority filter; policy drop;\n");
			for (NftRule rule : chain.rules()) {
				out.append("    ");
				rule(rule, out);
				out.append('\n');
			}
			out.append("  }\n");
		}
		out.append("}\n");
		return out.toString();
	}

	/**
	 * The script that turns a table holding {@code previous} into one holding
	 * {@code next} in one transaction, touching only what differs.
	 * @param previous the ruleset the table holds
	 * @param next the desired ruleset
	 * @return the text for {@code nft -f -}, or {@code null} when only a full replace can
	 * do it (another table, other chains, or a set whose name stayed while its content
	 * changed)
	 */
	public static String update(Ruleset previous, Ruleset next) {
		if (!previous.table().equals(next.table()) || !hooks(previous).equals(hooks(next))) {
			return null;
		}
		Map<String, NftSet> before = new HashMap<>();
		previous.sets().forEach((set) -> before.put(set.name(), set));
		Set<String> kept = new HashSet<>();
		String table = "inet " + next.table();
		StringBuilder out = new StringBuilder();
		for (NftSet set : next.sets()) {
			NftSet old = before.get(set.name());
			if (old == null) {
				out.append("add set ").append(table).append(' ').append(set.name()).append(" {\n");
				body(set, "  ", out);
				out.append("}\n");
			}
			else if (!old.equals(set)) {
				return null;
			}
			else {
				kept.add(set.name());
			}
		}
		for (int c = 0; c < next.chains().size(); c++) {
			NftChain chain = next.chains().get(c);
			if (chain.equals(previous.chains().get(c))) {
				continue;
			}
			out.append("flush chain ").append(table).append(' ').append(chain.name()).append('\n');
			for (NftRule rule : chain.rules()) {
				out.append("add rule ").append(table).append(' ').append(chain.name()).append(' ');
				rule(rule, out);
				out.append('\n');
			}
		}
		for (NftSet set : previous.sets()) {
			if (!kept.contains(set.name())) {
				out.append("delete set ").append(table).append(' ').append(set.name()).append('\n');
			}
		}
		return out.toString();
	}

	private static List<String> hooks(Ruleset ruleset) {
		return ruleset.chains().stream().map((chain) -> chain.name() + " " + chain.hook()).toList();
	}

	private static void body(NftSet set, String indent, StringBuilder out) {
		out.append(indent).append("type ").append(set.type()).append("; flags interval;\n");
		if (!set.elements().isEmpty()) {
			out.append(indent).append("elements = { ");
			for (int i = 0; i < set.elements().size(); i++) {
				if (i > 0) {
					out.append((i % ELEMENTS_PER_LINE == 0) ? ",\n" + indent + "  " : ", ");
				}
				out.append(set.elements().get(i));
			}
			out.append(" }\n");
		}
	}

	private static void rule(NftRule rule, StringBuilder out) {
		for (String match : rule.matches()) {
			out.append(match).append(' ');
		}
		out.append(rule.statement());
		if (rule.comment() != null) {
			out.append(" comment \"").append(RulesetBuilder.sanitize(rule.comment())).append('"');
		}
	}

}
