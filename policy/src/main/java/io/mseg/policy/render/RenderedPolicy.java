package io.mseg.policy.render;

import java.util.List;

import io.mseg.policy.network.IpAddress;

/**
 * What an enforcer receives: the rules for each of its processing units, and the
 * addresses of processing units that its external networks could otherwise match.
 *
 * @param processingUnits the rules per processing unit, by namespace, name and id
 * @param knownPuAddresses the addresses of processing units (of any namespace) that an
 * external network of these rules may cover by address ({@link RemoteNetwork#mayCover}:
 * inside an included CIDR and outside the exclusions), sorted (IPv4 first); traffic from
 * or to them never matches an external network. Other units' addresses are left out: no
 * external network of these rules can match them by address, so they need no guard, and a
 * unit's address change only changes the documents whose networks cover it. Domain
 * patterns add nothing here: a name may resolve to any address, so listing every unit of
 * the system in each document with a domain rule would change thousands of documents on
 * every unit's arrival, for an enforcer that does not enforce domain entries
 * (enforcer/DESIGN.md). An enforcer that resolves names must check the resolved addresses
 * against every processing unit's address, as {@link RenderedPolicyEvaluator} does.
 */
public record RenderedPolicy(List<RenderedPuPolicy> processingUnits, List<IpAddress> knownPuAddresses) {

	public RenderedPolicy {
		processingUnits = List.copyOf(processingUnits);
		knownPuAddresses = List.copyOf(knownPuAddresses);
	}

}
