package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Objects;

/**
 * A named interval set: addresses of one family, or ports, protocols, ICMP types or
 * codes. Its name ends with a hash of its type and elements ({@link SetNames}), so a set
 * never changes its content under the same name: an incremental apply adds the sets that
 * are new and deletes those no longer used, and never edits elements in place.
 *
 * @param name its name in the table
 * @param type its nft element type, e.g. {@code ipv4_addr}, {@code inet_service}
 * @param elements addresses, CIDRs or {@code first-last} ranges (or numbers and number
 * ranges), sorted, not overlapping
 */
public record NftSet(String name, String type, List<String> elements) {

	public NftSet {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		elements = List.copyOf(elements);
	}

}
