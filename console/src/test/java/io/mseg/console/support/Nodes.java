package io.mseg.console.support;

import java.util.List;

import io.mseg.console.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * Reading JSON answers in assertions.
 */
public final class Nodes {

	private Nodes() {
	}

	/** The texts of a JSON array of strings (empty for a missing node). */
	public static List<String> strings(JsonNode array) {
		if (array == null || array.isMissingNode() || array.isNull()) {
			return List.of();
		}
		return array.valueStream().map(JsonNode::asString).toList();
	}

	/** The {@code field} of every element of a JSON array. */
	public static List<String> field(JsonNode array, String field) {
		return array.valueStream().map((node) -> node.get(field).asString()).toList();
	}

	/** The {@code name} of every object of a list answer. */
	public static List<String> names(Response response) {
		return names(response.json());
	}

	/** The {@code name} of every object of a JSON array. */
	public static List<String> names(JsonNode array) {
		return field(array, "name");
	}

	/** The {@code field} of the problem's field errors. */
	public static List<String> errorFields(Response problem) {
		return field(problem.json().get("errors"), "field");
	}

	/** The message of the problem's error on {@code field}. */
	public static String errorMessage(Response problem, String field) {
		return problem.json()
			.get("errors")
			.valueStream()
			.filter((error) -> error.get("field").asString().equals(field))
			.map((error) -> error.get("message").asString())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no error on " + field + " in " + problem.body()));
	}

}
