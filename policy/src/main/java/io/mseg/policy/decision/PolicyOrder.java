package io.mseg.policy.decision;

import java.util.Comparator;

import io.mseg.policy.model.NetworkPolicy;

/**
 * The order in which policies are evaluated and rendered: by class in
 * {@link DecisionReason#inEvaluationOrder()} (rejects, allows, fallback rejects, fallback
 * allows); ties by namespace, name and id, so results are deterministic.
 */
public final class PolicyOrder {

	private static final Comparator<DecisionReason> CLASSES = Comparator
		.comparingInt(DecisionReason.inEvaluationOrder()::indexOf);

	/** Evaluation order of policies. */
	public static final Comparator<NetworkPolicy> EVALUATION = Comparator.comparing(DecisionReason::forPolicy, CLASSES)
		.thenComparing((NetworkPolicy p) -> p.namespace().value())
		.thenComparing(NetworkPolicy::name, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(NetworkPolicy::id, Comparator.nullsFirst(Comparator.naturalOrder()));

	private PolicyOrder() {
	}

}
