package io.mseg.policy.decision;

import java.util.List;
import java.util.Objects;

import io.mseg.policy.model.ProcessingUnit;

/**
 * The verdict of one enforcer and the policies behind it.
 *
 * @param side which enforcer
 * @param pu the processing unit it protects
 * @param verdict its verdict
 * @param reason the class of policies that decided
 * @param deciding the matches of the deciding class (empty for
 * {@link DecisionReason#DEFAULT_REJECT})
 * @param matching every active, non-observation match, in evaluation order
 * @param observed the observation-mode matches, which never change the verdict
 */
public record SideDecision(Side side, ProcessingUnit pu, Verdict verdict, DecisionReason reason,
		List<PolicyMatch> deciding, List<PolicyMatch> matching, List<PolicyMatch> observed) {

	public SideDecision {
		Objects.requireNonNull(side, "side");
		Objects.requireNonNull(pu, "pu");
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(reason, "reason");
		deciding = List.copyOf(deciding);
		matching = List.copyOf(matching);
		observed = List.copyOf(observed);
	}

}
