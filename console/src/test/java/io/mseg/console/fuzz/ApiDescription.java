package io.mseg.console.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations of the committed OpenAPI document ({@code openapi/openapi.json}): what
 * the fuzz test generates its requests from, so that a new endpoint is fuzzed without
 * anyone listing it.
 */
public final class ApiDescription {

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options",
			"trace");

	private final JsonNode document;

	private final List<Operation> operations = new ArrayList<>();

	private ApiDescription(JsonNode document) {
		this.document = document;
		document.path("paths").properties().forEach((path) -> {
			for (String method : METHODS) {
				JsonNode operation = path.getValue().get(method);
				if (operation != null) {
					this.operations.add(operation(method, path.getKey(), operation));
				}
			}
		});
		this.operations.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
	}

	public static ApiDescription read(Path file) {
		try {
			return new ApiDescription(JsonMapper.builder().build().readTree(Files.readString(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public List<Operation> operations() {
		return this.operations;
	}

	/** The methods the document declares on {@code path}. */
	public Set<String> methodsOf(String path) {
		Set<String> methods = new LinkedHashSet<>();
		this.operations.stream().filter((op) -> op.path().equals(path)).forEach((op) -> methods.add(op.method()));
		return methods;
	}

	public Optional<Operation> operation(String method, String path) {
		return this.operations.stream()
			.filter((op) -> op.method().equals(method) && op.path().equals(path))
			.findFirst();
	}

	/** Follows a {@code $ref} to the schema it names (no-op for other schemas). */
	public JsonNode resolve(JsonNode schema) {
		if (schema == null) {
			return null;
		}
		JsonNode ref = schema.get("$ref");
		if (ref == null) {
			return schema;
		}
		return this.document.path("components").path("schemas").path(schemaName(ref.asString()));
	}

	/** The name of the component a schema refers to, or null. */
	public static String refName(JsonNode schema) {
		return (schema != null && schema.has("$ref")) ? schemaName(schema.get("$ref").asString()) : null;
	}

	private static String schemaName(String ref) {
		return ref.substring(ref.lastIndexOf('/') + 1);
	}

	/**
	 * The schema of the value at {@code path} (property names and {@code [i]} indexes) in
	 * a body of {@code root}, or null where the document does not say. The items of an
	 * import document's {@code data} are untyped in the document; a key that names a
	 * collection ({@code data.networkaccesspolicies}) takes the body schema of a
	 * {@code POST} to that collection.
	 */
	public JsonNode schemaAt(JsonNode root, List<String> path) {
		JsonNode schema = resolve(root);
		for (String step : path) {
			if (schema == null || schema.isMissingNode()) {
				return null;
			}
			if (step.startsWith("[")) {
				schema = resolve(schema.get("items"));
				continue;
			}
			JsonNode property = schema.path("properties").get(step);
			if (property != null) {
				schema = resolve(property);
				continue;
			}
			Optional<Operation> collection = operation("post", "/" + step);
			if (isCollectionMap(schema) && collection.isPresent() && collection.get().bodySchema() != null) {
				JsonNode items = collection.get().bodySchema();
				schema = new JsonMapper().createObjectNode().put("type", "array").set("items", items);
				continue;
			}
			JsonNode additional = schema.get("additionalProperties");
			schema = (additional != null && additional.isObject()) ? resolve(additional) : null;
		}
		return schema;
	}

	/**
	 * A map whose keys name collections of the API (an import document's {@code data}):
	 * its keys are then as closed a set as an object's properties.
	 */
	public boolean isCollectionMap(JsonNode schema) {
		JsonNode additional = (schema != null) ? schema.get("additionalProperties") : null;
		return additional != null && additional.isObject() && "array".equals(additional.path("type").asString(""))
				&& additional.path("items").has("additionalProperties")
				&& additional.path("items").path("additionalProperties").isEmpty();
	}

	private Operation operation(String method, String path, JsonNode operation) {
		List<Parameter> parameters = new ArrayList<>();
		operation.path("parameters")
			.forEach((p) -> parameters
				.add(new Parameter(p.path("name").asString(), p.path("in").asString(), resolve(p.path("schema")))));
		JsonNode body = operation.get("requestBody");
		List<String> mediaTypes = new ArrayList<>();
		JsonNode schema = null;
		if (body != null) {
			body.path("content").properties().forEach((content) -> mediaTypes.add(content.getKey()));
			schema = body.path("content").path(mediaTypes.get(0)).path("schema");
		}
		Set<Integer> statuses = new LinkedHashSet<>();
		operation.path("responses").propertyNames().forEach((status) -> statuses.add(Integer.parseInt(status)));
		return new Operation(method.toUpperCase(Locale.ROOT), path, operation.path("summary").asString(""),
				List.copyOf(parameters), schema, List.copyOf(mediaTypes),
				body != null && body.path("required").asBoolean(false), Set.copyOf(statuses));
	}

	/** A parameter of an operation ({@code in}: path, query or header). */
	public record Parameter(String name, String in, JsonNode schema) {

		public boolean isInteger() {
			return "integer".equals(this.schema.path("type").asString(""));
		}

		public boolean isBoolean() {
			return "boolean".equals(this.schema.path("type").asString(""));
		}

	}

	/**
	 * One operation: a method on a path, its parameters, its body and the statuses it
	 * lists.
	 */
	public record Operation(String method, String path, String summary, List<Parameter> parameters, JsonNode bodySchema,
			List<String> bodyMediaTypes, boolean bodyRequired, Set<Integer> statuses) {

		public String name() {
			return this.method + " " + this.path;
		}

		public List<Parameter> parameters(String in) {
			return this.parameters.stream().filter((p) -> p.in().equals(in)).toList();
		}

		public boolean has(String in, String name) {
			return this.parameters.stream().anyMatch((p) -> p.in().equals(in) && p.name().equals(name));
		}

		public boolean hasBody() {
			return this.bodySchema != null;
		}

		public boolean takesNamespace() {
			return has("header", "X-Namespace");
		}

		public boolean isRead() {
			return this.method.equals("GET");
		}

		/** The collection the path starts with: {@code networkaccesspolicies}. */
		public String collection() {
			String rest = this.path.substring(1);
			int slash = rest.indexOf('/');
			return (slash < 0) ? rest : rest.substring(0, slash);
		}

		/**
		 * Operations an enforcer calls: they name no namespace (the caller's certificate
		 * or enrollment token does).
		 */
		public boolean isEnforcerSide() {
			return !takesNamespace() && this.path.startsWith("/enforcers");
		}

		/** {@code POST /enforcers}: an enrollment, with an enrollment token. */
		public boolean isEnrollment() {
			return isEnforcerSide() && !this.path.contains("{");
		}

		public boolean acceptsYaml() {
			return this.bodyMediaTypes.contains("application/yaml");
		}

		/**
		 * Whether a request to {@code target} is one for this operation: its method, and
		 * a path of its template ({@code {id}} standing for any one segment).
		 */
		public boolean isAddressedBy(String method, String target) {
			if (!this.method.equals(method) || !target.startsWith("/")) {
				return false;
			}
			int query = target.indexOf('?');
			String[] path = ((query < 0) ? target : target.substring(0, query)).split("/", -1);
			String[] template = this.path.split("/", -1);
			if (path.length != template.length) {
				return false;
			}
			for (int i = 0; i < path.length; i++) {
				boolean variable = template[i].startsWith("{") && !path[i].isEmpty();
				if (!variable && !template[i].equals(path[i])) {
					return false;
				}
			}
			return true;
		}

	}

}
