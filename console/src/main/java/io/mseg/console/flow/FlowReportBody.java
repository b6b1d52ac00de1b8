package io.mseg.console.flow;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A stored flow record as the API shows it ({@code GET /flowreports}); fields without a
 * value are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "FlowReport")
public record FlowReportBody(
		@JsonProperty("ID") @Schema(description = "The record's ID (decimal digits)", example = "12345") String id,
		@Schema(description = "Start of the interval the enforcer aggregated") Instant time,
		@Schema(description = "Connections in the interval", example = "3") long count,
		@JsonProperty("processingUnitID") String processingUnitId,
		@Schema(description = "The processing unit's namespace when the record was stored",
				example = "/acme/prod") String namespace,
		@Schema(allowableValues = {
				"Incoming", "Outgoing" }) String direction,
		@Schema(example = "tcp") String protocol, @Schema(example = "10.233.0.2") String sourceAddress,
		@Schema(example = "10.233.0.1") String destinationAddress,
		@Schema(description = "For tcp and udp", example = "80") Integer destinationPort,
		@Schema(allowableValues = { "Allow", "Reject" }) String action,
		@Schema(description = "Decided by an observation-mode policy: what it would have done, not done") boolean observed,
		@Schema(allowableValues = { "Policy", "Fallback", "DefaultReject" }) String reason,
		@JsonProperty("policyID") @Schema(
				description = "The deciding policy; absent for the default reject") String policyId,
		@JsonProperty("externalNetworkID") @Schema(
				description = "The external network of the remote side, when it is one") String externalNetworkId,
		@Schema(description = "The domain name the destination was reached by",
				example = "api.example.com") String domain,
		@Schema(description = "Where the explanation of this flow, with the policies as they are now, is",
				example = "/flowreports/12345/explain") String explain){

}
