package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a ruleset as {@code nft -f} scripts. {@code nft} runs a script as one
 * transaction, so the kernel switches from the old rules to the new ones at once, or
 * keeps the old ones when anything fails. Nothing outside the table is touched.
 * <ul>
 * <li>{@link #script(Ruleset)} replaces the whole table in one script: the first line
 * creates the table if it is missing, the second deletes it, the block recreates it.</li>
 * <li>{@link #update(Ruleset, Ruleset)} changes a table known to hold a previous ruleset,
 * {@link #replace(KernelTable, Ruleset)} one whose content is known only by the names of
 * its sets and chains: both add the sets that are missing, rewrite the chains that
 * changed (flush, add the rules again), delete the chains and sets no longer used. Sets
 * are named by content, so nothing is ever added to or deleted from an existing set:
 * {@code add
 * element}/{@code delete element} make {@code nft} first fetch every element of the table
 * (0.2–0.9 s with 100,000 of them), whereas new sets, flushed chains, added rules and
 * deleted unused sets do not.</li>
 * </ul>
 * One transaction slows down more than linearly with the elements it adds (on kernel
 * 6.18: 100,000 elements 0.5 s, 300,000 2.2 s, 1,000,000 20–40 s), so when the missing
 * sets hold more than {@link #STAGE_ELEMENTS} elements they are added first, in
 * transactions of at most that many elements ({@link Plan#stages()}): sets no rule uses
 * yet change no verdict. The switch to the new rules ({@link Plan#commit()}) stays one
 * transaction.
 */
public final class NftRenderer {

	/** The most elements one transaction adds before the rest goes into stages. */
	public static final int STAGE_ELEMENTS = 50_000;

	private static final int ELEMENTS_PER_LINE = 8;

	private NftRenderer() {
	}

	/**
	 * The script that replaces the whole table at once.
	 * @param ruleset the desired content of the table
	 * @return the text for {@code nft -f -}
	 */
	public static String script(Ruleset ruleset) {
		return script(ruleset, Seeds.NONE);
	}

	/**
	 * The script that replaces the whole table at once.
	 * @param ruleset the desired content of the table
	 * @param seeds the elements its sets of learned elements start with
	 * @return the text for {@code nft -f -}
	 */
	public static String script(Ruleset ruleset, Seeds seeds) {
		String table = "table inet " + ruleset.table();
		StringBuilder out = new StringBuilder();
		out.append(table).append('\n');
		out.append("delete ").append(table).append('\n');
		out.append(table).append(" {\n");
		for (NftObject object : ruleset.objects()) {
			out.append("  ").append(object.kind()).append(' ').append(object.name()).append(" { ");
			out.append(object.body()).append(object.body().isEmpty() ? "}\n" : " }\n");
		}
		for (NftSet set : ruleset.sets()) {
			out.append("  ").append(kind(set)).append(' ').append(set.name()).append(" {\n");
			body(set, "    ", out, seeds);
			out.append("  }\n");
		}
		for (NftChain chain : ruleset.chains()) {
			out.append("  chain ").append(chain.name()).append(" {\n");
			if (chain.base()) {
				out.append("    ").append(hook(chain)).append('\n');
			}
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
	 * The change from a table holding {@code previous} to one holding {@code next}: only
	 * what differs.
	 * @param previous the ruleset the table holds
	 * @param next the desired ruleset
	 * @return the transactions, or {@code null} when only a replace can do it (another
	 * table, a chain that changed between base and regular, or a set whose name stayed
	 * while its content changed)
	 */
	public static Plan update(Ruleset previous, Ruleset next) {
		return update(previous, next, Seeds.NONE);
	}

	/**
	 * The change from a table holding {@code previous} to one holding {@code next}: only
	 * what differs.
	 * @param previous the ruleset the table holds
	 * @param next the desired ruleset
	 * @param seeds the elements its new sets of learned elements start with
	 * @return the transactions, or {@code null} when only a replace can do it
	 */
	public static Plan update(Ruleset previous, Ruleset next, Seeds seeds) {
		if (!previous.table().equals(next.table())) {
			return null;
		}
		Map<String, NftSet> sets = new LinkedHashMap<>();
		previous.sets().forEach((set) -> sets.put(set.name(), set));
		Map<String, NftChain> chains = new LinkedHashMap<>();
		previous.chains().forEach((chain) -> chains.put(chain.name(), chain));
		Set<String> maps = new HashSet<>();
		previous.sets().stream().filter(NftSet::map).forEach((set) -> maps.add(set.name()));
		Set<String> objects = new HashSet<>();
		previous.objects().forEach((object) -> objects.add(object.key()));
		return transition(sets, maps, chains, objects, next, seeds);
	}

	/**
	 * The change from a table known only by the names of its sets and chains (read from
	 * the kernel at start-up or after a failure) to {@code next}: sets of the same name
	 * are kept (their name is their content's hash, and the table is the enforcer's own),
	 * every chain is rewritten, chains and sets that {@code next} does not have are
	 * deleted.
	 * @param kernel the names in the kernel's table
	 * @param next the desired ruleset
	 * @return the transactions
	 */
	public static Plan replace(KernelTable kernel, Ruleset next) {
		return replace(kernel, next, Seeds.NONE);
	}

	/**
	 * The change from a table known only by the names of its sets and chains to
	 * {@code next}; see {@link #replace(KernelTable, Ruleset)}.
	 * @param kernel the names in the kernel's table
	 * @param next the desired ruleset
	 * @param seeds the elements its new sets of learned elements start with
	 * @return the transactions
	 */
	public static Plan replace(KernelTable kernel, Ruleset next, Seeds seeds) {
		Map<String, NftSet> sets = new LinkedHashMap<>();
		kernel.sets().forEach((name) -> sets.put(name, null));
		kernel.maps().forEach((name) -> sets.put(name, null));
		Map<String, NftChain> chains = new LinkedHashMap<>();
		kernel.chains().forEach((name) -> chains.put(name, null));
		return transition(sets, kernel.maps(), chains, kernel.objects(), next, seeds);
	}

	/**
	 * @param previousSets the sets and maps the table holds, by name; {@code null}
	 * content: unknown
	 * @param previousMaps which of them are maps
	 * @param previousChains the chains it holds, by name; {@code null}: unknown rules
	 * @param previousObjects its named objects ({@link NftObject#key()})
	 */
	private static Plan transition(Map<String, NftSet> previousSets, Set<String> previousMaps,
			Map<String, NftChain> previousChains, Set<String> previousObjects, Ruleset next, Seeds seeds) {
		String table = "inet " + next.table();
		List<NftSet> added = new ArrayList<>();
		List<NftSet> addedMaps = new ArrayList<>();
		Set<String> kept = new HashSet<>();
		for (NftSet set : next.sets()) {
			if (!previousSets.containsKey(set.name())) {
				(set.map() ? addedMaps : added).add(set);
				continue;
			}
			NftSet old = previousSets.get(set.name());
			if (old != null && !old.equals(set)) {
				return null;
			}
			kept.add(set.name());
		}
		Map<String, NftChain> nextChains = new HashMap<>();
		next.chains().forEach((chain) -> nextChains.put(chain.name(), chain));
		StringBuilder declare = new StringBuilder();
		StringBuilder flush = new StringBuilder();
		StringBuilder rules = new StringBuilder();
		for (NftChain chain : next.chains()) {
			boolean present = previousChains.containsKey(chain.name());
			NftChain old = previousChains.get(chain.name());
			if (old != null && (old.base() != chain.base() || old.attachment() != chain.attachment())) {
				return null;
			}
			if (old != null && old.equals(chain)) {
				continue;
			}
			if (!present || (old == null && chain.base())) {
				declare.append("add chain ").append(table).append(' ').append(chain.name());
				if (chain.base()) {
					declare.append(" { ").append(hook(chain)).append(" }");
				}
				declare.append('\n');
			}
			if (present) {
				flush.append("flush chain ").append(table).append(' ').append(chain.name()).append('\n');
			}
			for (NftRule rule : chain.rules()) {
				rules.append("add rule ").append(table).append(' ').append(chain.name()).append(' ');
				rule(rule, rules);
				rules.append('\n');
			}
		}
		// maps name chains: added after the chains are declared, deleted before them
		StringBuilder maps = new StringBuilder();
		addedMaps.forEach((map) -> addSet(table, map, maps, seeds));
		StringBuilder delete = new StringBuilder();
		StringBuilder deleteSets = new StringBuilder();
		for (String name : previousSets.keySet()) {
			if (kept.contains(name)) {
				continue;
			}
			if (previousMaps.contains(name)) {
				delete.append("delete map ").append(table).append(' ').append(name).append('\n');
			}
			else {
				deleteSets.append("delete set ").append(table).append(' ').append(name).append('\n');
			}
		}
		for (Map.Entry<String, NftChain> chain : previousChains.entrySet()) {
			if (!nextChains.containsKey(chain.getKey())) {
				flush.append("flush chain ").append(table).append(' ').append(chain.getKey()).append('\n');
				delete.append("delete chain ").append(table).append(' ').append(chain.getKey()).append('\n');
			}
		}
		delete.append(deleteSets);
		// objects are named by content: added before the rules naming them, deleted after
		StringBuilder objects = new StringBuilder();
		Set<String> nextObjects = new HashSet<>();
		for (NftObject object : next.objects()) {
			nextObjects.add(object.key());
			if (!previousObjects.contains(object.key())) {
				objects.append("add ").append(object.kind()).append(' ').append(table).append(' ');
				objects.append(object.name()).append(" { ").append(object.body()).append(" }\n");
			}
		}
		previousObjects.stream()
			.filter((key) -> !nextObjects.contains(key))
			.sorted()
			.forEach((key) -> delete.append("delete ").append(key.replaceFirst(" ", " " + table + " ")).append('\n'));
		List<String> stages = new ArrayList<>();
		StringBuilder commit = new StringBuilder("add table ").append(table).append('\n');
		long total = added.stream().mapToLong((set) -> set.elements().size()).sum();
		if (total <= STAGE_ELEMENTS) {
			added.forEach((set) -> addSet(table, set, commit, seeds));
		}
		else {
			StringBuilder stage = new StringBuilder();
			int elements = 0;
			for (NftSet set : added) {
				if (elements > 0 && elements + set.elements().size() > STAGE_ELEMENTS) {
					stages.add(stage.toString());
					stage.setLength(0);
					elements = 0;
				}
				if (elements == 0) {
					stage.append("add table ").append(table).append('\n');
				}
				addSet(table, set, stage, seeds);
				elements += set.elements().size();
			}
			stages.add(stage.toString());
		}
		commit.append(objects).append(declare).append(maps).append(flush).append(rules).append(delete);
		return new Plan(stages, commit.toString());
	}

	private static void addSet(String table, NftSet set, StringBuilder out, Seeds seeds) {
		out.append("add ").append(kind(set)).append(' ').append(table).append(' ').append(set.name()).append(" {\n");
		body(set, "  ", out, seeds);
		out.append("}\n");
	}

	private static String kind(NftSet set) {
		return set.map() ? "map" : "set";
	}

	private static String hook(NftChain chain) {
		return chain.attachment().declaration(chain.hook());
	}

	private static void body(NftSet set, String indent, StringBuilder out, Seeds seeds) {
		String flags = set.timeout() ? "; flags timeout;\n" : set.interval() ? "; flags interval;\n" : ";\n";
		out.append(indent).append("type ").append(set.type()).append(flags);
		List<String> elements = set.timeout() ? seeds.elements(set) : set.elements();
		if (!elements.isEmpty()) {
			out.append(indent).append("elements = { ");
			for (int i = 0; i < elements.size(); i++) {
				if (i > 0) {
					out.append((i % ELEMENTS_PER_LINE == 0) ? ",\n" + indent + "  " : ", ");
				}
				out.append(elements.get(i));
			}
			out.append(" }\n");
		}
	}

	/**
	 * One rule as {@code nft} reads it.
	 * @param rule the rule
	 * @return its text
	 */
	static String text(NftRule rule) {
		StringBuilder out = new StringBuilder();
		rule(rule, out);
		return out.toString();
	}

	private static void rule(NftRule rule, StringBuilder out) {
		for (String match : rule.matches()) {
			out.append(match).append(' ');
		}
		out.append(rule.statement());
		if (rule.comment() != null) {
			out.append(" comment \"").append(RuleComments.sanitize(rule.comment())).append('"');
		}
	}

	/**
	 * The elements a set of learned elements ({@link NftSet#timeout()}) starts with when
	 * it is added: what the enforcer has learned so far, each with its remaining lifetime
	 * ({@code 192.0.2.1 timeout 42s}).
	 */
	@FunctionalInterface
	public interface Seeds {

		/** No learned elements. */
		Seeds NONE = (set) -> List.of();

		/**
		 * The elements of a set.
		 * @param set the set
		 * @return its elements with their timeouts
		 */
		List<String> elements(NftSet set);

	}

	/**
	 * The transactions of a change, run in order: the stages add sets that no rule uses
	 * yet, the commit switches the rules at once.
	 *
	 * @param stages scripts adding sets, each at most {@link #STAGE_ELEMENTS} elements
	 * (but a whole set), often none
	 * @param commit the script that adds the remaining sets, rewrites the changed chains
	 * and deletes what is no longer used
	 */
	public record Plan(List<String> stages, String commit) {

		public Plan {
			stages = List.copyOf(stages);
			Objects.requireNonNull(commit, "commit");
		}

		/**
		 * Everything the plan adds, as one text (for logs and tests).
		 * @return the stages and the commit, in order
		 */
		public String text() {
			return String.join("", this.stages) + this.commit;
		}

	}

}
