package io.mseg.policy.render.wire;

import java.util.List;

/**
 * An external network as its section holds it: the whole document's network without the
 * ports, which belong to each rule ({@link NetworkReference}). One section however many
 * rules name the network.
 *
 * @param ID its identifier, or {@code null} when the viewer may not read it
 * @param name its name, or {@code null}
 * @param namespace its namespace, or {@code null}
 * @param entries included CIDRs and addresses
 * @param excluded CIDRs cut out of {@code entries}
 * @param domains domain names
 * @param servicePorts the network's own service ports
 */
public record NetworkSection(String ID, String name, String namespace, List<String> entries, List<String> excluded,
		List<String> domains, List<String> servicePorts) {

	public NetworkSection {
		// copied once here, so that every rule naming the network can share these lists
		entries = (entries != null) ? List.copyOf(entries) : List.of();
		excluded = (excluded != null) ? List.copyOf(excluded) : List.of();
		domains = (domains != null) ? List.copyOf(domains) : List.of();
		servicePorts = (servicePorts != null) ? List.copyOf(servicePorts) : List.of();
	}

}
