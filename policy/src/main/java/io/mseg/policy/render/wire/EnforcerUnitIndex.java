package io.mseg.policy.render.wire;

import java.util.List;

/**
 * One protected processing unit in the index of a rendered policy.
 *
 * @param processingUnit the unit, with its addresses
 * @param incoming the rule sections deciding connections to it, in evaluation order
 * @param outgoing the rule sections deciding connections from it, in evaluation order
 */
public record EnforcerUnitIndex(RenderedPolicyTarget processingUnit, List<String> incoming, List<String> outgoing) {

	public EnforcerUnitIndex {
		incoming = (incoming != null) ? List.copyOf(incoming) : List.of();
		outgoing = (outgoing != null) ? List.copyOf(outgoing) : List.of();
	}

}
