package io.mseg.console.flow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The flow totals on {@code /actuator/prometheus}, with no per-flow label:
 * {@code mseg_flows_total{action,observed}} (sum of the records' counts),
 * {@code mseg_flow_records_total} (records stored),
 * {@code mseg_flow_records_dropped_total{where}} (records the enforcers dropped, and
 * records of batches the console refused for good) and
 * {@code mseg_flows_unrecorded_total} (connections the enforcers could not record).
 */
@Component
class FlowMetrics {

	private final MeterRegistry meters;

	private final Map<String, Counter> flows = new ConcurrentHashMap<>();

	private final Counter records;

	private final Counter droppedByEnforcers;

	private final Counter droppedByConsole;

	private final Counter unrecorded;

	FlowMetrics(MeterRegistry meters) {
		this.meters = meters;
		for (String action : List.of("Allow", "Reject")) {
			for (boolean observed : List.of(false, true)) {
				flowCounter(action, observed);
			}
		}
		this.records = Counter.builder("mseg.flow.records").description("Flow records stored").register(meters);
		this.droppedByEnforcers = dropped("enforcer", "Flow records the enforcers dropped (their buffer was full)");
		this.droppedByConsole = dropped("console", "Flow records of batches the console refused (invalid, too old, "
				+ "too large or naming another enforcer's unit)");
		this.unrecorded = Counter.builder("mseg.flows.unrecorded")
			.description("Connections the enforcers could not record (kernel rate limit, socket overflow)")
			.register(meters);
	}

	private Counter dropped(String where, String description) {
		return Counter.builder("mseg.flow.records.dropped")
			.tag("where", where)
			.description(description)
			.register(this.meters);
	}

	private Counter flowCounter(String action, boolean observed) {
		return this.flows.computeIfAbsent(action + observed,
				(key) -> Counter.builder("mseg.flows")
					.tag("action", action)
					.tag("observed", Boolean.toString(observed))
					.description("Connections reported in stored flow records (the sum of their counts)")
					.register(this.meters));
	}

	void stored(FlowBatchValidator.Valid batch) {
		for (StoredFlow flow : batch.records()) {
			flowCounter(flow.action(), flow.observed()).increment(flow.count());
		}
		this.records.increment(batch.records().size());
		this.droppedByEnforcers.increment(batch.droppedRecords());
		this.unrecorded.increment(batch.droppedFlows());
	}

	void refused(int records) {
		this.droppedByConsole.increment(records);
	}

}
