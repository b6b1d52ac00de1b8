package io.mseg.console.networkpolicy;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class NetworkPolicyApiIntegrationTests extends ConsoleIntegrationTest {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final Map<String, String> YAML_IN_AND_OUT = Map.of("Content-Type", "application/yaml", "Accept",
			"application/yaml");

	@ParameterizedTest
	@ValueSource(strings = { "allow-internet-to-front-end.yaml", "allow-internet-to-front-end-identity.yaml",
			"allow-cart-or-ad-to-redis.yaml" })
	void acceptsTheReferencePoliciesAsTheyAreAndReadsThemBackEqual(String file) throws IOException {
		String yaml = reference(file);
		Response created = this.api.send("POST", this.tenant, "/networkaccesspolicies", yaml, YAML_IN_AND_OUT)
			.expectStatus(201);
		assertThat(created.header("Content-Type")).startsWith("application/yaml");
		JsonNode sent = YAML.readTree(yaml);
		JsonNode stored = YAML.readTree(created.body());
		Response read = this.api.send("GET", this.tenant, "/networkaccesspolicies/" + stored.get("ID").asString(),
				(String) null, Map.of("Accept", "application/yaml"));
		JsonNode readBack = YAML.readTree(read.expectStatus(200).body());
		for (String field : List.of("name", "action", "applyPolicyMode", "logsEnabled", "subject", "object")) {
			assertThat(readBack.get(field)).as(field).isEqualTo(sent.get(field));
		}
		assertThat(readBack.get("namespace").asString()).isEqualTo(this.tenant);
	}

	@Test
	void appliesDefaultsAndServerFields() {
		JsonNode policy = this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "p", "subject", List.of(List.of("a=b")), "object", List.of(List.of("c=d"))))
			.expectStatus(201)
			.json();
		assertThat(policy.get("action").asString()).isEqualTo("Allow");
		assertThat(policy.get("applyPolicyMode").asString()).isEqualTo("Bidirectional");
		assertThat(policy.get("ports")).isEmpty();
		assertThat(policy.get("propagate").asBoolean()).isFalse();
		assertThat(policy.get("createTime").asString()).isEqualTo(policy.get("updateTime").asString());
		assertThat(policy.get("ID").asString()).isNotBlank();
	}

	@Test
	void createAnswersLocationAndEtagAndUpdateNeedsTheCurrentEtag() {
		Response created = createPolicy(this.tenant, "web", false);
		assertThat(created.header("Location")).endsWith("/networkaccesspolicies/" + created.id());
		String etag = created.header("ETag");
		assertThat(etag).isEqualTo("\"0\"");
		String path = "/networkaccesspolicies/" + created.id();
		String changed = json("name", "web", "action", "Reject", "subject", List.of(List.of("a=b")), "object",
				List.of(List.of("c=d")));
		Response updated = this.api.send("PUT", this.tenant, path, changed,
				Map.of("Content-Type", "application/json", "If-Match", etag));
		updated.expectStatus(200);
		assertThat(updated.json().get("action").asString()).isEqualTo("Reject");
		assertThat(updated.header("ETag")).isEqualTo("\"1\"");

		this.api.send("PUT", this.tenant, path, changed, Map.of("Content-Type", "application/json", "If-Match", etag))
			.expectProblem(412);
		this.api.send("DELETE", this.tenant, path, (String) null, Map.of("If-Match", etag)).expectProblem(412);
		this.api.send("DELETE", this.tenant, path, (String) null, Map.of("If-Match", "\"1\"")).expectStatus(200);
		this.api.get(this.tenant, path).expectProblem(404);
	}

	@Test
	void namesAreUniquePerNamespace() {
		createPolicy(this.tenant, "web", false);
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "web", "subject", List.of(List.of("a=b")), "object", List.of(List.of("c=d"))))
			.expectProblem(409);
		String child = childNamespace(this.tenant, "child");
		createPolicy(child, "web", false);
	}

	@Test
	void protectedPoliciesNeedOverride() {
		Response created = this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "locked", "protected", true, "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectStatus(201);
		String path = "/networkaccesspolicies/" + created.id();
		this.api.delete(this.tenant, path).expectProblem(409);
		this.api
			.put(this.tenant, path,
					json("name", "locked", "subject", List.of(List.of("x=y")), "object", List.of(List.of("c=d"))))
			.expectProblem(409);
		this.api.delete(this.tenant, path + "?override=true").expectStatus(200);
	}

	@Test
	void propagatedPoliciesAreVisibleButReadOnlyInChildren() {
		String child = childNamespace(this.tenant, "child");
		String propagated = createPolicy(this.tenant, "parent-wide", true).id();
		String local = createPolicy(this.tenant, "parent-only", false).id();
		createPolicy(child, "child-own", false);

		assertThat(names(this.api.get(child, "/networkaccesspolicies").expectStatus(200))).containsExactly("child-own");
		assertThat(names(this.api.get(child, "/networkaccesspolicies?propagated=true").expectStatus(200)))
			.containsExactlyInAnyOrder("child-own", "parent-wide");
		this.api.get(child, "/networkaccesspolicies/" + propagated).expectStatus(200);
		this.api.get(child, "/networkaccesspolicies/" + local).expectProblem(404);
		this.api.delete(child, "/networkaccesspolicies/" + propagated).expectProblem(403);
		this.api
			.put(child, "/networkaccesspolicies/" + propagated,
					json("name", "hijack", "subject", List.of(List.of("a=b")), "object", List.of(List.of("c=d"))))
			.expectProblem(403);
		this.api.get(this.tenant, "/networkaccesspolicies/" + propagated).expectStatus(200);
	}

	@Test
	void listsRecursivelyWithPagingAndATotal() {
		String child = childNamespace(this.tenant, "child");
		for (int i = 0; i < 3; i++) {
			createPolicy(this.tenant, "p" + i, false);
		}
		createPolicy(child, "c0", false);
		Response page = this.api.get(this.tenant, "/networkaccesspolicies?recursive=true&page=2&pagesize=3")
			.expectStatus(200);
		assertThat(page.header("X-Count-Total")).isEqualTo("4");
		assertThat(page.json()).hasSize(1);
		assertThat(this.api.get(this.tenant, "/networkaccesspolicies").header("X-Count-Total")).isEqualTo("3");
		this.api.get(this.tenant, "/networkaccesspolicies?pagesize=0").expectProblem(422, "pagesize");
		this.api.get(this.tenant, "/networkaccesspolicies?page=0").expectProblem(422, "page");
		this.api.get(this.tenant, "/networkaccesspolicies?page=abc").expectProblem(400);
	}

	@Test
	void listsByExactName() {
		String child = childNamespace(this.tenant, "child");
		createPolicy(this.tenant, "web", false);
		createPolicy(this.tenant, "web-2", false);
		createPolicy(child, "web", false);
		Response named = this.api.get(this.tenant, "/networkaccesspolicies?recursive=true&name=web").expectStatus(200);
		assertThat(named.header("X-Count-Total")).isEqualTo("2");
		assertThat(names(named)).containsExactly("web", "web");
		assertThat(this.api.get(this.tenant, "/networkaccesspolicies?name=nothing").json()).isEmpty();
	}

	@Test
	void refusesInvalidValuesWithEveryFieldAtFault() {
		String body = json("name", "", "action", "Permit", "applyPolicyMode", "Sideways", "subject",
				List.of(List.of("novalue")), "object", List.of(List.of()), "ports",
				List.of("tcp/70000", "tcp/1", "TCP/1"), "associatedTags", List.of("$identity=processingunit"));
		this.api.post(this.tenant, "/networkaccesspolicies", body)
			.expectProblem(422, "name", "action", "applyPolicyMode", "subject[0]", "object[0]", "ports[0]",
					"associatedTags[0]");
		assertThat(this.api.get(this.tenant, "/networkaccesspolicies").json()).isEmpty();
	}

	@Test
	void refusesAProcessingUnitSideThatPinsExternalNetworks() {
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "bad", "applyPolicyMode", "Bidirectional", "subject",
							List.of(List.of("ext:name=internet", "$identity=externalnetwork")), "object",
							List.of(List.of("app=web"))))
			.expectProblem(422, "subject");
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "bad", "applyPolicyMode", "IncomingTraffic", "subject", List.of(List.of("app=web")),
							"object", List.of(List.of("$identity=externalnetwork"))))
			.expectProblem(422, "object");
	}

	@Test
	void unparseableBodiesAre400AndWrongTypesOrUnknownFields422() {
		Map<String, String> yaml = Map.of("Content-Type", "application/yaml");
		this.api.send("POST", this.tenant, "/networkaccesspolicies", "name: 'unterminated\nsubject: [[a=b]]\n", yaml)
			.expectProblem(400);
		this.api.post(this.tenant, "/networkaccesspolicies", "{\"name\": ").expectProblem(400);
		this.api.post(this.tenant, "/networkaccesspolicies", "").expectProblem(400);
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "p", "subject", "app=web", "object", List.of(List.of("c=d"))))
			.expectProblem(422, "subject");
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "p", "applyPolicyMod", "IncomingTraffic", "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectProblem(422, "applyPolicyMod");
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "p", "logsEnabled", "sometimes", "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectProblem(422, "logsEnabled");
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "p", "expirationTime", "tomorrow", "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectProblem(422, "expirationTime");
		this.api.send("POST", this.tenant, "/networkaccesspolicies", "name=p", Map.of("Content-Type", "text/plain"))
			.expectProblem(415);
		assertThat(this.api.get(this.tenant, "/networkaccesspolicies").json()).isEmpty();
	}

	@Test
	void refusesHugeBodiesWith413() {
		String huge = json("name", "p", "description", "x".repeat(2 * 1024 * 1024), "subject", List.of(List.of("a=b")),
				"object", List.of(List.of("c=d")));
		this.api.post(this.tenant, "/networkaccesspolicies", huge).expectProblem(413);
		byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
		// Without a Content-Length (chunked), the limit is enforced while reading.
		this.api
			.sendPublisher("POST", this.tenant, "/networkaccesspolicies",
					BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)),
					Map.of("Content-Type", "application/json"))
			.expectProblem(413);
		assertThat(this.api.get(this.tenant, "/networkaccesspolicies").json()).isEmpty();
	}

	@Test
	void namespaceHeaderMustNameAnExistingNamespace() {
		this.api.get(this.tenant + "/missing", "/networkaccesspolicies").expectProblem(404);
		this.api.get("not a path", "/networkaccesspolicies").expectProblem(400);
		this.api.get(this.tenant, "/networkaccesspolicies/not-a-uuid").expectProblem(404);
	}

	private Response createPolicy(String namespace, String name, boolean propagate) {
		return this.api
			.post(namespace, "/networkaccesspolicies",
					json("name", name, "propagate", propagate, "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectStatus(201);
	}

	private static List<String> names(Response response) {
		return response.json().valueStream().map((n) -> n.get("name").asString()).toList();
	}

	private static String reference(String file) throws IOException {
		try (var in = NetworkPolicyApiIntegrationTests.class.getResourceAsStream("/reference/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
