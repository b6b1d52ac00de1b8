package io.mseg.policy.decision;

import io.mseg.policy.model.ApplyMode;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.tag.TagExpression;

/**
 * The enforcer that decides: {@code OUTGOING} is the source processing unit's,
 * {@code INCOMING} the destination processing unit's.
 */
public enum Side {

	OUTGOING, INCOMING;

	/**
	 * Whether policies of this mode are evaluated on this side.
	 * @param mode a policy mode
	 * @return whether this side's enforcer evaluates it
	 */
	public boolean decides(ApplyMode mode) {
		return (this == OUTGOING) ? mode.decidedAtSource() : mode.decidedAtDestination();
	}

	/**
	 * The expression that selects the processing unit of this side.
	 * @param policy a policy
	 * @return its subject on the outgoing side, its object on the incoming side
	 */
	public TagExpression localSelector(NetworkPolicy policy) {
		return (this == OUTGOING) ? policy.subject() : policy.object();
	}

	/**
	 * The expression that selects the other end of the connection.
	 * @param policy a policy
	 * @return its object on the outgoing side, its subject on the incoming side
	 */
	public TagExpression remoteSelector(NetworkPolicy policy) {
		return (this == OUTGOING) ? policy.object() : policy.subject();
	}

	/**
	 * Whether the other end may be an external network under this mode.
	 * @param mode a policy mode
	 * @return whether the remote side of the policy need not be processing units
	 */
	public boolean remoteMayBeExternalNetwork(ApplyMode mode) {
		return (this == OUTGOING) ? !mode.objectMustBePu() : !mode.subjectMustBePu();
	}

}
