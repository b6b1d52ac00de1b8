package io.mseg.policy.decision;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict for a connection and the decision of each enforcer involved.
 *
 * @param verdict allow only when every side present allows
 * @param outgoing the source processing unit's decision, empty when the source is
 * external
 * @param incoming the destination processing unit's decision, empty when the destination
 * is external
 */
public record Decision(Verdict verdict, Optional<SideDecision> outgoing, Optional<SideDecision> incoming) {

	public Decision {
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(outgoing, "outgoing");
		Objects.requireNonNull(incoming, "incoming");
	}

}
