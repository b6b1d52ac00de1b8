package io.mseg.console.externalnetwork;

import java.util.List;

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

class ExternalNetworkApiIntegrationTests extends ConsoleIntegrationTest {

	@ParameterizedTest(name = "entry \"{0}\"")
	@ValueSource(strings = { "*", "googleapis*.com", "googleapis.*", "*storage.example.com", "a.*.example.com",
			"10.0.0.1/8", "300.1.1.1" })
	void refusesAnInvalidEntryWithAnErrorOnThatEntry(String entry) {
		Response problem = this.api
			.post(this.tenant, "/externalnetworks", json("name", "n", "entries", List.of("192.0.2.0/24", entry)))
			.expectProblem(422, "entries[1]");
		assertThat(errorMessage(problem, "entries[1]")).contains(entry);
		assertNothingStored();
	}

	@Test
	void refusesACidrWithHostBitsSuggestingTheNetwork() {
		Response problem = this.api
			.post(this.tenant, "/externalnetworks", json("name", "n", "entries", List.of("10.0.0.1/8")))
			.expectProblem(422, "entries[0]");
		assertThat(errorMessage(problem, "entries[0]")).contains("10.0.0.0/8");
	}

	@Test
	void refusesAnExclusionOutsideEveryIncludedCidr() {
		this.api.post(this.tenant, "/externalnetworks", json("name", "n", "entries", List.of("!10.0.0.0/8")))
			.expectProblem(422, "entries[0]");
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "entries", List.of("192.168.0.0/16", "!10.0.0.0/8")))
			.expectProblem(422, "entries[1]");
		this.api.post(this.tenant, "/externalnetworks", json("name", "n", "entries", List.of("::/0", "!10.0.0.0/8")))
			.expectProblem(422, "entries[1]");
		assertNothingStored();
	}

	@Test
	void refusesDuplicateEntriesAlsoWhenWrittenDifferently() {
		this.api
			.post(this.tenant, "/externalnetworks", json("name", "n", "entries", List.of("10.0.0.0/8", "10.0.0.0/8")))
			.expectProblem(422, "entries[1]");
		this.api
			.post(this.tenant, "/externalnetworks", json("name", "n", "entries", List.of("192.0.2.1", "192.0.2.1/32")))
			.expectProblem(422, "entries[1]");
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "entries", List.of("api.example.com", "API.Example.com.")))
			.expectProblem(422, "entries[1]");
		assertNothingStored();
	}

	@Test
	void refusesAnEmptyOrMissingEntryList() {
		this.api.post(this.tenant, "/externalnetworks", json("name", "n", "entries", List.of()))
			.expectProblem(422, "entries");
		this.api.post(this.tenant, "/externalnetworks", json("name", "n")).expectProblem(422, "entries");
		assertNothingStored();
	}

	@Test
	void refusesNullElementsWithAnErrorOnThemNotAServerError() {
		this.api.post(this.tenant, "/externalnetworks", "{\"name\": \"n\", \"entries\": [\"0.0.0.0/0\", null]}")
			.expectProblem(422, "entries[1]");
		this.api
			.post(this.tenant, "/externalnetworks",
					"{\"name\": \"n\", \"entries\": [\"0.0.0.0/0\"], \"servicePorts\": [null]}")
			.expectProblem(422, "servicePorts[0]");
		this.api
			.post(this.tenant, "/externalnetworks",
					"{\"name\": \"n\", \"entries\": [\"0.0.0.0/0\"], \"associatedTags\": [null]}")
			.expectProblem(422, "associatedTags[0]");
		assertNothingStored();
	}

	@Test
	void acceptsEveryEntryFormAndReadsItBackCanonical() {
		List<String> given = List.of("10.0.0.0/8", "192.0.2.7", "2001:DB8::/32", "2001:db8:0:0::1", "Example.COM.",
				"*.Storage.Example.com", "0.0.0.0/0", "!172.16.0.0/12", "::/0", "!fd00::/8");
		List<String> canonical = List.of("10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32", "2001:db8::1/128",
				"example.com", "*.storage.example.com", "0.0.0.0/0", "!172.16.0.0/12", "::/0", "!fd00::/8");
		Response created = this.api.post(this.tenant, "/externalnetworks", json("name", "mixed", "entries", given))
			.expectStatus(201);
		assertThat(strings(created.json().get("entries"))).containsExactlyElementsOf(canonical);
		JsonNode read = this.api.get(this.tenant, "/externalnetworks/" + created.id()).expectStatus(200).json();
		assertThat(strings(read.get("entries"))).containsExactlyElementsOf(canonical);
	}

	@Test
	void acceptsAnExclusionInsideAnIncludedCidr() {
		Response created = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "internet", "entries", List.of("0.0.0.0/0", "!10.0.0.0/8")))
			.expectStatus(201);
		assertThat(strings(created.json().get("entries"))).containsExactly("0.0.0.0/0", "!10.0.0.0/8");
	}

	@ParameterizedTest(name = "servicePorts {0}")
	@ValueSource(strings = { "tcp/99999", "tcp/90:80", "foo", "tcp", "udp/-1", "tcp/443 ", "6/443" })
	void refusesAnInvalidServicePort(String port) {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "entries", List.of("0.0.0.0/0"), "servicePorts", List.of("udp/53", port)))
			.expectProblem(422, "servicePorts[1]");
		assertNothingStored();
	}

	@Test
	void refusesAnyNextToOtherServicePorts() {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "entries", List.of("0.0.0.0/0"), "servicePorts", List.of("tcp/443", "any")))
			.expectProblem(422, "servicePorts[1]");
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "entries", List.of("0.0.0.0/0"), "servicePorts", List.of("ANY", "tcp/443")))
			.expectProblem(422, "servicePorts[0]");
		assertNothingStored();
	}

	@Test
	void refusesDuplicateServicePortsComparedCaseInsensitively() {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "entries", List.of("0.0.0.0/0"), "servicePorts", List.of("tcp/443", "TCP/443")))
			.expectProblem(422, "servicePorts[1]");
		assertNothingStored();
	}

	@Test
	void readsServicePortsBackCanonical() {
		Response created = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "dns", "entries", List.of("192.0.2.53"), "servicePorts",
							List.of("UDP/53", "Tcp/8000:8080", "icmp/8", "GRE")))
			.expectStatus(201);
		JsonNode read = this.api.get(this.tenant, "/externalnetworks/" + created.id()).json();
		assertThat(strings(read.get("servicePorts"))).containsExactly("udp/53", "tcp/8000:8080", "icmp/8", "gre");
	}

	@Test
	void reportsEveryInvalidFieldInOneAnswer() {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "", "entries", List.of("*"), "servicePorts", List.of("foo"), "associatedTags",
							List.of("novalue")))
			.expectProblem(422, "name", "entries[0]", "servicePorts[0]", "associatedTags[0]");
		assertNothingStored();
	}

	@Test
	void normalizedTagsHoldTheSystemTagsAndTheUserTags() {
		Response created = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "internet", "entries", List.of("0.0.0.0/0"), "associatedTags",
							List.of("ext:name=internet", "zone=dmz")))
			.expectStatus(201);
		JsonNode read = this.api.get(this.tenant, "/externalnetworks/" + created.id()).json();
		assertThat(strings(read.get("associatedTags"))).containsExactly("ext:name=internet", "zone=dmz");
		assertThat(strings(read.get("normalizedTags"))).contains("$identity=externalnetwork", "$name=internet",
				"$namespace=" + this.tenant, "$id=" + created.id(), "ext:name=internet", "zone=dmz");
	}

	@ParameterizedTest(name = "tag {0}")
	@ValueSource(strings = { "$identity=processingunit", "$name=internet", "@app=web" })
	void refusesUserTagsWithReservedPrefixes(String tag) {
		this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "n", "entries", List.of("0.0.0.0/0"), "associatedTags", List.of("ok=yes", tag)))
			.expectProblem(422, "associatedTags[1]");
		assertNothingStored();
	}

	@Test
	void aPropagatedNetworkIsListedInChildrenOnlyWithPropagated() {
		String child = childNamespace(this.tenant, "child");
		String shared = createNetwork(this.tenant, "shared", true).id();
		String local = createNetwork(this.tenant, "local", false).id();
		createNetwork(child, "own", false);

		assertThat(names(this.api.get(child, "/externalnetworks").expectStatus(200))).containsExactly("own");
		Response withPropagated = this.api.get(child, "/externalnetworks?propagated=true").expectStatus(200);
		assertThat(names(withPropagated)).containsExactlyInAnyOrder("own", "shared");
		assertThat(withPropagated.header("X-Count-Total")).isEqualTo("2");
		assertThat(this.api.get(child, "/externalnetworks/" + shared)
			.expectStatus(200)
			.json()
			.get("propagate")
			.asBoolean()).isTrue();
		this.api.get(child, "/externalnetworks/" + local).expectProblem(404);
	}

	@Test
	void propagationGoesDownOnlyNeverUpOrSideways() {
		String child = childNamespace(this.tenant, "child");
		String sibling = childNamespace(this.tenant, "sibling");
		createNetwork(child, "childs", true);
		assertThat(this.api.get(this.tenant, "/externalnetworks?propagated=true").json()).isEmpty();
		assertThat(this.api.get(sibling, "/externalnetworks?propagated=true").json()).isEmpty();
	}

	@Test
	void childrenCannotChangeOrDeleteAPropagatedNetwork() {
		String child = childNamespace(this.tenant, "child");
		String shared = createNetwork(this.tenant, "shared", true).id();
		this.api.delete(child, "/externalnetworks/" + shared).expectProblem(403);
		this.api
			.put(child, "/externalnetworks/" + shared,
					json("name", "shared", "entries", List.of("10.0.0.0/8"), "propagate", true))
			.expectProblem(403);
		JsonNode read = this.api.get(this.tenant, "/externalnetworks/" + shared).json();
		assertThat(strings(read.get("entries"))).containsExactly("0.0.0.0/0");
	}

	private Response createNetwork(String namespace, String name, boolean propagate) {
		return this.api
			.post(namespace, "/externalnetworks",
					json("name", name, "entries", List.of("0.0.0.0/0"), "propagate", propagate))
			.expectStatus(201);
	}

	private void assertNothingStored() {
		assertThat(this.api.get(this.tenant, "/externalnetworks?recursive=true").json()).isEmpty();
	}

}
