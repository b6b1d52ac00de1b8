package io.mseg.console.namespace;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.field;
import static io.mseg.console.support.Nodes.names;
import static org.assertj.core.api.Assertions.assertThat;

class NamespaceApiIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void createsTheNamedChildOfTheRequestNamespaceAndReadsItBackWithItsFullPath() {
		Response created = this.api.post(this.tenant, "/namespaces", json("name", "prod")).expectStatus(201);
		assertThat(created.json().get("name").asString()).isEqualTo(this.tenant + "/prod");
		assertThat(created.header("Location")).endsWith("/namespaces/" + created.id());
		assertThat(created.header("ETag")).isNotBlank();

		JsonNode read = this.api.get(this.tenant, "/namespaces/" + created.id()).expectStatus(200).json();
		assertThat(read.get("name").asString()).isEqualTo(this.tenant + "/prod");
		assertThat(read.get("ID").asString()).isEqualTo(created.id());
		this.api.get(this.tenant + "/prod", "/processingunits").expectStatus(200);
	}

	@Test
	void aWriteAnswersTheNamespaceExactlyAsAReadShowsIt() {
		Response created = this.api.post(this.tenant, "/namespaces", json("name", "prod")).expectStatus(201);
		JsonNode read = this.api.get(this.tenant, "/namespaces/" + created.id()).json();
		assertThat(read).isEqualTo(created.json());
	}

	@Test
	void aNamespaceReadsBackFromItselfAndNotFromASibling() {
		String prod = childNamespace(this.tenant, "prod");
		String dev = childNamespace(this.tenant, "dev");
		String id = idOf(prod);
		this.api.get(prod, "/namespaces/" + id).expectStatus(200);
		this.api.get(dev, "/namespaces/" + id).expectProblem(404);
	}

	@Test
	void listsOnlyChildrenByDefaultAndEveryDescendantWithRecursive() {
		String prod = childNamespace(this.tenant, "prod");
		childNamespace(this.tenant, "dev");
		childNamespace(prod, "web");

		Response children = this.api.get(this.tenant, "/namespaces").expectStatus(200);
		assertThat(names(children)).containsExactly(this.tenant + "/dev", this.tenant + "/prod");
		assertThat(children.header("X-Count-Total")).isEqualTo("2");

		Response all = this.api.get(this.tenant, "/namespaces?recursive=true").expectStatus(200);
		assertThat(names(all)).containsExactly(this.tenant + "/dev", this.tenant + "/prod", this.tenant + "/prod/web");
		assertThat(all.header("X-Count-Total")).isEqualTo("3");
	}

	@ParameterizedTest(name = "name \"{0}\"")
	@ValueSource(strings = { "a/b", "/prod", "with space", "", " ", "dot.ted", "caf\u00e9" })
	void refusesNamesThatAreNotOneSegmentOfLettersDigitsDashOrUnderscore(String name) {
		this.api.post(this.tenant, "/namespaces", json("name", name)).expectProblem(422, "name");
		assertThat(this.api.get(this.tenant, "/namespaces?recursive=true").json()).isEmpty();
	}

	@Test
	void refusesANamespaceWithoutName() {
		this.api.post(this.tenant, "/namespaces", "{}").expectProblem(422, "name");
		assertThat(this.api.get(this.tenant, "/namespaces").json()).isEmpty();
	}

	@Test
	void acceptsDashesUnderscoresDigitsAndCapitals() {
		this.api.post(this.tenant, "/namespaces", json("name", "Team_2-eu")).expectStatus(201);
		assertThat(names(this.api.get(this.tenant, "/namespaces"))).containsExactly(this.tenant + "/Team_2-eu");
	}

	@Test
	void refusesADuplicateNameWith409() {
		childNamespace(this.tenant, "prod");
		this.api.post(this.tenant, "/namespaces", json("name", "prod")).expectProblem(409);
		assertThat(this.api.get(this.tenant, "/namespaces").json()).hasSize(1);
	}

	@Test
	void deletesAnEmptyNamespaceAndAnswersIt() {
		String prod = childNamespace(this.tenant, "prod");
		Response deleted = this.api.delete(this.tenant, "/namespaces/" + idOf(prod)).expectStatus(200);
		assertThat(deleted.json().get("name").asString()).isEqualTo(prod);
		this.api.get(this.tenant, "/namespaces/" + deleted.id()).expectProblem(404);
		this.api.get(prod, "/processingunits").expectProblem(404);
	}

	@Test
	void refusesToDeleteANamespaceThatStillHasChildNamespaces() {
		String prod = childNamespace(this.tenant, "prod");
		childNamespace(prod, "web");
		this.api.delete(this.tenant, "/namespaces/" + idOf(prod)).expectProblem(409);
		assertThat(names(this.api.get(this.tenant, "/namespaces?recursive=true"))).containsExactly(prod, prod + "/web");
	}

	@Test
	void refusesToDeleteANamespaceThatStillHoldsObjects() {
		String prod = childNamespace(this.tenant, "prod");
		this.api.post(prod, "/processingunits", json("name", "web-1")).expectStatus(201);
		this.api.delete(this.tenant, "/namespaces/" + idOf(prod)).expectProblem(409);
		assertThat(names(this.api.get(prod, "/processingunits"))).containsExactly("web-1");
	}

	@Test
	void recursiveDeleteRemovesEveryNamespaceAndObjectBelowAndAuditsEachOne() {
		String prod = childNamespace(this.tenant, "prod");
		String web = childNamespace(prod, "web");
		String pu = this.api.post(prod, "/processingunits", json("name", "db-1")).expectStatus(201).id();
		String network = this.api
			.post(prod, "/externalnetworks", json("name", "internet", "entries", List.of("0.0.0.0/0")))
			.expectStatus(201)
			.id();
		String policy = createPolicy(web, "allow-web").id();
		String webId = idOf(web);
		String prodId = idOf(prod);

		this.api.delete(this.tenant, "/namespaces/" + prodId + "?recursive=true").expectStatus(200);

		assertThat(this.api.get(this.tenant, "/namespaces?recursive=true").json()).isEmpty();
		this.api.get(this.tenant, "/processingunits/" + pu).expectProblem(404);
		this.api.get(this.tenant, "/externalnetworks/" + network).expectProblem(404);
		this.api.get(this.tenant, "/networkaccesspolicies/" + policy).expectProblem(404);
		for (String kind : List.of("processingunits", "externalnetworks", "networkaccesspolicies")) {
			assertThat(this.api.get(this.tenant, "/" + kind + "?recursive=true").json()).as(kind).isEmpty();
		}
		JsonNode deletions = this.api.get(this.tenant, "/auditrecords?recursive=true&pagesize=1000")
			.expectStatus(200)
			.json();
		List<String> deletedIds = deletions.valueStream()
			.filter((record) -> record.get("operation").asString().equals("delete"))
			.map((record) -> record.get("objectID").asString())
			.toList();
		assertThat(deletedIds).containsExactlyInAnyOrder(pu, network, policy, webId, prodId);
	}

	@Test
	void aRefusedRecursiveDeleteChangesNothing() {
		String prod = childNamespace(this.tenant, "prod");
		this.api.post(prod, "/processingunits", json("name", "plain")).expectStatus(201);
		this.api.post(prod, "/processingunits", json("name", "locked", "protected", true)).expectStatus(201);

		this.api.delete(this.tenant, "/namespaces/" + idOf(prod) + "?recursive=true").expectProblem(409);

		assertThat(names(this.api.get(prod, "/processingunits"))).containsExactly("locked", "plain");
		JsonNode records = this.api.get(this.tenant, "/auditrecords?recursive=true").json();
		assertThat(field(records, "operation")).doesNotContain("delete");
	}

	@Test
	void recursiveDeleteWithOverrideAlsoRemovesProtectedObjects() {
		String prod = childNamespace(this.tenant, "prod");
		this.api.post(prod, "/processingunits", json("name", "locked", "protected", true)).expectStatus(201);
		this.api.delete(this.tenant, "/namespaces/" + idOf(prod) + "?recursive=true&override=true").expectStatus(200);
		assertThat(this.api.get(this.tenant, "/processingunits?recursive=true").json()).isEmpty();
	}

	@Test
	void changesDescriptionAndAnnotationsButCannotBeRenamed() {
		String prod = childNamespace(this.tenant, "prod");
		String path = "/namespaces/" + idOf(prod);

		this.api.put(this.tenant, path, json("name", "staging")).expectProblem(422, "name");
		assertThat(this.api.get(this.tenant, path).json().get("name").asString()).isEqualTo(prod);

		Response updated = this.api
			.put(this.tenant, path,
					json("name", prod, "description", "production", "annotations", Map.of("owner", List.of("sre"))))
			.expectStatus(200);
		assertThat(updated.json().get("name").asString()).isEqualTo(prod);
		assertThat(updated.json().get("description").asString()).isEqualTo("production");
		this.api.put(this.tenant, path, json("name", "prod", "description", "short name")).expectStatus(200);
	}

	@Test
	void theRequestNamespaceCannotChangeOrDeleteItself() {
		String prod = childNamespace(this.tenant, "prod");
		String path = "/namespaces/" + idOf(prod);
		this.api.put(prod, path, json("description", "mine")).expectProblem(403);
		this.api.delete(prod, path).expectProblem(403);
		this.api.delete(prod, path + "?recursive=true&override=true").expectProblem(403);
		assertThat(this.api.get(prod, path).json().get("description").asString()).isEmpty();
	}

	@Test
	void aNamespaceOutsideTheRequestSubtreeIsNotFound() {
		String prod = childNamespace(this.tenant, "prod");
		String other = otherTenant();
		this.api.get(other, "/namespaces/" + idOf(prod)).expectProblem(404);
		this.api.delete(other, "/namespaces/" + idOf(prod)).expectProblem(404);
		this.api.put(other, "/namespaces/" + idOf(prod), json("description", "x")).expectProblem(404);
	}

	@Test
	void anUnknownNamespaceHeaderIs404() {
		this.api.get(this.tenant + "/missing", "/namespaces").expectProblem(404);
		this.api.post(this.tenant + "/missing", "/namespaces", json("name", "prod")).expectProblem(404);
		assertThat(this.api.get(this.tenant, "/namespaces?recursive=true").json()).isEmpty();
	}

	@ParameterizedTest(name = "X-Namespace \"{0}\"")
	@ValueSource(strings = { "not a path", "relative", "/trailing/", "//double", "/bad segment" })
	void aMalformedNamespaceHeaderIs400(String header) {
		this.api.get(header, "/namespaces").expectProblem(400);
		this.api.post(header, "/namespaces", json("name", "prod")).expectProblem(400);
	}

	@Test
	void aProtectedNamespaceIsChangedOrDeletedOnlyWithOverride() {
		Response created = this.api.post(this.tenant, "/namespaces", json("name", "prod", "protected", true))
			.expectStatus(201);
		assertThat(created.json().get("protected").asBoolean()).isTrue();
		String path = "/namespaces/" + created.id();

		this.api.delete(this.tenant, path).expectProblem(409);
		this.api.put(this.tenant, path, json("description", "changed", "protected", true)).expectProblem(409);
		assertThat(this.api.get(this.tenant, path).json().get("description").asString()).isEmpty();

		this.api.put(this.tenant, path + "?override=true", json("description", "changed", "protected", true))
			.expectStatus(200);
		this.api.delete(this.tenant, path + "?override=true").expectStatus(200);
		this.api.get(this.tenant, path).expectProblem(404);
	}

	@Test
	void aProtectedChildBlocksTheRecursiveDeleteOfItsParent() {
		String prod = childNamespace(this.tenant, "prod");
		this.api.post(prod, "/namespaces", json("name", "locked", "protected", true)).expectStatus(201);
		this.api.delete(this.tenant, "/namespaces/" + idOf(prod) + "?recursive=true").expectProblem(409);
		assertThat(names(this.api.get(this.tenant, "/namespaces?recursive=true"))).containsExactly(prod,
				prod + "/locked");
	}

	@Test
	void updateAndDeleteNeedTheCurrentEtagWhenIfMatchIsGiven() {
		Response created = this.api.post(this.tenant, "/namespaces", json("name", "prod")).expectStatus(201);
		String path = "/namespaces/" + created.id();
		String etag = created.header("ETag");
		Response updated = this.api.send("PUT", this.tenant, path, json("description", "v2"),
				Map.of("Content-Type", "application/json", "If-Match", etag));
		updated.expectStatus(200);
		assertThat(updated.header("ETag")).isNotEqualTo(etag);
		this.api.send("DELETE", this.tenant, path, null, Map.of("If-Match", etag)).expectProblem(412);
		this.api.send("DELETE", this.tenant, path, null, Map.of("If-Match", updated.header("ETag"))).expectStatus(200);
	}

	private String idOf(String namespace) {
		String parent = namespace.substring(0, namespace.lastIndexOf('/'));
		return this.api.get(parent.isEmpty() ? "/" : parent, "/namespaces")
			.json()
			.valueStream()
			.filter((ns) -> ns.get("name").asString().equals(namespace))
			.map((ns) -> ns.get("ID").asString())
			.findFirst()
			.orElseThrow();
	}

	private String otherTenant() {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", json("name", name)).expectStatus(201);
		return "/" + name;
	}

	private Response createPolicy(String namespace, String name) {
		return this.api
			.post(namespace, "/networkaccesspolicies",
					json("name", name, "subject", List.of(List.of("a=b")), "object", List.of(List.of("c=d"))))
			.expectStatus(201);
	}

}
