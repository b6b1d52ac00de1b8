package io.mseg.console.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldError;
import io.mseg.policy.InvalidValueException;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.Traffic;

import org.springframework.http.HttpStatus;

/**
 * Checks a batch against the contract of {@code POST /enforcers/{id}/flowreports}
 * (docs/api.md, "Flow reports") and turns its records into what is stored: 413 for more
 * than 2,000 records, 422 with a field error per fault ({@code records[3].protocol}).
 */
final class FlowBatchValidator {

	/** How far ahead of the console's clock a record may lie (clock skew). */
	static final Duration MAX_AHEAD = Duration.ofMinutes(5);

	/**
	 * Field errors answered at most: a broken batch of 2,000 records would list 20,000.
	 */
	static final int MAX_ERRORS = 100;

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Set<String> DIRECTIONS = Set.of("Incoming", "Outgoing");

	private static final Set<String> ACTIONS = Set.of("Allow", "Reject");

	private static final Set<String> REASONS = Set.of("Policy", "Fallback", "DefaultReject");

	private final List<FieldError> errors = new ArrayList<>();

	private final Instant oldest;

	private final Instant newest;

	private FlowBatchValidator(Instant now, Duration retention) {
		this.oldest = now.minus(retention);
		this.newest = now.plus(MAX_AHEAD);
	}

	/** A valid batch: its ID, dropped figures and records. */
	record Valid(UUID batchId, long droppedFlows, long droppedRecords, List<StoredFlow> records) {

	}

	/**
	 * Validates a batch read at {@code now}.
	 * @throws ApiException 413 for too many records, 422 for invalid values
	 */
	static Valid validate(FlowBatch batch, Instant now, Duration retention) {
		if (batch.records() != null && batch.records().size() > FlowBatch.MAX_RECORDS) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "a batch holds at most " + FlowBatch.MAX_RECORDS
					+ " records, not " + batch.records().size() + ": send them in several batches");
		}
		return new FlowBatchValidator(now, retention).check(batch);
	}

	private Valid check(FlowBatch batch) {
		UUID batchId = uuid("batchID", batch.batchId(), true);
		long droppedFlows = 0;
		long droppedRecords = 0;
		if (batch.dropped() == null) {
			add("dropped", "is required: {\"flows\": 0, \"records\": 0} when nothing was dropped");
		}
		else {
			droppedFlows = notNegative("dropped.flows", batch.dropped().flows());
			droppedRecords = notNegative("dropped.records", batch.dropped().records());
		}
		List<StoredFlow> records = new ArrayList<>();
		if (batch.records() == null) {
			add("records", "is required: 0 to " + FlowBatch.MAX_RECORDS + " records");
		}
		else if (batch.records().isEmpty() && droppedFlows == 0 && droppedRecords == 0) {
			// a batch without records only reports what was dropped
			add("records", "must hold 1 to " + FlowBatch.MAX_RECORDS + " records, or none when dropped reports drops");
		}
		else {
			for (int i = 0; i < batch.records().size(); i++) {
				StoredFlow flow = record("records[" + i + "].", batch.records().get(i));
				if (flow != null) {
					records.add(flow);
				}
			}
		}
		if (!this.errors.isEmpty()) {
			throw ApiException.invalid(this.errors);
		}
		return new Valid(batchId, droppedFlows, droppedRecords, List.copyOf(records));
	}

	private StoredFlow record(String at, FlowBatch.Flow flow) {
		if (flow == null) {
			add(at.substring(0, at.length() - 1), "must be a record, not null");
			return null;
		}
		int before = this.errors.size();
		Instant time = flow.time();
		if (time == null) {
			add(at + "time", "is required");
		}
		else if (time.isBefore(this.oldest)) {
			add(at + "time", "is older than the retention (" + this.oldest + "): such a record is not kept");
		}
		else if (time.isAfter(this.newest)) {
			add(at + "time", "lies more than 5 minutes ahead of the console's clock (" + this.newest + ")");
		}
		if (flow.count() == null) {
			add(at + "count", "is required");
		}
		else if (flow.count() < 1) {
			add(at + "count", "must be 1 or more");
		}
		UUID unit = uuid(at + "processingUnitID", flow.processingUnitId(), true);
		oneOf(at + "direction", flow.direction(), DIRECTIONS);
		String protocol = protocol(at, flow.protocol(), flow.destinationPort());
		String source = address(at + "sourceAddress", flow.sourceAddress());
		String destination = address(at + "destinationAddress", flow.destinationAddress());
		oneOf(at + "action", flow.action(), ACTIONS);
		if (flow.observed() == null) {
			add(at + "observed", "is required");
		}
		oneOf(at + "reason", flow.reason(), REASONS);
		UUID policy = policy(at, flow);
		UUID network = uuid(at + "externalNetworkID", flow.externalNetworkId(), false);
		String domain = domain(at, flow);
		if (this.errors.size() > before) {
			return null;
		}
		return new StoredFlow(time.truncatedTo(java.time.temporal.ChronoUnit.MICROS), flow.count(), unit,
				flow.direction(), protocol, source, destination, flow.destinationPort(), flow.action(), flow.observed(),
				flow.reason(), policy, network, domain);
	}

	/**
	 * The canonical lower-case protocol name; the port must be there exactly for tcp and
	 * udp.
	 */
	private String protocol(String at, String protocol, Integer port) {
		if (protocol == null) {
			add(at + "protocol", "is required, such as tcp");
			return null;
		}
		Traffic traffic;
		try {
			traffic = Traffic.of(protocol, port, null, null);
		}
		catch (InvalidValueException ex) {
			String message = ex.getMessage();
			boolean aboutPort = message.contains("port") && !message.startsWith("unknown protocol");
			add(at + (aboutPort ? "destinationPort" : "protocol"),
					aboutPort ? message + " (present exactly for tcp and udp, 0 to 65535)" : message);
			return null;
		}
		if (!traffic.protocol().equals(protocol)) {
			add(at + "protocol", "must be the protocol's lower-case name: " + traffic.protocol());
			return null;
		}
		return protocol;
	}

	private String address(String field, String text) {
		if (text == null) {
			add(field, "is required");
			return null;
		}
		try {
			return IpAddress.parse(text).toString();
		}
		catch (InvalidValueException ex) {
			add(field, ex.getMessage());
			return null;
		}
	}

	/**
	 * Required unless the default reject decided, which names no policy and is always an
	 * enforced reject.
	 */
	private UUID policy(String at, FlowBatch.Flow flow) {
		if (!"DefaultReject".equals(flow.reason())) {
			return uuid(at + "policyID", flow.policyId(), flow.reason() != null);
		}
		if (flow.policyId() != null) {
			add(at + "policyID", "must be absent when reason is DefaultReject: no policy decided");
		}
		if (flow.action() != null && !"Reject".equals(flow.action())) {
			add(at + "action", "must be Reject when reason is DefaultReject");
		}
		if (Boolean.TRUE.equals(flow.observed())) {
			add(at + "observed", "must be false when reason is DefaultReject: the default reject is enforced");
		}
		return null;
	}

	private String domain(String at, FlowBatch.Flow flow) {
		if (flow.domain() == null) {
			return null;
		}
		if (flow.direction() != null && !"Outgoing".equals(flow.direction())) {
			add(at + "domain", "is given only with direction Outgoing: a domain names what a unit connects to");
			return null;
		}
		try {
			DomainPattern pattern = DomainPattern.parse(flow.domain());
			if (pattern.wildcard()) {
				add(at + "domain", "must be a domain name, not a wildcard");
				return null;
			}
			return pattern.domain();
		}
		catch (InvalidValueException ex) {
			add(at + "domain", ex.getMessage());
			return null;
		}
	}

	private UUID uuid(String field, String text, boolean required) {
		if (text == null) {
			if (required) {
				add(field, "is required");
			}
			return null;
		}
		if (!UUID_TEXT.matcher(text).matches()) {
			add(field, "must be a UUID");
			return null;
		}
		return UUID.fromString(text);
	}

	private void oneOf(String field, String value, Set<String> allowed) {
		if (value == null) {
			add(field, "is required");
		}
		else if (!allowed.contains(value)) {
			add(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
		}
	}

	private long notNegative(String field, Long value) {
		if (value == null) {
			add(field, "is required (0 when none)");
			return 0;
		}
		if (value < 0) {
			add(field, "must be 0 or more");
			return 0;
		}
		return value;
	}

	private void add(String field, String message) {
		if (this.errors.size() < MAX_ERRORS) {
			this.errors.add(new FieldError(field, message));
		}
		else if (this.errors.size() == MAX_ERRORS) {
			this.errors.add(new FieldError("records", "more errors are left out"));
		}
	}

}
