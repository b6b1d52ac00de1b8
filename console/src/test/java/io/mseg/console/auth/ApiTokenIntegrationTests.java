package io.mseg.console.auth;

import java.time.Instant;
import java.util.List;

import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenIntegrationTests extends ConsoleIntegrationTest {

	private static final String POLICY = json("name", "p", "subject", List.of(List.of("a=b")), "object",
			List.of(List.of("c=d")));

	@Test
	void showsTheSecretOnlyAtCreationAndKeepsItOutOfListsAndAudit() {
		JsonNode created = this.api.post(this.tenant, "/apitokens", json("name", "ci", "role", "editor"))
			.expectStatus(201)
			.json();
		String secret = created.get("token").asString();
		assertThat(secret).startsWith("mseg_").hasSizeGreaterThan(40);
		assertThat(created.get("namespace").asString()).isEqualTo(this.tenant);
		assertThat(created.get("role").asString()).isEqualTo("editor");
		String id = created.get("ID").asString();

		Response list = this.api.get(this.tenant, "/apitokens").expectStatus(200);
		assertThat(list.body()).doesNotContain(secret).doesNotContain("\"token\"");
		assertThat(this.api.get(this.tenant, "/apitokens/" + id).expectStatus(200).body()).doesNotContain(secret);
		assertThat(this.api.get(this.tenant, "/auditrecords?kind=apitoken").expectStatus(200).body())
			.doesNotContain(secret)
			.contains(id);
	}

	@Test
	void aRevokedTokenIsRefusedOnItsNextRequest() {
		JsonNode created = this.api.post(this.tenant, "/apitokens", json("name", "short-lived", "role", "viewer"))
			.expectStatus(201)
			.json();
		ApiClient viewer = this.api.withToken(created.get("token").asString());
		viewer.get(null, "/networkaccesspolicies").expectStatus(200);
		this.api.delete(this.tenant, "/apitokens/" + created.get("ID").asString()).expectStatus(200);
		Response refused = viewer.get(null, "/networkaccesspolicies").expectProblem(401);
		assertThat(refused.json().get("detail").asString()).contains("revoked");
		assertThat(this.api.get(this.tenant, "/apitokens/" + created.get("ID").asString())
			.json()
			.get("revoked")
			.asBoolean()).isTrue();
	}

	@Test
	void refusesMissingMalformedUnknownAndExpiredTokensWith401() {
		Response missing = this.api.withToken(null).get(this.tenant, "/networkaccesspolicies").expectProblem(401);
		assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
		this.api.withToken("not a token").get(this.tenant, "/networkaccesspolicies").expectProblem(401);
		this.api.withToken("x".repeat(600)).get(this.tenant, "/networkaccesspolicies").expectProblem(401);
		assertThat(this.api.withToken("mseg_unknownunknownunknownunknownunknown1234")
			.get(this.tenant, "/networkaccesspolicies")
			.expectProblem(401)
			.json()
			.get("detail")
			.asString()).contains("unknown");
		this.api.withToken(null)
			.send("GET", this.tenant, "/networkaccesspolicies", (String) null,
					java.util.Map.of("Authorization", "Basic YWRtaW46YWRtaW4="))
			.expectProblem(401);

		this.api
			.post(this.tenant, "/apitokens",
					json("name", "expired", "role", "viewer", "expirationTime",
							Instant.now().minusSeconds(5).toString()))
			.expectProblem(422, "expirationTime");
		String soon = this.api
			.post(this.tenant, "/apitokens",
					json("name", "soon", "role", "viewer", "expirationTime", Instant.now().plusSeconds(2).toString()))
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
		this.api.withToken(soon).get(null, "/networkaccesspolicies").expectStatus(200);
		sleep(2500);
		assertThat(this.api.withToken(soon)
			.get(null, "/networkaccesspolicies")
			.expectProblem(401)
			.json()
			.get("detail")
			.asString()).contains("expired");
	}

	@Test
	void rolesDecideWhatATokenMayDo() {
		ApiClient viewer = this.api.withToken(token(this.tenant, "viewer"));
		ApiClient editor = this.api.withToken(token(this.tenant, "editor"));
		ApiClient admin = this.api.withToken(token(this.tenant, "admin"));

		viewer.get(null, "/networkaccesspolicies").expectStatus(200);
		viewer
			.post(null, "/explain",
					json("source", java.util.Map.of("address", "10.0.0.1"), "destination",
							java.util.Map.of("address", "10.0.0.2"), "protocol", "tcp", "port", 80))
			.expectStatus(422);
		viewer.post(null, "/export", "{}").expectStatus(200);
		Response denied = viewer.post(null, "/networkaccesspolicies", POLICY).expectProblem(403);
		assertThat(denied.json().get("detail").asString()).contains("viewer");
		viewer.post(null, "/import", "{\"data\": {}}").expectProblem(403);

		String policy = editor.post(null, "/networkaccesspolicies", POLICY).expectStatus(201).id();
		editor.delete(null, "/networkaccesspolicies/" + policy).expectStatus(200);
		editor.post(null, "/namespaces", json("name", "child")).expectProblem(403);
		editor.get(null, "/apitokens").expectProblem(403);
		editor.post(null, "/enrollmenttokens", "{}").expectProblem(403);
		editor
			.post(null, "/import",
					"{\"data\": {\"namespaces\": [{\"name\": \"via-import\"}], \"networkaccesspolicies\": []}}")
			.expectProblem(403);

		admin.post(null, "/namespaces", json("name", "child")).expectStatus(201);
		admin.get(null, "/apitokens").expectStatus(200);
		admin.post(null, "/enrollmenttokens", "{}").expectStatus(201);
	}

	@Test
	void aTokenWorksInItsOwnNamespaceByDefault() {
		String child = childNamespace(this.tenant, "team");
		ApiClient teamEditor = this.api.withToken(token(child, "editor"));
		JsonNode created = teamEditor.post(null, "/networkaccesspolicies", POLICY).expectStatus(201).json();
		assertThat(created.get("namespace").asString()).isEqualTo(child);
		assertThat(this.api.get(this.tenant, "/auditrecords?recursive=true&kind=networkaccesspolicy")
			.json()
			.get(0)
			.get("principal")
			.asString()).startsWith("apitoken:editor-token");
	}

	@Test
	void rolesAndNamesAreValidated() {
		this.api.post(this.tenant, "/apitokens", json("name", "x", "role", "root")).expectProblem(422, "role");
		this.api.post(this.tenant, "/apitokens", json("role", "viewer")).expectProblem(422, "name");
		this.api.post(this.tenant, "/apitokens", json("name", "x")).expectProblem(422, "role");
		this.api.post(this.tenant, "/apitokens", json("name", "x", "role", "viewer", "token", "chosen"))
			.expectStatus(201);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
