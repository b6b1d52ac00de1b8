package io.mseg.policy.render.wire;

import java.util.List;

/**
 * A rule as a rule section holds it (a section is a JSON list of them, a chunk cut by
 * {@link io.mseg.policy.render.RuleChunks}): the whole document's rule, with its external
 * networks as references to network sections. Components in the order of the document's
 * rule, so that its JSON is the document rule's but for {@code externalNetworks}.
 *
 * @param policyID the policy's identifier
 * @param policyName its name
 * @param policyNamespace its namespace
 * @param propagatedFrom the ancestor namespace it is propagated from, or {@code null}
 * @param action {@code Allow} or {@code Reject}
 * @param fallback whether it is a fallback policy
 * @param observed observation only: reported, never enforced
 * @param logsEnabled whether matches are logged
 * @param ports the ports it covers for remote processing units; empty means any
 * @param processingUnits remote processing units
 * @param externalNetworks remote external networks, by section
 */
public record ChunkRule(String policyID, String policyName, String policyNamespace, String propagatedFrom,
		String action, boolean fallback, boolean observed, boolean logsEnabled, List<String> ports,
		List<RenderedRemoteProcessingUnit> processingUnits, List<NetworkReference> externalNetworks) {

	public ChunkRule {
		ports = (ports != null) ? List.copyOf(ports) : List.of();
		processingUnits = (processingUnits != null) ? List.copyOf(processingUnits) : List.of();
		externalNetworks = (externalNetworks != null) ? List.copyOf(externalNetworks) : List.of();
	}

}
