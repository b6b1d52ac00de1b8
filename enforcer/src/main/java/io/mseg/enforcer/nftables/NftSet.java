package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Objects;

/**
 * A named interval set of addresses.
 *
 * @param name its name in the table
 * @param family its address family
 * @param elements addresses, CIDRs or {@code first-last} ranges, sorted, not overlapping
 */
public record NftSet(String name, Family family, List<String> elements) {

	public NftSet {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(family, "family");
		elements = List.copyOf(elements);
	}

}
