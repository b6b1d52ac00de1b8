package io.mseg.policy.model;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.mseg.policy.network.NetworkEntries;
import io.mseg.policy.port.ServicePorts;

/**
 * Hosts without an enforcer, described by addresses and domain names.
 *
 * @param id the identifier
 * @param name the name
 * @param namespace the owning namespace
 * @param entries the CIDRs, exclusions and domains it covers
 * @param servicePorts the traffic it is about; {@code null} is read as
 * {@link ServicePorts#ANY}
 * @param tags the normalized tags: system tags and user tags (see {@link SystemTags})
 * @param propagate whether policies in descendant namespaces can select it
 */
public record ExternalNetwork(String id, String name, NamespacePath namespace, NetworkEntries entries,
		ServicePorts servicePorts, Set<String> tags, boolean propagate) {

	public ExternalNetwork {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(entries, "entries");
		servicePorts = (servicePorts != null) ? servicePorts : ServicePorts.ANY;
		tags = (tags != null) ? Collections.unmodifiableSet(new LinkedHashSet<>(tags)) : Set.of();
	}

}
