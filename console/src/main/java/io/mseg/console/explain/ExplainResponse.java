package io.mseg.console.explain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Why a connection is allowed or rejected: the overall verdict and, for each side whose
 * enforcer decides, its verdict and the policies that matched.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ExplainResponse")
public record ExplainResponse(@Schema(allowableValues = {
		"Allow", "Reject" }) String verdict, String explanation, ResolvedEndpoint source, ResolvedEndpoint destination,
		SideBody outgoing, SideBody incoming){

	/** What an endpoint of the request turned out to be. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "ExplainResolvedEndpoint")
	public record ResolvedEndpoint(@JsonProperty("processingUnitID") String processingUnitId, String processingUnitName,
			String namespace, String address, String domain) {

	}

	/**
	 * The decision of one enforcing side: the source's enforcer for outgoing traffic, the
	 * destination's for incoming.
	 *
	 * @param reason {@code RejectPolicy}, {@code AllowPolicy},
	 * {@code FallbackRejectPolicy}, {@code FallbackAllowPolicy} or {@code DefaultReject}
	 * @param decidingPolicies the policies that decided (none for a default reject)
	 * @param matchingPolicies every matching enforced policy, in evaluation order
	 * @param observedPolicies observation-mode policies that match: reported, never
	 * enforced
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "ExplainSide")
	public record SideBody(@JsonProperty("processingUnitID") String processingUnitId, String verdict, String reason,
			String explanation, List<PolicyRef> decidingPolicies, List<PolicyRef> matchingPolicies,
			List<PolicyRef> observedPolicies) {

	}

	/**
	 * A policy that matched.
	 *
	 * @param propagatedFrom the policy's namespace when an ancestor propagates it
	 * @param externalNetworkID the external network through which it matched, if any
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "ExplainPolicy")
	public record PolicyRef(@JsonProperty("ID") String id, String name, String namespace, String action,
			boolean fallback, String propagatedFrom, @JsonProperty("externalNetworkID") String externalNetworkId) {

	}

}
