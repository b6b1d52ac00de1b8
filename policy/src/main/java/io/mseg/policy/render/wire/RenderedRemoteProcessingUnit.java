package io.mseg.policy.render.wire;

import java.util.List;

/**
 * A remote processing unit a rule matches. Its ID, name and namespace are {@code null}
 * when the namespace the policy is rendered for may not read it: the rule still needs its
 * addresses.
 *
 * @param ID its identifier, or {@code null}
 * @param name its name, or {@code null}
 * @param namespace its namespace, or {@code null}
 * @param addresses its addresses
 */
public record RenderedRemoteProcessingUnit(String ID, String name, String namespace, List<String> addresses) {

	public RenderedRemoteProcessingUnit {
		addresses = (addresses != null) ? List.copyOf(addresses) : List.of();
	}

}
