package io.mseg.console.push;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.TestEnforcer;
import io.mseg.policy.render.wire.SectionNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.test.context.TestPropertySource;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enforcer fetches its rendered policy as an index and content-addressed sections
 * (notes/sections-spec.md), which reassemble to exactly the full document. Two
 * enrollments a test from one address are more than the default rate limit allows.
 */
@TestPropertySource(properties = "mseg.enforcers.enrollments-per-minute=1000")
class RenderedPolicySectionsIntegrationTests extends ConsoleIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestEnforcer web;

	private TestEnforcer db;

	private ApiClient client;

	@Autowired
	private JdbcClient jdbc;

	private String internet;

	@BeforeEach
	void enforcersWithPolicies() {
		this.web = enroll("web");
		this.db = enroll("db");
		register(this.web, "web-1", "app=web");
		register(this.db, "db-1", "app=db");
		this.internet = network("internet", List.of("0.0.0.0/0", "!10.0.0.0/8", "*.example.com"),
				List.of("tcp/1:10000"));
		network("partners", List.of("198.51.100.0/24"), List.of());
		policy("internet to web", "applyPolicyMode", "IncomingTraffic", "subject",
				List.of(List.of("ext:name=internet")), "object", List.of(List.of("app=web")), "ports",
				List.of("tcp/443"));
		policy("web to internet", "applyPolicyMode", "OutgoingTraffic", "subject", List.of(List.of("app=web")),
				"object", List.of(List.of("ext:name=internet")), "ports", List.of("tcp/443"));
		policy("web to db", "subject", List.of(List.of("app=web")), "object", List.of(List.of("app=db")), "ports",
				List.of("tcp/5432"));
		policy("no partners", "action", "Reject", "applyPolicyMode", "OutgoingTraffic", "subject",
				List.of(List.of("app=web")), "object", List.of(List.of("ext:name=partners")));
		this.client = this.web.client(this.api, caFile());
	}

	@Test
	void theIndexAndItsSectionsReassembleToTheFullDocument() {
		JsonNode full = this.client.get(null, path("")).expectStatus(200).json();
		JsonNode index = index().json();
		Map<String, JsonNode> sections = parsed(fetch(names(index)));

		assertThat(rebuild(index, sections)).isEqualTo(full);
		assertThat(full.get("processingUnits").get(0).get("outgoing")).as("rules with networks and units").hasSize(3);
		assertThat(index.get("externalNetworks")).as("one section per network, shared by two rules").hasSize(2);
	}

	@Test
	void everySectionIsNamedByTheHashOfItsBytes() {
		Map<String, String> sections = fetch(names(index().json()));

		assertThat(sections).isNotEmpty()
			.allSatisfy(
					(name, json) -> assertThat(name).isEqualTo(SectionNames.of(json.getBytes(StandardCharsets.UTF_8))));
	}

	@Test
	void answersEachDistinctNameOnceInRequestOrder() {
		List<String> names = names(index().json());
		List<String> reversed = new ArrayList<>(names);
		Collections.reverse(reversed);
		List<String> asked = new ArrayList<>(reversed);
		asked.addAll(names);

		Response response = sections(JSON.writeValueAsString(Map.of("sections", asked))).expectStatus(200);

		assertThat(response.header("Content-Type")).startsWithIgnoringCase("text/plain;charset=utf-8");
		assertThat(response.body()).endsWith("\n");
		assertThat(response.body().split("\n")).extracting((line) -> line.substring(0, 32))
			.containsExactlyElementsOf(reversed);
	}

	@Test
	void servesTheIndexWithItsHashAsEtagAnd304WhenUnchanged() {
		Response first = index();
		String etag = first.header("ETag");
		assertThat(etag).isEqualTo("\"" + SectionNames.of(first.body().getBytes(StandardCharsets.UTF_8)) + "\"");
		assertThat(first.header("Content-Type")).startsWith("application/json");
		assertThat(first.json().get("enforcerID").asString()).isEqualTo(this.web.id());

		Response unchanged = this.client.send("GET", null, path("/index"), (String) null,
				Map.of("If-None-Match", etag));
		assertThat(unchanged.status()).isEqualTo(304);
		assertThat(unchanged.header("ETag")).isEqualTo(etag);
		this.client.send("GET", null, path("/index"), (String) null, Map.of("If-None-Match", "*")).expectStatus(304);

		policy("web to anywhere", "applyPolicyMode", "OutgoingTraffic", "subject", List.of(List.of("app=web")),
				"object", List.of(List.of("app=db")));
		Response changed = this.client.send("GET", null, path("/index"), (String) null, Map.of("If-None-Match", etag));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.header("ETag")).isNotEqualTo(etag);
		assertThat(changed.json().get("version").asLong()).isGreaterThan(first.json().get("version").asLong());
	}

	@Test
	void refusesMalformedRequestsWith400() {
		String name = names(index().json()).get(0);
		sections("not json").expectProblem(400);
		sections("").expectProblem(400);
		sections("[\"" + name + "\"]").expectProblem(400, "body");
		sections("{}").expectProblem(400, "sections");
		sections("{\"names\": [\"" + name + "\"]}").expectProblem(400, "names", "sections");
		sections("{\"sections\": \"" + name + "\"}").expectProblem(400, "sections");
		sections("{\"sections\": []}").expectProblem(400, "sections");
		sections("{\"sections\": [42]}").expectProblem(400, "sections[0]");
		sections(JSON.writeValueAsString(Map.of("sections", Collections.nCopies(10_001, name)))).expectProblem(400,
				"sections");
		sections(JSON.writeValueAsString(Map.of("sections", List.of(name, name.toUpperCase())))).expectProblem(400,
				"sections[1]");
		sections(JSON.writeValueAsString(Map.of("sections", List.of(name.substring(1))))).expectProblem(400,
				"sections[0]");
	}

	@Test
	void acceptsTenThousandNames() {
		String name = names(index().json()).get(0);

		Response response = sections(JSON.writeValueAsString(Map.of("sections", Collections.nCopies(10_000, name))))
			.expectStatus(200);

		assertThat(response.body().split("\n")).hasSize(1);
	}

	@Test
	void aNameThatIsNoSectionOfTheCurrentPolicyAnswers409() {
		List<String> names = new ArrayList<>(names(index().json()));
		names.add("0123456789abcdef0123456789abcdef");

		sections(JSON.writeValueAsString(Map.of("sections", names))).expectProblem(409);
	}

	@Test
	void aSectionOfAPolicyThatChangedAnswers409() {
		JsonNode before = index().json();
		String chunk = before.get("processingUnits").get(0).get("incoming").get(0).asString();
		this.api.delete(this.tenant, "/externalnetworks/" + this.internet).expectStatus(200);

		assertThat(names(index().json())).doesNotContain(chunk);
		sections(JSON.writeValueAsString(Map.of("sections", List.of(chunk)))).expectProblem(409);
	}

	@Test
	void readingSectionsNeverRecordsAChangeThatThePushMustAnnounce() {
		List<String> names = names(index().json());
		// as between a commit and its push: the content recorded for the enforcer is not
		// the current one
		this.jdbc.sql("update enforcers set policy_hash = 'before the change' where id = ?::uuid")
			.param(this.web.id())
			.update();

		fetch(names);

		assertThat(this.jdbc.sql("select policy_hash from enforcers where id = ?::uuid")
			.param(this.web.id())
			.query(String.class)
			.single()).isEqualTo("before the change");
		index();
		assertThat(this.jdbc.sql("select policy_hash from enforcers where id = ?::uuid")
			.param(this.web.id())
			.query(String.class)
			.single()).as("the index, like the whole document, records what it serves")
			.isNotEqualTo("before the change");
	}

	@Test
	void onlyTheEnforcerItselfGetsItsIndexAndSections() {
		String body = JSON.writeValueAsString(Map.of("sections", names(index().json())));
		ApiClient other = this.db.client(this.api, caFile());
		other.get(null, path("/index")).expectProblem(403);
		other.post(null, path("/sections"), body).expectProblem(403);
		this.api.get(this.tenant, path("/index")).expectProblem(403);
		this.api.post(this.tenant, path("/sections"), body).expectProblem(403);
	}

	@Test
	void aRevokedEnforcerIsRefusedAsOnTheFullDocument() {
		this.api.delete(this.tenant, "/enforcers/" + this.web.id()).expectStatus(200);

		int full = this.client.get(null, path("")).status();
		assertThat(full).isGreaterThanOrEqualTo(400);
		this.client.get(null, path("/index")).expectProblem(full);
		this.client.post(null, path("/sections"), "{\"sections\": [\"0123456789abcdef0123456789abcdef\"]}")
			.expectProblem(full);
	}

	/** The full document rebuilt from the index and the sections. */
	private static JsonNode rebuild(JsonNode index, Map<String, JsonNode> sections) {
		ObjectNode document = JSON.createObjectNode();
		document.set("enforcerID", index.get("enforcerID"));
		document.set("version", index.get("version"));
		ArrayNode units = document.putArray("processingUnits");
		for (JsonNode unit : index.get("processingUnits")) {
			ObjectNode rebuilt = units.addObject();
			rebuilt.set("processingUnit", unit.get("processingUnit"));
			rebuilt.set("incoming", rules(unit.get("incoming"), sections));
			rebuilt.set("outgoing", rules(unit.get("outgoing"), sections));
		}
		document.set("knownProcessingUnitAddresses",
				sections.get(index.get("knownProcessingUnitAddresses").asString()));
		return document;
	}

	/** The chunks' rules, concatenated, with their networks rebuilt. */
	private static ArrayNode rules(JsonNode chunks, Map<String, JsonNode> sections) {
		ArrayNode rules = JSON.createArrayNode();
		for (JsonNode chunk : chunks) {
			for (JsonNode rule : sections.get(chunk.asString())) {
				ObjectNode copy = (ObjectNode) rule.deepCopy();
				ArrayNode networks = copy.putArray("externalNetworks");
				for (JsonNode ref : rule.get("externalNetworks")) {
					ObjectNode network = (ObjectNode) sections.get(ref.get("section").asString()).deepCopy();
					network.set("ports", ref.get("ports"));
					networks.add(network);
				}
				rules.add(copy);
			}
		}
		return rules;
	}

	/** Every section the index names. */
	private static List<String> names(JsonNode index) {
		List<String> names = new ArrayList<>();
		for (JsonNode unit : index.get("processingUnits")) {
			unit.get("incoming").forEach((name) -> names.add(name.asString()));
			unit.get("outgoing").forEach((name) -> names.add(name.asString()));
		}
		index.get("externalNetworks").forEach((name) -> names.add(name.asString()));
		names.add(index.get("knownProcessingUnitAddresses").asString());
		return names;
	}

	/** The sections' JSON by name, as served. */
	private Map<String, String> fetch(List<String> names) {
		Response response = sections(JSON.writeValueAsString(Map.of("sections", names))).expectStatus(200);
		Map<String, String> sections = new LinkedHashMap<>();
		for (String line : response.body().split("\n")) {
			assertThat(line.charAt(32)).isEqualTo(' ');
			sections.put(line.substring(0, 32), line.substring(33));
		}
		assertThat(sections.keySet()).containsExactlyInAnyOrderElementsOf(names);
		return sections;
	}

	private static Map<String, JsonNode> parsed(Map<String, String> sections) {
		Map<String, JsonNode> parsed = new LinkedHashMap<>();
		sections.forEach((name, json) -> parsed.put(name, JSON.readTree(json)));
		return parsed;
	}

	private Response index() {
		return this.client.get(null, path("/index")).expectStatus(200);
	}

	private Response sections(String body) {
		return this.client.post(null, path("/sections"), body);
	}

	private String path(String suffix) {
		return "/enforcers/" + this.web.id() + "/renderedpolicy" + suffix;
	}

	private TestEnforcer enroll(String name) {
		String token = this.api.post(this.tenant, "/enrollmenttokens", json("tags", List.of("role=" + name)))
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
		return new TestEnforcer().enroll(this.api, token, name);
	}

	private void register(TestEnforcer enforcer, String name, String tag) {
		enforcer.client(this.api, caFile())
			.put(null, "/enforcers/" + enforcer.id() + "/processingunits",
					"[" + json("name", name, "addresses", List.of(Addresses.ipv4()), "associatedTags", List.of(tag))
							+ "]")
			.expectStatus(200);
	}

	private String network(String name, List<String> entries, List<String> servicePorts) {
		return this.api
			.post(this.tenant, "/externalnetworks",
					json("name", name, "entries", entries, "servicePorts", servicePorts, "associatedTags",
							List.of("ext:name=" + name)))
			.expectStatus(201)
			.id();
	}

	private void policy(String name, Object... fields) {
		Object[] all = new Object[fields.length + 2];
		all[0] = "name";
		all[1] = name;
		System.arraycopy(fields, 0, all, 2, fields.length);
		this.api.post(this.tenant, "/networkaccesspolicies", json(all)).expectStatus(201);
	}

}
