package io.mseg.policy.render;

import java.util.List;
import java.util.Objects;

import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;
import io.mseg.policy.port.ServicePorts;

/**
 * An external network at the remote end of a rendered rule, resolved to its entries.
 *
 * @param id its identifier
 * @param name its name
 * @param namespace its namespace
 * @param included the CIDRs it covers
 * @param excluded the CIDRs cut out of {@code included}
 * @param domains the domain patterns it covers
 * @param servicePorts the network's own service ports
 * @param effectivePorts the rule's ports intersected with {@code servicePorts}: the
 * traffic the rule matches for this network, never {@link ServicePorts#NONE}
 */
public record RemoteNetwork(String id, String name, NamespacePath namespace, List<IpPrefix> included,
		List<IpPrefix> excluded, List<DomainPattern> domains, ServicePorts servicePorts, ServicePorts effectivePorts) {

	public RemoteNetwork {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(servicePorts, "servicePorts");
		Objects.requireNonNull(effectivePorts, "effectivePorts");
		included = List.copyOf(included);
		excluded = List.copyOf(excluded);
		domains = List.copyOf(domains);
	}

	/**
	 * Whether traffic with this address could match the network by address, which must
	 * then be prevented when the address belongs to a processing unit: an included CIDR
	 * contains the address and no exclusion does; or the network has domain entries,
	 * since a name may resolve to any address (the enforcer that learns a name's
	 * addresses must know every processing unit's address, see {@link RenderedPolicy}).
	 * @param address an address
	 * @return whether the network may cover it
	 */
	public boolean mayCover(IpAddress address) {
		// a name may resolve to any address: a network with domain entries may cover all
		return !this.domains.isEmpty() || this.included.stream().anyMatch((prefix) -> prefix.contains(address))
				&& this.excluded.stream().noneMatch((prefix) -> prefix.contains(address));
	}

}
