package io.mseg.policy.render.wire;

import java.util.List;

/**
 * A processing unit a rendered policy is for: an enforcer protects it.
 *
 * @param ID its identifier
 * @param name its name
 * @param namespace its namespace
 * @param addresses its addresses: the destinations of incoming rules, the sources of
 * outgoing ones
 * @param normalizedTags its tags, system tags included
 */
public record RenderedPolicyTarget(String ID, String name, String namespace, List<String> addresses,
		List<String> normalizedTags) {

	public RenderedPolicyTarget {
		addresses = (addresses != null) ? List.copyOf(addresses) : List.of();
		normalizedTags = (normalizedTags != null) ? List.copyOf(normalizedTags) : List.of();
	}

}
