package io.mseg.policy.decision;

import java.util.List;

import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;

/**
 * Which class of policies decided a side; declared in evaluation order (docs/api.md,
 * "Policy semantics"), which {@link #inEvaluationOrder()} gives as data to the decision
 * engine and to the enforcer's kernel rules alike.
 */
public enum DecisionReason {

	REJECT_POLICY, ALLOW_POLICY, FALLBACK_REJECT_POLICY, FALLBACK_ALLOW_POLICY, DEFAULT_REJECT;

	private static final List<DecisionReason> EVALUATION_ORDER = List.of(values());

	/**
	 * The classes in the order a side evaluates them: the first class with a matching
	 * policy decides, and {@link #DEFAULT_REJECT}, last, decides when none has one.
	 * @return every class, in evaluation order
	 */
	public static List<DecisionReason> inEvaluationOrder() {
		return EVALUATION_ORDER;
	}

	/**
	 * The class a policy belongs to.
	 * @param policy a policy
	 * @return one of the four policy classes, never {@link #DEFAULT_REJECT}
	 */
	public static DecisionReason forPolicy(NetworkPolicy policy) {
		return of(policy.action(), policy.fallback());
	}

	/**
	 * The class of a policy with this action and fallback flag, for those that hold a
	 * rendered rule rather than the policy (the enforcer).
	 * @param action the policy's action
	 * @param fallback whether it is a fallback policy
	 * @return one of the four policy classes, never {@link #DEFAULT_REJECT}
	 */
	public static DecisionReason of(PolicyAction action, boolean fallback) {
		boolean allow = action == PolicyAction.ALLOW;
		if (fallback) {
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
