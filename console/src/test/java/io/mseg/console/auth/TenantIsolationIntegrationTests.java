package io.mseg.console.auth;

import java.util.List;
import java.util.Map;

import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token for {@code /acme} asking about {@code /other} gets 404 as if it did not exist,
 * on every endpoint and verb; it sees what its ancestors propagate, read-only.
 */
class TenantIsolationIntegrationTests extends ConsoleIntegrationTest {

	private static final List<String> KINDS = List.of("networkaccesspolicies", "externalnetworks", "processingunits");

	private String acme;

	private String other;

	private ApiClient acmeAdmin;

	private final Map<String, String> otherIds = new java.util.HashMap<>();

	private String propagatedPolicy;

	/** Every test's units get addresses of their own (the database may be shared). */
	private static final java.util.concurrent.atomic.AtomicInteger NEXT_ADDRESS = new java.util.concurrent.atomic.AtomicInteger(
			(int) (Math.random() * 50_000));

	@BeforeEach
	void twoTenants() {
		this.acme = childNamespace(this.tenant, "acme");
		this.other = childNamespace(this.tenant, "other");
		this.acmeAdmin = this.api.withToken(token(this.acme, "admin"));
		this.otherIds.put("namespaces",
				this.api.post(this.other, "/namespaces", json("name", "secret")).expectStatus(201).id());
		for (String kind : KINDS) {
			this.otherIds.put(kind,
					this.api.post(this.other, "/" + kind, body(kind, "secret-" + kind)).expectStatus(201).id());
		}
		this.otherIds.put("apitokens",
				this.api.post(this.other, "/apitokens", json("name", "t", "role", "viewer")).expectStatus(201).id());
		this.otherIds.put("enrollmenttokens",
				this.api.post(this.other, "/enrollmenttokens", "{}").expectStatus(201).id());
		this.propagatedPolicy = this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "baseline", "propagate", true, "subject", List.of(List.of("a=b")), "object",
							List.of(List.of("c=d"))))
			.expectStatus(201)
			.id();
	}

	@Test
	void anotherTenantsNamespaceDoesNotExistForTheToken() {
		for (String path : List.of("/namespaces", "/networkaccesspolicies", "/externalnetworks", "/processingunits",
				"/tags", "/auditrecords", "/apitokens", "/enrollmenttokens", "/enforcers")) {
			expectMissing(this.acmeAdmin.get(this.other, path), "GET " + path + " in /other");
			expectMissing(this.acmeAdmin.get(this.other, path + "?recursive=true"), "GET " + path + " recursive");
			expectMissing(this.acmeAdmin.get(this.tenant, path + "?recursive=true"), "GET " + path + " in the parent");
			expectMissing(this.acmeAdmin.get("/", path + "?recursive=true"), "GET " + path + " in /");
		}
		expectMissing(this.acmeAdmin.post(this.other, "/namespaces", json("name", "x")), "POST /namespaces");
		for (String kind : KINDS) {
			expectMissing(this.acmeAdmin.post(this.other, "/" + kind, body(kind, "x")), "POST /" + kind);
			expectMissing(this.acmeAdmin.get(this.other, "/" + kind + "?propagated=true"), "propagated " + kind);
		}
		expectMissing(this.acmeAdmin.post(this.other, "/export", "{}"), "export");
		expectMissing(this.acmeAdmin.post(this.other, "/import", "{\"data\": {}}"), "import");
		expectMissing(this.acmeAdmin.post(this.other, "/import?dryRun=true", "{\"data\": {}}"), "dry-run import");
		expectMissing(this.acmeAdmin.post(this.other, "/explain", "{}"), "explain");
		expectMissing(this.acmeAdmin.post(this.other, "/apitokens", json("name", "x", "role", "admin")), "token");
		expectMissing(this.acmeAdmin.post(this.other, "/enrollmenttokens", "{}"), "enrollment token");
	}

	@Test
	void anotherTenantsObjectsDoNotExistForTheTokenWhateverTheVerb() {
		this.otherIds.forEach((kind, id) -> {
			String path = "/" + kind + "/" + id;
			expectMissing(this.acmeAdmin.get(null, path), "GET " + path);
			expectMissing(this.acmeAdmin.delete(null, path), "DELETE " + path);
			if (!kind.endsWith("tokens") && !kind.equals("enforcers")) {
				expectMissing(this.acmeAdmin.put(null, path, body(kind, "renamed")), "PUT " + path);
			}
		});
		String pu = this.otherIds.get("processingunits");
		expectMissing(this.acmeAdmin.get(null, "/processingunits/" + pu + "/renderedpolicy"), "renderedpolicy");
		expectMissing(this.acmeAdmin.get(null, "/enforcers/" + this.otherIds.get("enforcers") + "/renderedpolicy"),
				"enforcer renderedpolicy");
		expectMissing(this.acmeAdmin.post(null, "/explain", json("source", Map.of("processingUnitID", pu),
				"destination", Map.of("address", "10.0.0.1"), "protocol", "tcp", "port", 80)), "explain");
		// The other tenant's objects are untouched.
		this.otherIds.forEach((kind, id) -> this.api.get(this.other, "/" + kind + "/" + id).expectStatus(200));
	}

	@Test
	void listsAndExportsNeverContainAnotherTenantsObjects() {
		for (String path : List.of("/networkaccesspolicies?recursive=true&propagated=true",
				"/externalnetworks?recursive=true&propagated=true", "/processingunits?recursive=true",
				"/namespaces?recursive=true", "/tags?recursive=true&propagated=true", "/auditrecords?recursive=true",
				"/apitokens?recursive=true", "/enrollmenttokens?recursive=true", "/enforcers?recursive=true")) {
			Response answer = this.acmeAdmin.get(null, path).expectStatus(200);
			this.otherIds.values().forEach((id) -> assertThat(answer.body()).as(path).doesNotContain(id));
			assertThat(answer.body()).as(path).doesNotContain(this.other);
		}
		String export = this.acmeAdmin.post(null, "/export", "{}").expectStatus(200).body();
		assertThat(export).doesNotContain(this.other).doesNotContain("10.9.0.0/16").doesNotContain(otherPuAddress());
	}

	@Test
	void seesWhatAncestorsPropagateButCannotChangeIt() {
		assertThat(this.acmeAdmin.get(null, "/networkaccesspolicies?propagated=true").body())
			.contains(this.propagatedPolicy);
		this.acmeAdmin.get(null, "/networkaccesspolicies/" + this.propagatedPolicy).expectStatus(200);
		this.acmeAdmin.delete(null, "/networkaccesspolicies/" + this.propagatedPolicy).expectProblem(403);
		this.acmeAdmin.put(null, "/networkaccesspolicies/" + this.propagatedPolicy, policy("mine")).expectProblem(403);
		this.api.get(this.tenant, "/networkaccesspolicies/" + this.propagatedPolicy).expectStatus(200);
	}

	@Test
	void anAddressOfAnotherTenantsUnitIsExplainedWithoutRevealingIt() {
		String mine = this.acmeAdmin
			.post(null, "/processingunits", json("name", "mine", "addresses", List.of("10.8.0.1")))
			.expectStatus(201)
			.id();
		Response explained = this.acmeAdmin
			.post(null, "/explain",
					json("source", Map.of("processingUnitID", mine), "destination", Map.of("address", "10.9.0.23"),
							"protocol", "tcp", "port", 80))
			.expectStatus(200);
		assertThat(explained.json().get("verdict").asString()).isEqualTo("Reject");
		assertThat(explained.body()).doesNotContain(this.otherIds.get("processingunits"))
			.doesNotContain(this.other)
			.doesNotContain("secret-processingunits");
	}

	private String otherPuAddress() {
		return this.api.get(this.other, "/processingunits/" + this.otherIds.get("processingunits"))
			.json()
			.get("addresses")
			.get(0)
			.asString();
	}

	private static void expectMissing(Response response, String what) {
		assertThat(response.status()).as(what + " answered " + response.body()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	private String policy(String name) {
		return body("networkaccesspolicies", name);
	}

	private static String address() {
		int n = NEXT_ADDRESS.incrementAndGet() % 65_000;
		return "10.9." + (n / 250) + "." + (n % 250 + 1);
	}

	/** A valid body of each kind, so that only the namespace can be at fault. */
	private String body(String kind, String name) {
		return switch (kind) {
			case "networkaccesspolicies" ->
				json("name", name, "subject", List.of(List.of("a=b")), "object", List.of(List.of("c=d")));
			case "externalnetworks" ->
				json("name", name, "entries", List.of("10.9.0.0/16"), "associatedTags", List.of("a=b"));
			case "processingunits" ->
				json("name", name, "addresses", List.of(address()), "associatedTags", List.of("c=d"));
			default -> json("name", name);
		};
	}

}
