package io.mseg.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.SwaggerUiExamples;
import io.mseg.console.support.TestEnforcer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is what admins read and try out in Swagger UI: each operation has
 * a meaningful operationId, described parameters and the problems it can answer listed,
 * the tags come everyday first, and every request-body example Swagger UI offers is
 * accepted by the console. (That no operation answers a refusal it does not list is
 * checked by {@link ApiFuzzIntegrationTests}.)
 */
class OpenApiQualityIntegrationTests extends ConsoleIntegrationTest {

	private static final Pattern OPERATION_ID = Pattern.compile("^[a-z][A-Za-z]+$");

	/**
	 * Operations whose body no example can make valid for everyone: a CSR is signed for
	 * the key of the one who holds it, and section names are hashes of the current
	 * policy.
	 */
	private static final Map<String, String> UNTRIABLE = Map.of("enrollEnforcer",
			"carries a CSR of the new enforcer's own key", "renewEnforcerCertificate",
			"carries a CSR of the enforcer's own key", "fetchEnforcerRenderedPolicySections",
			"names sections of the enforcer's current rendered policy", "reportEnforcerFlows",
			"names processing units the enforcer registered, at times within the retention");

	private JsonNode document;

	@BeforeEach
	void readDocument() {
		this.document = this.api.get(null, "/v3/api-docs").expectStatus(200).json();
	}

	@Test
	void everyOperationHasAUniqueMeaningfulOperationId() {
		List<String> ids = operations().stream().map((op) -> op.node().path("operationId").asString("")).toList();
		assertThat(ids).allSatisfy((id) -> assertThat(id).matches(OPERATION_ID)).doesNotHaveDuplicates();
	}

	@Test
	void everyOperationNamesDefinedSecuritySchemes() {
		Set<String> schemes = names(this.document.path("components").path("securitySchemes"));
		List<JsonNode> requirements = new ArrayList<>(this.document.path("security").valueStream().toList());
		operations().forEach((op) -> op.node().path("security").forEach(requirements::add));
		assertThat(requirements).allSatisfy((requirement) -> assertThat(schemes).containsAll(names(requirement)));
	}

	@Test
	void everyParameterIsDescribed() {
		List<String> undescribed = new ArrayList<>();
		for (Op op : operations()) {
			op.node().path("parameters").forEach((parameter) -> {
				if (parameter.path("description").asString("").isBlank()) {
					undescribed
						.add(op + " " + parameter.path("in").asString() + " " + parameter.path("name").asString());
				}
			});
		}
		assertThat(undescribed).isEmpty();
	}

	/**
	 * Any request can be malformed, unauthenticated, forbidden or ask for a media type
	 * the operation does not answer; one naming an object or a namespace can find none;
	 * one with If-Match can be stale; one with a body can be too large, of another type
	 * or invalid; a page can be out of range.
	 */
	@Test
	void everyOperationListsTheRefusalsItsShapeImplies() {
		List<String> missing = new ArrayList<>();
		for (Op op : operations()) {
			Set<String> expected = new TreeSet<>(Set.of("400", "401", "403", "406"));
			if (op.has("path", null) || op.has("header", "X-Namespace")) {
				expected.add("404");
			}
			if (op.has("header", "If-Match")) {
				expected.add("412");
			}
			if (op.node().has("requestBody")) {
				expected.addAll(Set.of("413", "415", "422"));
			}
			if (op.has("query", "page")) {
				expected.add("422");
			}
			expected.removeAll(op.statuses());
			if (!expected.isEmpty()) {
				missing.add(op + " does not list " + expected);
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void everyListedRefusalIsAProblemDocument() {
		List<String> wrong = new ArrayList<>();
		for (Op op : operations()) {
			op.node().path("responses").properties().forEach((response) -> {
				if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
					JsonNode content = resolve(response.getValue()).path("content");
					JsonNode schema = content.path("application/problem+json").path("schema");
					if (content.size() != 1 || !schema.path("$ref").asString("").endsWith("/Problem")) {
						wrong.add(op + " " + response.getKey() + ": " + content);
					}
				}
			});
		}
		assertThat(wrong).isEmpty();
	}

	/** The Problem schema describes what the console answers, field errors and all. */
	@Test
	void theProblemSchemaDescribesTheConsolesRefusals() {
		JsonNode schemas = this.document.path("components").path("schemas");
		Set<String> problemFields = names(schemas.path("Problem").path("properties"));
		assertThat(problemFields).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "errors");
		assertThat(names(schemas.path("FieldError").path("properties"))).containsExactlyInAnyOrder("field", "message");
		JsonNode problem = this.api
			.post(this.tenant, "/networkaccesspolicies",
					"{\"name\": \"p\", \"subject\": [[\"string\"]], \"object\": [[\"app=db\"]]}")
			.expectProblem(422, "subject[0]")
			.json();
		assertThat(problemFields).containsAll(names(problem));
		assertThat(names(problem.path("errors").get(0))).containsExactlyInAnyOrder("field", "message");
	}

	@Test
	void theEverydayTagsComeFirst() {
		assertThat(this.document.path("tags").valueStream().map((tag) -> tag.path("name").asString())).containsExactly(
				"networkaccesspolicies", "processingunits", "externalnetworks", "namespaces", "explain", "flowreports",
				"import-export", "tags", "apitokens", "enrollmenttokens", "enforcers", "auditrecords");
	}

	@Test
	void theEventStreamIsDocumentedAsServerSentEvents() {
		JsonNode ok = this.document.path("paths")
			.path("/enforcers/{id}/events")
			.path("get")
			.path("responses")
			.path("200");
		assertThat(names(ok.path("content"))).containsExactly("text/event-stream");
		assertThat(ok.path("description").asString()).contains("'policy'", "'resync'", "heartbeat", "Last-Event-ID");
		assertThat(names(this.document.path("components").path("schemas"))).doesNotContain("SseEmitter");
	}

	/**
	 * What "Try it out" puts in the body of each operation is accepted, sent as Swagger
	 * UI sends it, in a namespace of its own (deleted after, with what the examples
	 * made): creations first (an example may name what an earlier one created, as the
	 * explain example names the example processing unit's address), then the other
	 * requests, the replacements to what the creations made. The enforcer's own
	 * operations are tried with the certificate of an enrolled enforcer.
	 */
	@Test
	void everyRequestBodyExampleIsAccepted() {
		SwaggerUiExamples examples = new SwaggerUiExamples(this.document);
		String space = this.api.post(this.tenant, "/namespaces", "{\"name\": \"examples\"}").expectStatus(201).id();
		String namespace = this.tenant + "/examples";
		TestEnforcer enforcer = new TestEnforcer().enroll(this.api,
				this.api.post(this.tenant, "/enrollmenttokens", "{}").expectStatus(201).json().get("token").asString(),
				"example-enforcer");
		ApiClient asEnforcer = enforcer.client(this.api, caFile());
		List<Op> withBodies = new ArrayList<>(
				operations().stream().filter((op) -> op.node().has("requestBody")).toList());
		withBodies.sort(Comparator.comparingInt(Op::tryOrder).thenComparing(Op::path));
		Map<String, String> created = new HashMap<>();
		Map<String, String> refused = new LinkedHashMap<>();
		Set<String> untried = new TreeSet<>();
		try {
			for (Op op : withBodies) {
				String id = op.node().path("operationId").asString();
				if (UNTRIABLE.containsKey(id)) {
					untried.add(id);
					continue;
				}
				boolean enforcerSide = op.path().startsWith("/enforcers/{id}/");
				String path = op.path()
					.replace("{id}", enforcerSide ? enforcer.id() : created.getOrDefault(op.collection(), "none"));
				JsonNode body = examples.requestBody(op.node());
				Response response = (enforcerSide ? asEnforcer : this.api).send(op.method(),
						enforcerSide ? null : namespace, path, body.toString(),
						Map.of("Content-Type", "application/json"));
				if (response.status() / 100 != 2) {
					refused.put(id, response.status() + " " + response.body() + " for " + body);
				}
				else if (op.statuses().contains("201")) {
					created.put(op.collection(), response.id());
				}
			}
		}
		finally {
			// The examples' names and addresses are fixed: free them for the next run.
			this.api.delete(null, "/enforcers/" + enforcer.id()).expectStatus(200);
			this.api.delete(this.tenant, "/namespaces/" + space + "?recursive=true&override=true").expectStatus(200);
		}
		assertThat(refused).isEmpty();
		assertThat(untried).isEqualTo(UNTRIABLE.keySet());
	}

	private List<Op> operations() {
		List<Op> operations = new ArrayList<>();
		this.document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
				operations
					.add(new Op(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), method.getValue()));
			}
		}));
		return operations;
	}

	private JsonNode resolve(JsonNode node) {
		return SwaggerUiExamples.resolve(this.document, node);
	}

	private static Set<String> names(JsonNode object) {
		Set<String> names = new TreeSet<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

	/** One operation of the document. */
	private record Op(String method, String path, JsonNode node) {

		Set<String> statuses() {
			return names(this.node.path("responses"));
		}

		boolean has(String in, String name) {
			return this.node.path("parameters")
				.valueStream()
				.anyMatch((p) -> p.path("in").asString().equals(in)
						&& (name == null || p.path("name").asString().equals(name)));
		}

		String collection() {
			return this.path.split("/")[1];
		}

		/** Creations, then other POSTs, then replacements. */
		int tryOrder() {
			if (statuses().contains("201")) {
				return 0;
			}
			return this.method.equals("POST") ? 1 : 2;
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

}
