package io.mseg.policy.decision;

import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;

/**
 * Which processing units a policy applies to and which objects its remote side may
 * select, by namespace (propagation goes from parent to children only).
 */
public final class Scope {

	private Scope() {
	}

	/**
	 * Whether the policy applies to the processing unit.
	 * @param p a policy
	 * @param pu a processing unit
	 * @return whether the unit is in the policy's namespace, or in a descendant of it
	 * when the policy propagates
	 */
	public static boolean appliesTo(NetworkPolicy p, ProcessingUnit pu) {
		return p.namespace().equals(pu.namespace()) || (p.propagate() && p.namespace().isAncestorOf(pu.namespace()));
	}

	/**
	 * Whether the policy's remote side may select the processing unit.
	 * @param p a policy
	 * @param remote a processing unit
	 * @return whether the unit lies in the subtree of the policy's namespace
	 */
	public static boolean remoteInScope(NetworkPolicy p, ProcessingUnit remote) {
		return p.namespace().contains(remote.namespace());
	}

	/**
	 * Whether the policy's remote side may select the external network.
	 * @param p a policy
	 * @param n an external network
	 * @return whether the network lies in the subtree of the policy's namespace, or is
	 * propagated from an ancestor of it
	 */
	public static boolean remoteInScope(NetworkPolicy p, ExternalNetwork n) {
		return p.namespace().contains(n.namespace()) || (n.propagate() && n.namespace().isAncestorOf(p.namespace()));
	}

	/**
	 * Whether the policy is evaluated for the processing unit on this side: it applies to
	 * the unit, its mode is decided on this side and the local selector matches. Activity
	 * and ports are not checked.
	 * @param p a policy
	 * @param side the deciding side
	 * @param pu the processing unit of that side
	 * @return whether the policy selects the unit
	 */
	public static boolean selects(NetworkPolicy p, Side side, ProcessingUnit pu) {
		return side.decides(p.mode()) && appliesTo(p, pu) && side.localSelector(p).matches(pu.tags());
	}

	/**
	 * Whether the policy's remote selector matches a processing unit in scope.
	 * @param p a policy
	 * @param side the deciding side
	 * @param remote the processing unit at the other end
	 * @return whether it matches
	 */
	public static boolean remoteMatches(NetworkPolicy p, Side side, ProcessingUnit remote) {
		return remoteInScope(p, remote) && side.remoteSelector(p).matches(remote.tags());
	}

	/**
	 * Whether the policy's remote selector matches an external network in scope, which it
	 * never does when the mode requires the remote side to be processing units. Entries
	 * and service ports are not checked.
	 * @param p a policy
	 * @param side the deciding side
	 * @param n an external network
	 * @return whether it matches
	 */
	public static boolean remoteMatches(NetworkPolicy p, Side side, ExternalNetwork n) {
		return side.remoteMayBeExternalNetwork(p.mode()) && remoteInScope(p, n)
				&& side.remoteSelector(p).matches(n.tags());
	}

}
