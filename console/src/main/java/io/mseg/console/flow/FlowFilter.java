package io.mseg.console.flow;

import java.time.Instant;
import java.util.UUID;

import io.mseg.policy.model.NamespacePath;

/**
 * What {@code GET /flowreports} and its live tail keep: the namespace subtree always, and
 * each filter given (null: any).
 */
record FlowFilter(NamespacePath namespace, Instant since, Instant until, String action, Boolean observed,
		UUID processingUnitId, UUID policyId, UUID externalNetworkId, String address, Integer port) {

	/** Whether a record passes (the live tail's test; the list asks the database). */
	boolean matches(FlowReportBody record) {
		return inSubtree(record.namespace()) && (this.since == null || !record.time().isBefore(this.since))
				&& (this.until == null || record.time().isBefore(this.until))
				&& (this.action == null || this.action.equals(record.action()))
				&& (this.observed == null || this.observed == record.observed())
				&& same(this.processingUnitId, record.processingUnitId()) && same(this.policyId, record.policyId())
				&& same(this.externalNetworkId, record.externalNetworkId())
				&& (this.address == null || this.address.equals(record.sourceAddress())
						|| this.address.equals(record.destinationAddress()))
				&& (this.port == null || this.port.equals(record.destinationPort()));
	}

	private boolean inSubtree(String namespace) {
		return this.namespace.equals(NamespacePath.ROOT) || namespace.equals(this.namespace.value())
				|| namespace.startsWith(this.namespace.value() + "/");
	}

	private static boolean same(UUID wanted, String value) {
		return wanted == null || wanted.toString().equals(value);
	}

}
