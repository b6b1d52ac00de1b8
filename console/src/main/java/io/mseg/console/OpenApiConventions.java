package io.mseg.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What every operation of the API does alike, written into the OpenAPI document once
 * rather than on each handler: the problems it can answer (read off its method,
 * parameters and body), the descriptions of the parameters many operations share, and the
 * order of the tags (everyday work first, administration after). What a handler's
 * annotations say is kept.
 */
final class OpenApiConventions implements OpenApiCustomizer {

	/** The everyday groups first, then the admin ones. */
	private static final List<String> TAG_ORDER = List.of("networkaccesspolicies", "processingunits",
			"externalnetworks", "namespaces", "explain", "flowreports", "import-export", "tags", "apitokens",
			"enrollmenttokens", "enforcers", "auditrecords");

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String PROBLEM = "Problem";

	private static final String FIELD_ERROR = "FieldError";

	/** The problem responses every operation shares, by status. */
	private static final Map<String, Standard> STANDARD = standard();

	private final int maxPageSize;

	OpenApiConventions(int maxPageSize) {
		this.maxPageSize = maxPageSize;
	}

	/** A problem response described once, under {@code components/responses}. */
	private record Standard(String component, String description) {

		ApiResponse response() {
			return new ApiResponse().description(this.description).content(problemContent());
		}

		ApiResponse reference() {
			return new ApiResponse().$ref("#/components/responses/" + this.component);
		}

	}

	private static Map<String, Standard> standard() {
		Map<String, Standard> standard = new LinkedHashMap<>();
		standard.put("400", new Standard("BadRequest", "The request cannot be read: a malformed body, path, query "
				+ "parameter or header (errors names the field where it can)"));
		standard.put("401", new Standard("Unauthorized", "No valid credentials: none, or a token that is unknown, "
				+ "expired or revoked, or the certificate of a revoked enforcer"));
		standard.put("403", new Standard("Forbidden", "The credentials do not allow this request (a role too low, "
				+ "a credential for other endpoints), or the object is managed elsewhere"));
		standard.put("404", new Standard("NotFound", "No such object in the request's namespace, or X-Namespace "
				+ "names a namespace that does not exist or lies outside the token's"));
		standard.put("406", new Standard("NotAcceptable", "Accept names no media type the operation answers"));
		standard.put("409",
				new Standard("Conflict", "The request conflicts with the current state: a name or address already "
						+ "taken, a protected object without override=true, or a concurrent change; detail says which"));
		standard.put("412", new Standard("PreconditionFailed",
				"If-Match names a version that is no longer current: read the object again"));
		standard.put("413",
				new Standard("ContentTooLarge",
						"The body is larger than the limit (mseg.max-body-size; mseg.max-import-size for imports, "
								+ "mseg.max-flow-report-size for flow reports)"));
		standard.put("415", new Standard("UnsupportedMediaType", "Content-Type is neither JSON (application/json) "
				+ "nor YAML (application/yaml), or names a charset other than UTF-8"));
		standard.put("422", new Standard("UnprocessableContent", "Well-formed but invalid: unknown fields, values "
				+ "of the wrong type or out of range; errors lists each field"));
		return standard;
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
	}

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(PROBLEM, problem()).addSchemas(FIELD_ERROR, fieldError());
		STANDARD.values()
			.forEach((standard) -> openApi.getComponents().addResponses(standard.component(), standard.response()));
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			describeParameters(path, operation);
			addProblems(method, operation);
		}));
		if (openApi.getTags() != null) {
			List<Tag> tags = new ArrayList<>(openApi.getTags());
			tags.sort(Comparator.comparingInt(OpenApiConventions::rank).thenComparing(Tag::getName));
			openApi.setTags(tags);
		}
	}

	private static int rank(Tag tag) {
		int rank = TAG_ORDER.indexOf(tag.getName());
		return (rank < 0) ? TAG_ORDER.size() : rank;
	}

	/**
	 * The problems an operation can answer: any request can be malformed, unauthenticated
	 * or forbidden, and ask for a media type the operation does not answer; one that
	 * names an object or a namespace may find none; a change may conflict with the state;
	 * one with If-Match may be stale; one with a body may send too much, the wrong type
	 * or invalid content; a page may be out of range.
	 */
	private static void addProblems(PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = operation.getResponses();
		List<String> statuses = new ArrayList<>(List.of("400", "401", "403", "406"));
		if (has(operation, "path", null) || has(operation, "header", "X-Namespace")) {
			statuses.add("404");
		}
		boolean creates = responses.containsKey("201");
		if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.DELETE || creates) {
			statuses.add("409");
		}
		if (has(operation, "header", "If-Match")) {
			statuses.add("412");
		}
		boolean body = operation.getRequestBody() != null;
		if (body) {
			statuses.addAll(List.of("413", "415"));
		}
		if (body || has(operation, "query", "page")) {
			statuses.add("422");
		}
		Map<String, ApiResponse> all = new LinkedHashMap<>(responses);
		statuses.forEach((status) -> all.putIfAbsent(status, STANDARD.get(status).reference()));
		// Whatever a handler's annotation declares, a refusal is a problem document.
		all.forEach((status, response) -> {
			if (status.startsWith("4") && response.get$ref() == null) {
				response.setContent(problemContent());
			}
		});
		ApiResponses sorted = new ApiResponses();
		all.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
		operation.setResponses(sorted);
	}

	/** Descriptions of the parameters many operations share, where none is given. */
	private void describeParameters(String path, Operation operation) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			if (parameter.getDescription() == null) {
				parameter.setDescription(description(path, parameter));
			}
			if (parameter.getIn().equals("query") && parameter.getName().equals("page")) {
				parameter.getSchema().setMinimum(BigDecimal.ONE);
			}
			if (parameter.getIn().equals("query") && parameter.getName().equals("pagesize")) {
				parameter.getSchema().setMinimum(BigDecimal.ONE);
				parameter.getSchema().setMaximum(BigDecimal.valueOf(this.maxPageSize));
			}
		}
	}

	private String description(String path, Parameter parameter) {
		return switch (parameter.getIn() + " " + parameter.getName()) {
			case "header X-Namespace" -> "The namespace the request works in, such as /acme/prod. Default: the "
					+ "token's own namespace; it must be that namespace or one below it.";
			case "path id" -> "The ID of the object (its ID field) in /" + path.split("/")[1];
			case "query page" -> "Which page to answer, from 1";
			case "query pagesize" ->
				"How many items a page holds, 1 to " + this.maxPageSize + "; the total count is in X-Count-Total";
			case "query recursive" -> "Also the items of the namespaces below it";
			case "query propagated" -> "Also the items that ancestor namespaces propagate to it";
			case "query override" -> "Allows changing or deleting a protected object (refused with 409 without it)";
			case "header If-Match" -> "Change only if the object is still at this version: its ETag (\"3\" or "
					+ "W/\"3\"), or *; 412 when it has changed since";
			case "header If-None-Match" ->
				"The ETag of the copy the caller holds: while it is current the answer is 304 without a body";
			default -> null;
		};
	}

	private static boolean has(Operation operation, String in, String name) {
		return operation.getParameters() != null && operation.getParameters()
			.stream()
			.anyMatch((p) -> p.getIn().equals(in) && (name == null || p.getName().equals(name)));
	}

	/** What {@code ProblemDetailsAdvice} and {@code Problems} write. */
	private static Schema<?> problem() {
		return object().description("An RFC 9457 problem: why a request was refused")
			.addProperty("type",
					string()
						.description("about:blank, or left out, which means the same: the status says what kind of "
								+ "problem it is")
						.example("about:blank"))
			.addProperty("title", string().description("The status's reason phrase").example("Unprocessable Content"))
			.addProperty("status", new JsonSchema().types(Set.of("integer")).format("int32").example(422))
			.addProperty("detail",
					string().description("What went wrong, for people")
						.example("subject[0]: tag 'string' must have the form key=value"))
			.addProperty("instance",
					string().description("The path of the request, where known").example("/networkaccesspolicies"))
			.addProperty("errors",
					new JsonSchema().types(Set.of("array"))
						.description("The fields at fault, when fields are")
						.items(new JsonSchema().$ref("#/components/schemas/" + FIELD_ERROR)))
			.required(List.of("title", "status"));
	}

	/** {@code io.mseg.console.web.FieldError}. */
	private static Schema<?> fieldError() {
		return object().description("One invalid field of a request and why it is refused")
			.addProperty("field",
					string()
						.description("Its path in the body (subject[0][1], data.networkaccesspolicies[2].ports[0]),"
								+ " or the name of a query parameter")
						.example("subject[0]"))
			.addProperty("message",
					string().description("Why it is refused").example("tag 'string' must have the form key=value"))
			.required(List.of("field", "message"));
	}

	private static Schema<?> object() {
		return new JsonSchema().types(Set.of("object"));
	}

	private static Schema<?> string() {
		return new JsonSchema().types(Set.of("string"));
	}

}
