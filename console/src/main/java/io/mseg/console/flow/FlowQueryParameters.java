package io.mseg.console.flow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldError;
import io.mseg.policy.InvalidValueException;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.network.IpAddress;

import org.springframework.http.HttpStatus;

/**
 * The query parameters of {@code GET /flowreports} and its live tail, read strictly: a
 * parameter the endpoint does not take, or a time that is not RFC 3339, is refused with
 * 400; a value outside what the filter allows with 422.
 */
final class FlowQueryParameters {

	static final Set<String> FILTERS = Set.of("action", "observed", "processingUnitID", "policyID", "externalNetworkID",
			"address", "port");

	static final Set<String> LIST = union(FILTERS, Set.of("since", "until", "page", "pagesize"));

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private FlowQueryParameters() {
	}

	/** Refuses (400) any parameter not in {@code allowed}. */
	static void onlyKnown(Set<String> given, Set<String> allowed) {
		List<String> unknown = given.stream().filter((name) -> !allowed.contains(name)).sorted().toList();
		if (!unknown.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST,
					"unknown query parameter '" + unknown.get(0) + "': this endpoint takes "
							+ String.join(", ", allowed.stream().sorted().toList()),
					unknown.stream()
						.map((name) -> new FieldError(name, "is not a parameter of this endpoint"))
						.toList());
		}
	}

	/** The filter the parameters describe (the strings as given, null when absent). */
	static FlowFilter filter(NamespacePath namespace, String since, String until, String action, Boolean observed,
			String unit, String policy, String network, String address, Integer port) {
		Instant from = time("since", since);
		Instant to = time("until", until);
		List<FieldError> errors = new ArrayList<>();
		if (from != null && to != null && !from.isBefore(to)) {
			errors.add(new FieldError("until", "must lie after since"));
		}
		if (action != null && !action.equals("Allow") && !action.equals("Reject")) {
			errors.add(new FieldError("action", "must be Allow or Reject"));
		}
		UUID unitId = uuid("processingUnitID", unit, errors);
		UUID policyId = uuid("policyID", policy, errors);
		UUID networkId = uuid("externalNetworkID", network, errors);
		String canonical = null;
		if (address != null) {
			try {
				canonical = IpAddress.parse(address).toString();
			}
			catch (InvalidValueException ex) {
				errors.add(new FieldError("address", ex.getMessage()));
			}
		}
		if (port != null && (port < 0 || port > 65535)) {
			errors.add(new FieldError("port", "must be between 0 and 65535"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		return new FlowFilter(namespace, from, to, action, observed, unitId, policyId, networkId, canonical, port);
	}

	private static Instant time(String name, String text) {
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "parameter '" + name + "' is not an RFC 3339 time",
					List.of(new FieldError(name, "must be an RFC 3339 time, such as 2026-12-05T12:00:00Z")));
		}
	}

	private static UUID uuid(String name, String text, List<FieldError> errors) {
		if (text == null) {
			return null;
		}
		if (!UUID_TEXT.matcher(text).matches()) {
			errors.add(new FieldError(name, "must be a UUID"));
			return null;
		}
		return UUID.fromString(text);
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new java.util.HashSet<>(a);
		all.addAll(b);
		return Set.copyOf(all);
	}

}
