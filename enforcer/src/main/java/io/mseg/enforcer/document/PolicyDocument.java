package io.mseg.enforcer.document;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;

/**
 * The rendered policy of this enforcer as the console serves it ({@code GET
 * /enforcers/{id}/renderedpolicy}): one entry per processing unit it protects, rules in
 * evaluation order, and the addresses of known processing units (which an external
 * network never matches). The processing units in it are the wire format's records,
 * shared with the console ({@code io.mseg.policy.render.wire}), as are the index and the
 * sections the agent assembles it from ({@link PolicySections}).
 *
 * @param enforcerId the enforcer the document is for
 * @param version the policy version at which the document last changed
 * @param processingUnits the rules per protected processing unit
 * @param knownProcessingUnitAddresses addresses that belong to processing units
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyDocument(@JsonProperty("enforcerID") String enforcerId, long version,
		List<UnitPolicy> processingUnits, List<String> knownProcessingUnitAddresses) {

	public PolicyDocument {
		processingUnits = (processingUnits != null) ? List.copyOf(processingUnits) : List.of();
		knownProcessingUnitAddresses = (knownProcessingUnitAddresses != null)
				? List.copyOf(knownProcessingUnitAddresses) : List.of();
	}

	/**
	 * The rules of one protected processing unit.
	 *
	 * @param processingUnit the unit, with its local addresses
	 * @param incoming rules deciding connections to it, in order
	 * @param outgoing rules deciding connections from it, in order
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record UnitPolicy(RenderedPolicyTarget processingUnit, List<Rule> incoming, List<Rule> outgoing) {

		public UnitPolicy {
			incoming = (incoming != null) ? List.copyOf(incoming) : List.of();
			outgoing = (outgoing != null) ? List.copyOf(outgoing) : List.of();
		}

	}

	/**
	 * One policy as it applies to a processing unit on one side.
	 *
	 * @param policyId the policy's identifier
	 * @param policyName its name
	 * @param policyNamespace its namespace
	 * @param propagatedFrom the ancestor it comes from, or {@code null}
	 * @param action {@code Allow} or {@code Reject}
	 * @param fallback whether it is a fallback policy
	 * @param observed observation only: never decides
	 * @param logsEnabled whether matches should be logged
	 * @param ports the ports it covers for remote processing units; empty means any
	 * @param processingUnits remote processing units
	 * @param externalNetworks remote external networks
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Rule(@JsonProperty("policyID") String policyId, String policyName, String policyNamespace,
			String propagatedFrom, String action, boolean fallback, boolean observed, boolean logsEnabled,
			List<String> ports, List<RenderedRemoteProcessingUnit> processingUnits,
			List<RemoteNetwork> externalNetworks) {

		public Rule {
			// Anything but the two actions is refused: read as "not reject", a typo or a
			// newer console's action would allow.
			if (!"Allow".equals(action) && !"Reject".equals(action)) {
				throw new IllegalArgumentException(
						"policy " + policyId + " has the action '" + action + "': only Allow and Reject are enforced");
			}
			ports = (ports != null) ? List.copyOf(ports) : List.of();
			processingUnits = (processingUnits != null) ? List.copyOf(processingUnits) : List.of();
			externalNetworks = (externalNetworks != null) ? List.copyOf(externalNetworks) : List.of();
		}

		public boolean rejects() {
			return "Reject".equals(this.action);
		}

	}

	/**
	 * A remote external network.
	 *
	 * @param id its identifier, may be {@code null}
	 * @param name its name, may be {@code null}
	 * @param namespace its namespace, may be {@code null}
	 * @param entries included CIDRs and addresses
	 * @param excluded CIDRs cut out of {@code entries}
	 * @param domains domain names (not enforced yet)
	 * @param servicePorts the network's own service ports
	 * @param ports what the rule covers for this network (the policy's ports intersected
	 * with the service ports); empty means any
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RemoteNetwork(@JsonProperty("ID") String id, String name, String namespace, List<String> entries,
			List<String> excluded, List<String> domains, List<String> servicePorts, List<String> ports) {

		public RemoteNetwork {
			entries = (entries != null) ? List.copyOf(entries) : List.of();
			excluded = (excluded != null) ? List.copyOf(excluded) : List.of();
			domains = (domains != null) ? List.copyOf(domains) : List.of();
			servicePorts = (servicePorts != null) ? List.copyOf(servicePorts) : List.of();
			ports = (ports != null) ? List.copyOf(ports) : List.of();
		}

	}

}
