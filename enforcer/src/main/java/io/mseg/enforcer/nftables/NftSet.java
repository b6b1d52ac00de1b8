package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Objects;

/**
 * A named set: addresses of one family, or ports, protocols, ICMP types or codes; or a
 * verdict map (type {@code ipv4_addr : verdict}, elements {@code 10.0.0.1 : goto c}). Its
 * name ends with a hash of its type and elements ({@link SetNames}), so a set never
 * changes its content under the same name: an incremental apply adds the sets that are
 * new and deletes those no longer used, and never edits elements in place.
 *
 * @param name its name in the table
 * @param type its nft element type, e.g. {@code ipv4_addr}, {@code inet_service}, or
 * {@code key : verdict} for a verdict map
 * @param elements addresses, CIDRs or {@code first-last} ranges (or numbers and number
 * ranges), sorted, not overlapping; for a map, single addresses with their verdicts
 * @param timeout whether it is a set of learned elements ({@code flags timeout}): its
 * content is not its name's hash but what the enforcer learns while it runs (domain
 * names' addresses), so it is always empty here and kept by name from one apply to the
 * next; the elements it starts with come from {@link NftRenderer.Seeds}
 */
public record NftSet(String name, String type, List<String> elements, boolean timeout) {

	public NftSet {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		elements = List.copyOf(elements);
		if (timeout && !elements.isEmpty()) {
			throw new IllegalArgumentException("a set of learned elements starts empty: " + name);
		}
	}

	public NftSet(String name, String type, List<String> elements) {
		this(name, type, elements, false);
	}

	/**
	 * Whether it needs {@code flags interval}: when an element is a block or a range.
	 * Sets of single values are plain hash sets, cheaper to load (about half the time of
	 * an interval set of the same size).
	 * @return whether it is an interval set
	 */
	public boolean interval() {
		if (map()) {
			return false;
		}
		for (String element : this.elements) {
			if (element.indexOf('/') >= 0 || element.indexOf('-') >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether it is a verdict map: written {@code map}, and it may name chains, so it is
	 * added after them and deleted before them.
	 * @return whether it is a map
	 */
	public boolean map() {
		return this.type.contains(" : ");
	}

}
