package io.mseg.console.push;

import java.util.List;
import java.util.Map;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.TestEnforcer;
import org.junit.jupiter.api.Test;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A viewer's ETag of an enforcer's rendered policy is that of the body it reads, not of
 * the whole document: it changes with what the viewer reads and not with what it may not
 * see (another tenant's units), so it tells nothing of them.
 */
class RenderedPolicyEtagIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void aViewersEtagDoesNotChangeWithWhatItCannotSee() {
		String mine = this.tenant + "/a";
		this.api.post(this.tenant, "/namespaces", json("name", "a")).expectStatus(201);
		this.api.post(this.tenant, "/namespaces", json("name", "b")).expectStatus(201);
		String token = this.api.post(mine, "/enrollmenttokens", "{}").json().get("token").asString();
		TestEnforcer enforcer = new TestEnforcer().enroll(this.api, token, "web-1");
		enforcer.client(this.api, caFile())
			.send("PUT", null, "/enforcers/" + enforcer.id() + "/processingunits",
					"[" + json("name", "web-1", "addresses", List.of(Addresses.ipv4()), "associatedTags",
							List.of("app=web")) + "]",
					Map.of("Content-Type", "application/json"))
			.expectStatus(200);
		this.api
			.post(mine, "/externalnetworks",
					json("name", "all", "entries", List.of("0.0.0.0/0"), "associatedTags", List.of("ext=all")))
			.expectStatus(201);
		this.api
			.post(mine, "/networkaccesspolicies",
					json("name", "all to web", "applyPolicyMode", "IncomingTraffic", "subject",
							List.of(List.of("ext=all")), "object", List.of(List.of("app=web"))))
			.expectStatus(201);
		String viewerToken = this.api.post(mine, "/apitokens", json("name", "v", "role", "viewer"))
			.json()
			.get("token")
			.asString();
		ApiClient viewer = this.api.withToken(viewerToken);
		String path = "/enforcers/" + enforcer.id() + "/renderedpolicy";
		// Another tenant's unit inside 0.0.0.0/0: the enforcer must exclude it, the
		// viewer may not know of it.
		String other = Addresses.ipv4();
		this.api.post(this.tenant + "/b", "/processingunits", json("name", "other", "addresses", List.of(other)))
			.expectStatus(201);
		Response own = enforcer.client(this.api, caFile()).get(null, path).expectStatus(200);
		assertThat(own.body()).contains("\"" + other + "\"");
		Response seen = viewer.get(mine, path).expectStatus(200);
		assertThat(seen.body()).doesNotContain("\"" + other + "\"");
		assertThat(seen.header("ETag")).isNotEqualTo(own.header("ETag"));
		assertThat(viewer.get(mine, path).header("ETag")).as("the same body, the same ETag")
			.isEqualTo(seen.header("ETag"));
		viewer.send("GET", mine, path, null, Map.of("If-None-Match", seen.header("ETag"))).expectStatus(304);
		viewer.send("GET", mine, path, null, Map.of("If-None-Match", own.header("ETag"))).expectStatus(200);
	}

}
