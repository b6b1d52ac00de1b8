package io.mseg.policy.model;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.mseg.policy.network.IpAddress;

/**
 * A host or workload protected by an enforcer.
 *
 * @param id the identifier
 * @param name the name
 * @param namespace the owning namespace
 * @param type the kind of workload, such as {@code Host}
 * @param addresses its IPv4/IPv6 addresses
 * @param tags the normalized tags: system tags and user tags (see {@link SystemTags})
 * @param enforcerId the enforcer protecting it, may be {@code null}
 */
public record ProcessingUnit(String id, String name, NamespacePath namespace, String type, List<IpAddress> addresses,
		Set<String> tags, String enforcerId) {

	public ProcessingUnit {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(namespace, "namespace");
		addresses = (addresses != null) ? List.copyOf(addresses) : List.of();
		tags = (tags != null) ? Collections.unmodifiableSet(new LinkedHashSet<>(tags)) : Set.of();
	}

}
