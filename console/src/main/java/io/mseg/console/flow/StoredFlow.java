package io.mseg.console.flow;

import java.time.Instant;
import java.util.UUID;

/**
 * A validated flow record, as it is stored: IDs parsed, addresses in canonical text, and
 * the namespace of its processing unit once known.
 */
record StoredFlow(Instant time, long count, UUID processingUnitId, String direction, String protocol,
		String sourceAddress, String destinationAddress, Integer destinationPort, String action, boolean observed,
		String reason, UUID policyId, UUID externalNetworkId, String domain) {

}
