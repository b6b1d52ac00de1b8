package io.mseg.policy.render.wire;

import java.util.List;

/**
 * An external network of a rule: the section holding the network, and the ports the rule
 * covers for it (its policy's ports intersected with the network's service ports), which
 * differ from rule to rule.
 *
 * @param section the name of the network's section
 * @param ports the ports the rule covers for the network; empty means any
 */
public record NetworkReference(String section, List<String> ports) {

	public NetworkReference {
		ports = (ports != null) ? List.copyOf(ports) : List.of();
	}

}
