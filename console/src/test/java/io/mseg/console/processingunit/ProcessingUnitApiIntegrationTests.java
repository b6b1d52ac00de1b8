package io.mseg.console.processingunit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.errorMessage;
import static io.mseg.console.support.Nodes.names;
import static io.mseg.console.support.Nodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

class ProcessingUnitApiIntegrationTests extends ConsoleIntegrationTest {

	@ParameterizedTest(name = "address \"{0}\"")
	@ValueSource(
			strings = { "10.1.0.0/16", "10.1.2.3/32", "2001:db8::/64", "300.1.1.1", "10.1.2", "host.example.com", "" })
	void refusesAnythingButAnIpAddress(String address) {
		this.api
			.post(this.tenant, "/processingunits",
					json("name", "web-1", "addresses", List.of(Addresses.ipv4(), address)))
			.expectProblem(422, "addresses[1]");
		assertNothingStored(this.tenant);
	}

	@Test
	void refusesANullAddressWithAnErrorOnItNotAServerError() {
		this.api.post(this.tenant, "/processingunits", "{\"name\": \"web-1\", \"addresses\": [null]}")
			.expectProblem(422, "addresses[0]");
		assertNothingStored(this.tenant);
	}

	@Test
	void refusesTheSameAddressTwiceInOneProcessingUnit() {
		String address = Addresses.ipv6();
		this.api
			.post(this.tenant, "/processingunits",
					json("name", "web-1", "addresses", List.of(address, address.toUpperCase())))
			.expectProblem(422, "addresses[1]");
		assertNothingStored(this.tenant);
	}

	@Test
	void readsAddressesBackCanonical() {
		String v4 = Addresses.ipv4();
		String v6 = Addresses.ipv6();
		String v6Expanded = expand(v6).toUpperCase();
		Response created = this.api
			.post(this.tenant, "/processingunits", json("name", "web-1", "addresses", List.of(v4, v6Expanded)))
			.expectStatus(201);
		assertThat(strings(created.json().get("addresses"))).containsExactlyInAnyOrder(v4, v6);
		JsonNode read = this.api.get(this.tenant, "/processingunits/" + created.id()).expectStatus(200).json();
		assertThat(strings(read.get("addresses"))).containsExactlyInAnyOrder(v4, v6);
	}

	@Test
	void writesAndReadsAnswerTheAddressesInTheSameOrder() {
		// Given out of text order ("fd..." sorts after "10..."), as a YAML file may list
		// them.
		List<String> outOfOrder = List.of(Addresses.ipv6(), Addresses.ipv4());
		Response created = this.api
			.post(this.tenant, "/processingunits", json("name", "web-1", "addresses", outOfOrder))
			.expectStatus(201);
		JsonNode read = this.api.get(this.tenant, "/processingunits/" + created.id()).json();
		assertThat(strings(read.get("addresses"))).containsExactlyElementsOf(strings(created.json().get("addresses")));
	}

	@Test
	void aWriteAnswersTheTimestampsThatAReadShows() {
		Response created = this.api.post(this.tenant, "/processingunits", json("name", "web-1")).expectStatus(201);
		JsonNode read = this.api.get(this.tenant, "/processingunits/" + created.id()).json();
		assertThat(read.get("createTime")).isEqualTo(created.json().get("createTime"));
		assertThat(read.get("updateTime")).isEqualTo(created.json().get("updateTime"));
	}

	@Test
	void theEtagOfACreateIsAcceptedByTheNextUpdate() {
		Response created = this.api
			.post(this.tenant, "/processingunits", json("name", "web-1", "addresses", List.of(Addresses.ipv4())))
			.expectStatus(201);
		assertThat(this.api.get(this.tenant, "/processingunits/" + created.id()).header("ETag"))
			.isEqualTo(created.header("ETag"));
		this.api
			.send("PUT", this.tenant, "/processingunits/" + created.id(), json("name", "web-1", "description", "v2"),
					Map.of("Content-Type", "application/json", "If-Match", created.header("ETag")))
			.expectStatus(200);
	}

	@Test
	void anAddressOfAnotherProcessingUnitIsRefusedEvenInAnotherNamespace() {
		String address = Addresses.ipv6();
		String owner = this.api
			.post(this.tenant, "/processingunits", json("name", "secret-owner-name", "addresses", List.of(address)))
			.expectStatus(201)
			.id();
		String other = otherTenant();

		Response refused = this.api
			.post(other, "/processingunits",
					json("name", "intruder", "addresses", List.of(Addresses.ipv4(), expand(address))))
			.expectProblem(409);

		assertThat(refused.body()).contains(address)
			.doesNotContain("secret-owner-name")
			.doesNotContain(owner)
			.doesNotContain(this.tenant);
		assertNothingStored(other);
		assertThat(this.api.get(other, "/auditrecords").json()).isEmpty();
	}

	@Test
	void anAddressOfAnotherProcessingUnitIsRefusedInTheSameNamespace() {
		String address = Addresses.ipv4();
		this.api.post(this.tenant, "/processingunits", json("name", "a", "addresses", List.of(address)))
			.expectStatus(201);
		this.api.post(this.tenant, "/processingunits", json("name", "b", "addresses", List.of(address)))
			.expectProblem(409);
		assertThat(names(this.api.get(this.tenant, "/processingunits"))).containsExactly("a");
	}

	@Test
	void anUpdateCannotTakeTheAddressOfAnotherProcessingUnit() {
		String taken = Addresses.ipv4();
		String own = Addresses.ipv4();
		this.api.post(this.tenant, "/processingunits", json("name", "a", "addresses", List.of(taken)))
			.expectStatus(201);
		String b = this.api.post(this.tenant, "/processingunits", json("name", "b", "addresses", List.of(own)))
			.expectStatus(201)
			.id();

		this.api.put(this.tenant, "/processingunits/" + b, json("name", "b", "addresses", List.of(own, taken)))
			.expectProblem(409);

		JsonNode read = this.api.get(this.tenant, "/processingunits/" + b).json();
		assertThat(strings(read.get("addresses"))).containsExactly(own);
		assertThat(this.api.get(this.tenant, "/auditrecords?objectID=" + b).json()).hasSize(1);
	}

	@Test
	void aProcessingUnitKeepsItsOwnAddressesOnUpdate() {
		String address = Addresses.ipv4();
		String id = this.api.post(this.tenant, "/processingunits", json("name", "a", "addresses", List.of(address)))
			.expectStatus(201)
			.id();
		this.api
			.put(this.tenant, "/processingunits/" + id,
					json("name", "a", "description", "changed", "addresses", List.of(address)))
			.expectStatus(200);
	}

	@Test
	void anAddressIsFreeAgainOnceItsProcessingUnitIsDeleted() {
		String address = Addresses.ipv4();
		String id = this.api.post(this.tenant, "/processingunits", json("name", "a", "addresses", List.of(address)))
			.expectStatus(201)
			.id();
		this.api.delete(this.tenant, "/processingunits/" + id).expectStatus(200);
		this.api.post(this.tenant, "/processingunits", json("name", "b", "addresses", List.of(address)))
			.expectStatus(201);
	}

	@Test
	void normalizedTagsHoldTheSystemTagsAndTheUserTags() {
		Response created = this.api
			.post(this.tenant, "/processingunits",
					json("name", "web-1", "enforcerID", "enf-1", "associatedTags", List.of("app=web", "env=prod")))
			.expectStatus(201);
		JsonNode read = this.api.get(this.tenant, "/processingunits/" + created.id()).json();
		assertThat(read.get("type").asString()).isEqualTo("Host");
		assertThat(strings(read.get("associatedTags"))).containsExactly("app=web", "env=prod");
		assertThat(strings(read.get("normalizedTags"))).contains("$identity=processingunit", "$type=Host",
				"$name=web-1", "$namespace=" + this.tenant, "$id=" + created.id(), "$enforcerid=enf-1", "app=web",
				"env=prod");
	}

	@ParameterizedTest(name = "type {0}")
	@ValueSource(strings = { "Docker", "Pod", "Container" })
	void theTypeTagFollowsTheType(String type) {
		Response created = this.api.post(this.tenant, "/processingunits", json("name", "c", "type", type))
			.expectStatus(201);
		assertThat(strings(created.json().get("normalizedTags"))).contains("$type=" + type)
			.doesNotContain("$type=Host");
	}

	@Test
	void refusesAnUnknownType() {
		Response problem = this.api.post(this.tenant, "/processingunits", json("name", "vm", "type", "Mainframe"))
			.expectProblem(422, "type");
		assertThat(errorMessage(problem, "type")).contains("Host");
		assertNothingStored(this.tenant);
	}

	@ParameterizedTest(name = "tag {0}")
	@ValueSource(strings = { "$identity=externalnetwork", "$type=Docker", "@app=web", "novalue" })
	void refusesReservedOrMalformedUserTags(String tag) {
		this.api.post(this.tenant, "/processingunits", json("name", "a", "associatedTags", List.of("app=web", tag)))
			.expectProblem(422, "associatedTags[1]");
		assertNothingStored(this.tenant);
	}

	@Test
	void aProcessingUnitOfAnotherTenantIsNotFound() {
		String id = this.api.post(this.tenant, "/processingunits", json("name", "a")).expectStatus(201).id();
		String other = otherTenant();
		this.api.get(other, "/processingunits/" + id).expectProblem(404);
		this.api.delete(other, "/processingunits/" + id).expectProblem(404);
		this.api.put(other, "/processingunits/" + id, json("name", "stolen")).expectProblem(404);
		assertThat(this.api.get(this.tenant, "/processingunits/" + id).json().get("name").asString()).isEqualTo("a");
	}

	private void assertNothingStored(String namespace) {
		assertThat(this.api.get(namespace, "/processingunits?recursive=true").json()).isEmpty();
	}

	private String otherTenant() {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", json("name", name)).expectStatus(201);
		return "/" + name;
	}

	/** The same IPv6 address with its zero groups written out. */
	private static String expand(String address) {
		String[] halves = address.split("::", -1);
		String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
		String[] tail = (halves.length < 2 || halves[1].isEmpty()) ? new String[0] : halves[1].split(":");
		StringBuilder text = new StringBuilder(String.join(":", head));
		for (int i = 0; i < 8 - head.length - tail.length; i++) {
			text.append(":0");
		}
		for (String group : tail) {
			text.append(':').append(group);
		}
		return text.toString();
	}

}
