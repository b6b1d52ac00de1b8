package io.mseg.enforcer.nftables;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names of the sets, maps and chains in the enforcer's table as the kernel lists
 * them, read cheaply ({@code nft -t list sets inet}, {@code nft -t list maps inet}: no
 * elements, {@code nft list chains inet}: no rules) when the enforcer does not know what
 * the table holds: at start-up and after a failed transaction.
 *
 * @param sets the names of its sets
 * @param maps the names of its maps
 * @param chains the names of its chains
 * @param objects its named limits and counters, {@code kind name} ({@code limit
 * flowlog_10000_2000})
 */
public record KernelTable(Set<String> sets, Set<String> maps, Set<String> chains, Set<String> objects) {

	/** A table that does not exist (or is empty). */
	public static final KernelTable NONE = new KernelTable(Set.of(), Set.of(), Set.of());

	public KernelTable {
		sets = Set.copyOf(new LinkedHashSet<>(sets));
		maps = Set.copyOf(new LinkedHashSet<>(maps));
		chains = Set.copyOf(new LinkedHashSet<>(chains));
		objects = Set.copyOf(new LinkedHashSet<>(objects));
	}

	public KernelTable(Set<String> sets, Set<String> maps, Set<String> chains) {
		this(sets, maps, chains, Set.of());
	}

	/**
	 * Reads the names from the kernel.
	 * @param nft the client
	 * @param table the table's name (family {@code inet})
	 * @return the names
	 * @throws NftException when nft fails
	 */
	public static KernelTable read(NftClient nft, String table) throws NftException {
		Set<String> objects = new LinkedHashSet<>();
		for (String kind : List.of("limit", "counter")) {
			names(nft.query(List.of("list", kind + "s", "inet")), table, kind)
				.forEach((name) -> objects.add(kind + " " + name));
		}
		return new KernelTable(names(nft.query(List.of("-t", "list", "sets", "inet")), table, "set"),
				names(nft.query(List.of("-t", "list", "maps", "inet")), table, "map"),
				names(nft.query(List.of("list", "chains", "inet")), table, "chain"), objects);
	}

	/**
	 * The names of {@code kind} (set, map, chain) inside {@code table inet
	 *
	<table>
	 * { ... }}.
	 */
	static Set<String> names(String listing, String table, String kind) {
		Set<String> names = new LinkedHashSet<>();
		boolean inside = false;
		for (String line : listing.lines().toList()) {
			if (line.startsWith("table ")) {
				inside = line.equals("table inet " + table + " {");
				continue;
			}
			String trimmed = line.strip();
			if (inside && line.startsWith("\t") && !line.startsWith("\t\t") && trimmed.startsWith(kind + " ")
					&& trimmed.endsWith(" {")) {
				names.add(trimmed.substring(kind.length() + 1, trimmed.length() - 2));
			}
		}
		return names;
	}

}
