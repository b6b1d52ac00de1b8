package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Objects;

import io.mseg.policy.network.DomainPattern;

/**
 * A set of learned addresses ({@code flags timeout}): the addresses of one family that
 * DNS answers gave for names matching any of its patterns. Rules that name external
 * networks with domain entries match it; the enforcer adds to it as answers arrive.
 *
 * @param name the set's name in the table
 * @param family the address family of its elements
 * @param patterns the domain patterns whose names' addresses it holds
 */
public record DomainSet(String name, Family family, List<DomainPattern> patterns) {

	public DomainSet {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(family, "family");
		patterns = List.copyOf(patterns);
	}

	/**
	 * Whether the addresses of a name go into this set.
	 * @param host the name the answer is for
	 * @return whether a pattern matches it
	 */
	public boolean matches(String host) {
		return this.patterns.stream().anyMatch((pattern) -> pattern.matches(host));
	}

}
