package io.mseg.policy.render;

import java.util.List;

import io.mseg.policy.network.IpAddress;

/**
 * What an enforcer receives: the rules for each of its processing units, and the
 * addresses of every known processing unit (which never match an external network).
 *
 * @param processingUnits the rules per processing unit, by namespace, name and id
 * @param knownPuAddresses every processing unit's addresses, sorted (IPv4 first)
 */
public record RenderedPolicy(List<RenderedPuPolicy> processingUnits, List<IpAddress> knownPuAddresses) {

	public RenderedPolicy {
		processingUnits = List.copyOf(processingUnits);
		knownPuAddresses = List.copyOf(knownPuAddresses);
	}

}
