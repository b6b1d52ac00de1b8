package io.mseg.policy.render;

import java.util.List;
import java.util.Objects;

import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.PolicyAction;
import io.mseg.policy.port.ServicePorts;

/**
 * One policy as an enforcer applies it to one of its processing units on one side.
 *
 * @param policyId the policy's id
 * @param policyName the policy's name
 * @param policyNamespace the policy's namespace
 * @param action allow or reject
 * @param fallback whether it is a fallback policy
 * @param observed whether it is an observation policy (report only, never enforce)
 * @param logsEnabled whether matches are logged
 * @param ports the policy's ports, {@link ServicePorts#ANY} when it has none
 * @param processingUnits the remote processing units it matches
 * @param externalNetworks the remote external networks it matches
 */
public record RenderedRule(String policyId, String policyName, NamespacePath policyNamespace, PolicyAction action,
		boolean fallback, boolean observed, boolean logsEnabled, ServicePorts ports, List<RemotePu> processingUnits,
		List<RemoteNetwork> externalNetworks) {

	public RenderedRule {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(ports, "ports");
		processingUnits = List.copyOf(processingUnits);
		externalNetworks = List.copyOf(externalNetworks);
	}

}
