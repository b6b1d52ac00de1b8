package io.mseg.enforcer.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One aggregated flow as the console takes it ({@code POST /enforcers/{id}/flowreports}):
 * the connections of one interval with the same key, and how many there were.
 *
 * @param time the start of the interval (RFC 3339)
 * @param count the connections
 * @param processingUnitId the protected unit
 * @param direction {@code Incoming} or {@code Outgoing}
 * @param protocol the protocol's name ({@code tcp}, {@code icmp6}, ...)
 * @param sourceAddress the source address
 * @param destinationAddress the destination address
 * @param destinationPort the destination port (TCP and UDP only)
 * @param action {@code Allow} or {@code Reject}
 * @param observed whether an observation policy reported it (deciding nothing)
 * @param reason {@code Policy}, {@code Fallback} or {@code DefaultReject}
 * @param policyId the policy that decided, absent for the default reject
 * @param externalNetworkId the external network at the remote end, if any
 * @param domain the domain name the remote address was learned from, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FlowRecord(String time, long count, @JsonProperty("processingUnitID") String processingUnitId, String direction,
		String protocol, String sourceAddress, String destinationAddress, Integer destinationPort, String action,
		boolean observed, String reason, @JsonProperty("policyID") String policyId,
		@JsonProperty("externalNetworkID") String externalNetworkId, String domain) {

	static FlowRecord of(String time, long count, FlowKey key) {
		return new FlowRecord(time, count, key.processingUnitId(), key.direction(), key.protocol(), key.sourceAddress(),
				key.destinationAddress(), key.destinationPort(), key.action(), key.observed(), key.reason(),
				key.policyId(), key.externalNetworkId(), key.domain());
	}

}
