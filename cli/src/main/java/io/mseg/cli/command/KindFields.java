package io.mseg.cli.command;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * The fields that tell an object's kind when a file does not say it: fields only that
 * kind has. A namespace has no field of its own, so it is never told, only named with
 * --kind.
 */
final class KindFields {

	private static final Map<Kind, List<String>> TELLING = new LinkedHashMap<>();

	static {
		TELLING.put(Kind.NETWORKACCESSPOLICIES, List.of("subject", "object", "action", "applyPolicyMode", "ports",
				"logsEnabled", "observationEnabled", "fallback", "disabled", "expirationTime"));
		TELLING.put(Kind.EXTERNALNETWORKS, List.of("entries", "servicePorts", "source"));
		TELLING.put(Kind.PROCESSINGUNITS, List.of("addresses", "type", "enforcerID"));
	}

	private KindFields() {
	}

	/** The kinds whose telling fields the object has. */
	static Set<Kind> candidates(JsonNode object) {
		Set<Kind> kinds = EnumSet.noneOf(Kind.class);
		TELLING.forEach((kind, fields) -> {
			if (fields.stream().anyMatch(object::has)) {
				kinds.add(kind);
			}
		});
		return kinds;
	}

	/** The one kind the object's fields tell, if they tell exactly one. */
	static Optional<Kind> of(JsonNode object) {
		Set<Kind> kinds = candidates(object);
		return (kinds.size() == 1) ? Optional.of(kinds.iterator().next()) : Optional.empty();
	}

	/** The telling fields of the kind that the object has. */
	static List<String> telling(Kind kind, JsonNode object) {
		return TELLING.getOrDefault(kind, List.of()).stream().filter(object::has).toList();
	}

	/** How messages explain the rule. */
	static String describe() {
		return TELLING.entrySet()
			.stream()
			.map((entry) -> entry.getKey().plural() + " have " + String.join(" or ", entry.getValue().subList(0, 2)))
			.collect(Collectors.joining(", "));
	}

}
