package io.mseg.enforcer.flow;

/**
 * What the connections of one flow record share: everything but the source port and the
 * time within the interval. Fields as in {@link FlowRecord}.
 */
record FlowKey(String processingUnitId, String direction, String protocol, String sourceAddress,
		String destinationAddress, Integer destinationPort, String action, boolean observed, String reason,
		String policyId, String externalNetworkId, String domain) {

}
