package io.mseg.policy.decision;

import java.util.Objects;

import io.mseg.policy.model.NetworkPolicy;

/**
 * A policy that matched a connection, with the external network it matched through.
 *
 * @param policy the policy
 * @param externalNetworkId the external network that matched the remote end, {@code null}
 * when the remote end is a processing unit
 */
public record PolicyMatch(NetworkPolicy policy, String externalNetworkId) {

	public PolicyMatch {
		Objects.requireNonNull(policy, "policy");
	}

}
