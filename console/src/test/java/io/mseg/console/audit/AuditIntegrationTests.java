package io.mseg.console.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.field;
import static org.assertj.core.api.Assertions.assertThat;

class AuditIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void aCreationIsRecordedWithTheObjectAfter() {
		String id = createPolicy(this.tenant, "web").id();

		JsonNode records = records(this.tenant, "");

		assertThat(records).hasSize(1);
		JsonNode record = records.get(0);
		assertThat(record.get("operation").asString()).isEqualTo("create");
		assertThat(record.get("kind").asString()).isEqualTo("networkaccesspolicy");
		assertThat(record.get("objectID").asString()).isEqualTo(id);
		assertThat(record.get("objectName").asString()).isEqualTo("web");
		assertThat(record.get("namespace").asString()).isEqualTo(this.tenant);
		assertThat(record.get("principal").asString()).isNotBlank();
		assertThat(record.get("time").asString()).isNotBlank();
		assertThat(record.has("before")).isFalse();
		assertThat(record.get("after").get("ID").asString()).isEqualTo(id);
		assertThat(record.get("after").get("name").asString()).isEqualTo("web");
	}

	@Test
	void anUpdateIsRecordedWithTheObjectBeforeAndAfter() {
		String id = createPolicy(this.tenant, "web").id();
		this.api
			.put(this.tenant, "/networkaccesspolicies/" + id,
					json("name", "web", "action", "Reject", "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectStatus(200);

		JsonNode record = records(this.tenant, "").get(0);

		assertThat(record.get("operation").asString()).isEqualTo("update");
		assertThat(record.get("objectID").asString()).isEqualTo(id);
		assertThat(record.get("before").get("action").asString()).isEqualTo("Allow");
		assertThat(record.get("after").get("action").asString()).isEqualTo("Reject");
	}

	@Test
	void aDeletionIsRecordedWithTheObjectBefore() {
		String id = this.api
			.post(this.tenant, "/processingunits", json("name", "web-1", "associatedTags", List.of("app=web")))
			.expectStatus(201)
			.id();
		this.api.delete(this.tenant, "/processingunits/" + id).expectStatus(200);

		JsonNode record = records(this.tenant, "").get(0);

		assertThat(record.get("operation").asString()).isEqualTo("delete");
		assertThat(record.get("kind").asString()).isEqualTo("processingunit");
		assertThat(record.get("objectID").asString()).isEqualTo(id);
		assertThat(record.get("before").get("name").asString()).isEqualTo("web-1");
		assertThat(record.has("after")).isFalse();
	}

	@Test
	void recordsComeNewestFirst() {
		String id = createPolicy(this.tenant, "web").id();
		this.api
			.put(this.tenant, "/networkaccesspolicies/" + id,
					json("name", "web", "description", "v2", "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectStatus(200);
		this.api.delete(this.tenant, "/networkaccesspolicies/" + id).expectStatus(200);

		JsonNode records = records(this.tenant, "");

		assertThat(field(records, "operation")).containsExactly("delete", "update", "create");
		List<Instant> times = field(records, "time").stream().map(Instant::parse).toList();
		assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
	}

	@Test
	void namespaceChangesAreRecordedInTheParentNamespace() {
		Response created = this.api.post(this.tenant, "/namespaces", json("name", "prod")).expectStatus(201);

		JsonNode record = records(this.tenant, "").get(0);

		assertThat(record.get("kind").asString()).isEqualTo("namespace");
		assertThat(record.get("objectID").asString()).isEqualTo(created.id());
		assertThat(record.get("after").get("name").asString()).isEqualTo(this.tenant + "/prod");
	}

	@Test
	void aRefusedRequestLeavesNoRecord() {
		createPolicy(this.tenant, "web");
		String before = total(this.tenant, "?recursive=true");

		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "web", "subject", List.of(List.of("a=b")), "object", List.of(List.of("c=d"))))
			.expectProblem(409);
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "bad", "ports", List.of("tcp/99999"), "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectProblem(422);
		this.api.post(this.tenant, "/namespaces", json("name", "bad name")).expectProblem(422);
		this.api
			.post(this.tenant, "/import",
					json("data", Map.of("networkaccesspolicies", List.of(Map.of("name", "p", "subject",
							List.of(List.of("a=b")), "object", List.of(List.of("c=d")), "ports", List.of("foo"))))))
			.expectProblem(422);

		assertThat(total(this.tenant, "?recursive=true")).isEqualTo(before);
	}

	@Test
	void withoutRecursiveOnlyTheNamespacesOwnRecordsAreListed() {
		String child = childNamespace(this.tenant, "child");
		createPolicy(this.tenant, "parent-policy");
		createPolicy(child, "child-policy");

		assertThat(field(records(this.tenant, ""), "objectName")).containsExactly("parent-policy", child);
		assertThat(field(records(child, ""), "objectName")).containsExactly("child-policy");
	}

	@Test
	void recursiveAddsTheRecordsOfDescendants() {
		String child = childNamespace(this.tenant, "child");
		String grandchild = childNamespace(child, "grandchild");
		createPolicy(this.tenant, "parent-policy");
		createPolicy(grandchild, "grandchild-policy");

		JsonNode records = records(this.tenant, "?recursive=true");

		assertThat(field(records, "objectName")).containsExactly("grandchild-policy", "parent-policy", grandchild,
				child);
		assertThat(records(this.tenant, "?recursive=true&pagesize=1").size()).isEqualTo(1);
		assertThat(total(this.tenant, "?recursive=true")).isEqualTo("4");
	}

	@Test
	void filtersByKind() {
		createPolicy(this.tenant, "web");
		this.api.post(this.tenant, "/processingunits", json("name", "web-1")).expectStatus(201);

		JsonNode records = records(this.tenant, "?kind=processingunit");

		assertThat(field(records, "objectName")).containsExactly("web-1");
	}

	@Test
	void filtersByObjectId() {
		String id = createPolicy(this.tenant, "web").id();
		createPolicy(this.tenant, "other");
		this.api.delete(this.tenant, "/networkaccesspolicies/" + id).expectStatus(200);

		JsonNode records = records(this.tenant, "?objectID=" + id);

		assertThat(field(records, "operation")).containsExactly("delete", "create");
		assertThat(field(records, "objectID")).containsOnly(id);
	}

	@Test
	void anotherTenantsRecordsAreNeverListed() {
		String id = createPolicy(this.tenant, "secret").id();
		String other = otherTenant();

		assertThat(records(other, "")).isEmpty();
		assertThat(records(other, "?recursive=true")).isEmpty();
		assertThat(records(other, "?recursive=true&objectID=" + id)).isEmpty();
		assertThat(records(other, "?recursive=true&kind=networkaccesspolicy")).isEmpty();
	}

	@Test
	void aTenantWhoseNameStartsLikeAnothersSeesOnlyItsOwn() {
		String longer = this.tenant + "x";
		this.api.post("/", "/namespaces", json("name", longer.substring(1))).expectStatus(201);
		createPolicy(longer, "neighbour");
		createPolicy(this.tenant, "mine");

		assertThat(field(records(this.tenant, "?recursive=true"), "objectName")).containsExactly("mine");
	}

	@Test
	void anUnknownNamespaceIs404AndBadPagingIs422() {
		this.api.get(this.tenant + "/missing", "/auditrecords").expectProblem(404);
		this.api.get(this.tenant, "/auditrecords?pagesize=0").expectProblem(422, "pagesize");
	}

	private JsonNode records(String namespace, String query) {
		return this.api.get(namespace, "/auditrecords" + query).expectStatus(200).json();
	}

	private String total(String namespace, String query) {
		return this.api.get(namespace, "/auditrecords" + query).expectStatus(200).header("X-Count-Total");
	}

	private Response createPolicy(String namespace, String name) {
		return this.api
			.post(namespace, "/networkaccesspolicies",
					json("name", name, "subject", List.of(List.of("a=b")), "object", List.of(List.of("c=d"))))
			.expectStatus(201);
	}

	private String otherTenant() {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", json("name", name)).expectStatus(201);
		return "/" + name;
	}

}
