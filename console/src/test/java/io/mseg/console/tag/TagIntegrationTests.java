package io.mseg.console.tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class TagIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void countsTheNormalizedTagsOfProcessingUnitsAndExternalNetworks() {
		pu(this.tenant, "web-1", "app=web", "env=prod");
		pu(this.tenant, "web-2", "app=web");
		network(this.tenant, "internet", false, "ext:name=internet", "env=prod");

		Map<String, Long> counts = counts(this.api.get(this.tenant, "/tags").expectStatus(200), this.tenant);

		assertThat(counts).contains(entry("app=web", 2L), entry("env=prod", 2L), entry("$identity=processingunit", 2L),
				entry("$identity=externalnetwork", 1L), entry("ext:name=internet", 1L), entry("$type=Host", 2L),
				entry("$name=web-1", 1L), entry("$namespace=" + this.tenant, 3L));
	}

	@Test
	void listsOnlyTheNamespacesOwnTagsWithoutRecursive() {
		String child = childNamespace(this.tenant, "child");
		pu(this.tenant, "web-1", "app=web");
		pu(child, "db-1", "app=db");

		JsonNode tags = this.api.get(this.tenant, "/tags").expectStatus(200).json();

		assertThat(tags.valueStream().map((tag) -> tag.get("namespace").asString())).containsOnly(this.tenant);
		assertThat(values(tags)).contains("app=web").doesNotContain("app=db");
	}

	@Test
	void recursiveAddsTheTagsOfDescendantsPerNamespace() {
		String child = childNamespace(this.tenant, "child");
		pu(this.tenant, "web-1", "app=web");
		pu(child, "web-2", "app=web");
		pu(child, "db-1", "app=db");

		Response tags = this.api.get(this.tenant, "/tags?recursive=true").expectStatus(200);

		assertThat(counts(tags, this.tenant)).contains(entry("app=web", 1L)).doesNotContainKey("app=db");
		assertThat(counts(tags, child)).contains(entry("app=web", 1L), entry("app=db", 1L),
				entry("$identity=processingunit", 2L));
	}

	@Test
	void propagatedAddsTheExternalNetworksOfAncestors() {
		String child = childNamespace(this.tenant, "child");
		network(this.tenant, "internet", true, "ext:name=internet");
		network(this.tenant, "private", false, "ext:name=private");

		assertThat(values(this.api.get(child, "/tags").json())).doesNotContain("ext:name=internet");
		JsonNode withPropagated = this.api.get(child, "/tags?propagated=true").expectStatus(200).json();
		assertThat(values(withPropagated)).contains("ext:name=internet").doesNotContain("ext:name=private");
	}

	@Test
	void anotherTenantsTagsAreNotListed() {
		String other = otherTenant();
		pu(other, "secret", "app=secret");
		pu(this.tenant, "web-1", "app=web");

		assertThat(values(this.api.get(this.tenant, "/tags?recursive=true").json())).doesNotContain("app=secret");
		assertThat(values(this.api.get(other, "/tags?recursive=true").json())).doesNotContain("app=web");
	}

	@Test
	void pagesWithATotal() {
		pu(this.tenant, "web-1", "app=web");
		Response all = this.api.get(this.tenant, "/tags").expectStatus(200);
		int total = Integer.parseInt(all.header("X-Count-Total"));
		assertThat(all.json()).hasSize(total);

		Response second = this.api.get(this.tenant, "/tags?page=2&pagesize=2").expectStatus(200);
		assertThat(second.header("X-Count-Total")).isEqualTo(String.valueOf(total));
		assertThat(values(second.json())).containsExactlyElementsOf(values(all.json()).subList(2, 4));
		assertThat(this.api.get(this.tenant, "/tags?page=99").expectStatus(200).json()).isEmpty();
	}

	@Test
	void anEmptyNamespaceHasNoTags() {
		Response tags = this.api.get(this.tenant, "/tags").expectStatus(200);
		assertThat(tags.json()).isEmpty();
		assertThat(tags.header("X-Count-Total")).isEqualTo("0");
	}

	@Test
	void anUnknownNamespaceIs404() {
		this.api.get(this.tenant + "/missing", "/tags").expectProblem(404);
	}

	private static Map<String, Long> counts(Response response, String namespace) {
		return response.json()
			.valueStream()
			.filter((tag) -> tag.get("namespace").asString().equals(namespace))
			.collect(Collectors.toMap((tag) -> tag.get("value").asString(), (tag) -> tag.get("count").asLong()));
	}

	private static List<String> values(JsonNode tags) {
		return tags.valueStream().map((tag) -> tag.get("value").asString()).toList();
	}

	private void pu(String namespace, String name, String... tags) {
		this.api.post(namespace, "/processingunits", json("name", name, "associatedTags", List.of(tags)))
			.expectStatus(201);
	}

	private void network(String namespace, String name, boolean propagate, String... tags) {
		this.api
			.post(namespace, "/externalnetworks",
					json("name", name, "entries", List.of("0.0.0.0/0"), "propagate", propagate, "associatedTags",
							List.of(tags)))
			.expectStatus(201);
	}

	private String otherTenant() {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", json("name", name)).expectStatus(201);
		return "/" + name;
	}

}
