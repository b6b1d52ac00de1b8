package io.mseg.policy.decision;

import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;

/**
 * Which class of policies decided a side; declared in evaluation order.
 */
public enum DecisionReason {

	REJECT_POLICY, ALLOW_POLICY, FALLBACK_REJECT_POLICY, FALLBACK_ALLOW_POLICY, DEFAULT_REJECT;

	/**
	 * The class a policy belongs to.
	 * @param policy a policy
	 * @return one of the four policy classes, never {@link #DEFAULT_REJECT}
	 */
	public static DecisionReason forPolicy(NetworkPolicy policy) {
		boolean allow = policy.action() == PolicyAction.ALLOW;
		if (policy.fallback()) {
			return allow ? FALLBACK_ALLOW_POLICY : FALLBACK_REJECT_POLICY;
		}
		return allow ? ALLOW_POLICY : REJECT_POLICY;
	}

	/**
	 * The verdict this reason leads to.
	 * @return allow for the allow classes, reject otherwise
	 */
	public Verdict verdict() {
		return (this == ALLOW_POLICY || this == FALLBACK_ALLOW_POLICY) ? Verdict.ALLOW : Verdict.REJECT;
	}

}
