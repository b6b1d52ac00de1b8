package io.mseg.console.flow;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A batch of flow records an enforcer sends ({@code POST /enforcers/{id}/flowreports}).
 *
 * @param batchId the enforcer's UUID for the batch, the same on every retry of it
 * @param dropped what the enforcer could not record since its previous accepted batch
 * @param records the aggregated records, 1 to 2,000; none in a batch that only reports
 * drops
 */
@Schema(name = "FlowReportBatch")
record FlowBatch(
		@JsonProperty("batchID") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "A UUID per batch, reused on every retry of it: a batch already stored answers 409",
				example = "0d6c1e0e-3c56-4a0e-9a55-3f1e2b8a9c11") String batchId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Dropped dropped,
		@ArraySchema(maxItems = MAX_RECORDS, arraySchema = @Schema(
				description = "1 to 2,000 records; none only when dropped reports drops (nothing else to send)"),
				schema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) List<Flow> records) {

	static final int MAX_RECORDS = 2000;

	/**
	 * What the enforcer could not record since its previous accepted batch.
	 *
	 * @param flows connections it could not record (kernel rate limit, socket overflow)
	 * @param records aggregated records it dropped (buffer full, too old)
	 */
	@Schema(name = "FlowReportDropped")
	record Dropped(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0",
					description = "Connections it could not record (kernel rate limit, socket overflow)",
					example = "0") Long flows,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0",
					description = "Aggregated records it dropped (buffer full, too old)", example = "0") Long records) {

	}

	/** One aggregated record: identical connections of an interval, with their count. */
	@Schema(name = "ReportedFlow")
	record Flow(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
			description = "Start of the interval (RFC 3339); within the retention, at most 5 minutes ahead") Instant time,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", example = "3") Long count,
			@JsonProperty("processingUnitID") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					description = "A processing unit this enforcer registered") String processingUnitId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
					"Incoming", "Outgoing" }) String direction,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					description = "Lower-case protocol name as in service ports (tcp, udp, icmp, icmp6, gre, ...)",
					example = "tcp") String protocol,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "10.233.0.2") String sourceAddress,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "10.233.0.1") String destinationAddress,
			@Schema(description = "0 to 65535, present exactly for tcp and udp",
					example = "80") Integer destinationPort,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "Allow", "Reject" }) String action,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					description = "Decided by an observation-mode policy: what it would have done") Boolean observed,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					allowableValues = { "Policy", "Fallback", "DefaultReject" }) String reason,
			@JsonProperty("policyID") @Schema(
					description = "The deciding policy; required unless reason is DefaultReject (then absent)") String policyId,
			@JsonProperty("externalNetworkID") @Schema(
					description = "The external network of the remote side, when it is one") String externalNetworkId,
			@Schema(description = "The domain name the destination was reached by (Outgoing only)",
					example = "api.example.com") String domain){

	}

}
