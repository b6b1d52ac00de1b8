package io.mseg.policy.render;

import java.util.List;
import java.util.Objects;

import io.mseg.policy.model.ProcessingUnit;

/**
 * The rules an enforcer applies for one processing unit, each list in evaluation order.
 *
 * @param pu the processing unit
 * @param incoming the rules deciding connections to it
 * @param outgoing the rules deciding connections from it
 */
public record RenderedPuPolicy(ProcessingUnit pu, List<RenderedRule> incoming, List<RenderedRule> outgoing) {

	public RenderedPuPolicy {
		Objects.requireNonNull(pu, "pu");
		incoming = List.copyOf(incoming);
		outgoing = List.copyOf(outgoing);
	}

}
