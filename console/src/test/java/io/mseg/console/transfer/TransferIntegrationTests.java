package io.mseg.console.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.errorFields;
import static io.mseg.console.support.Nodes.field;
import static io.mseg.console.support.Nodes.names;
import static io.mseg.console.support.Nodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

class TransferIntegrationTests extends ConsoleIntegrationTest {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final List<String> KINDS = List.of("externalnetworks", "networkaccesspolicies", "processingunits");

	@Test
	void exportsTheOriginalFormatWithNamespacesRelativeToTheRequest() {
		String prod = childNamespace(this.tenant, "prod");
		String web = childNamespace(prod, "web");
		network(this.tenant, "internet", "0.0.0.0/0");
		policy(prod, "web-to-db", "tcp/5432");
		this.api.post(web, "/processingunits", json("name", "web-1", "associatedTags", List.of("app=web")))
			.expectStatus(201);

		JsonNode exported = export(this.tenant, "{}");

		assertThat(exported.get("label").asString()).isEqualTo(this.tenant);
		JsonNode data = exported.get("data");
		assertThat(data.propertyNames()).containsExactlyInAnyOrder("namespaces", "externalnetworks",
				"networkaccesspolicies", "processingunits");
		assertThat(names(data.get("namespaces"))).containsExactly("prod", "prod/web");
		assertThat(names(data.get("externalnetworks"))).containsExactly("internet");
		assertThat(data.get("externalnetworks").get(0).has("namespace")).isFalse();
		assertThat(data.get("networkaccesspolicies").get(0).get("namespace").asString()).isEqualTo("prod");
		assertThat(data.get("processingunits").get(0).get("namespace").asString()).isEqualTo("prod/web");
	}

	@Test
	void exportLeavesOutTheFieldsTheServerSets() {
		network(this.tenant, "internet", "0.0.0.0/0");
		childNamespace(this.tenant, "prod");
		JsonNode data = export(this.tenant, "{}").get("data");
		for (JsonNode object : List.of(data.get("externalnetworks").get(0), data.get("namespaces").get(0))) {
			assertThat(object.has("ID")).isFalse();
			assertThat(object.has("createTime")).isFalse();
			assertThat(object.has("updateTime")).isFalse();
			assertThat(object.has("normalizedTags")).isFalse();
		}
	}

	@Test
	void exportCarriesTheLabelAskedFor() {
		assertThat(export(this.tenant, json("label", "git-main")).get("label").asString()).isEqualTo("git-main");
	}

	@Test
	void exportWorksWithoutABody() {
		network(this.tenant, "internet", "0.0.0.0/0");
		Response exported = this.api.send("POST", this.tenant, "/export", null, Map.of()).expectStatus(200);
		assertThat(names(exported.json().get("data").get("externalnetworks"))).containsExactly("internet");
	}

	@Test
	void exportAnswersYamlWhenAskedTo() throws Exception {
		network(this.tenant, "internet", "0.0.0.0/0");
		Response exported = this.api
			.send("POST", this.tenant, "/export", "{}",
					Map.of("Content-Type", "application/json", "Accept", "application/yaml"))
			.expectStatus(200);
		assertThat(exported.header("Content-Type")).startsWith("application/yaml");
		JsonNode document = YAML.readTree(exported.body());
		assertThat(names(document.get("data").get("externalnetworks"))).containsExactly("internet");
	}

	@Test
	void importingAnExportIntoAnotherNamespaceRecreatesEverything() {
		sampleTree(this.tenant, false);
		String copy = freshNamespace();

		JsonNode result = importDocument(copy, export(this.tenant, "{}").toString(), "").expectStatus(200).json();

		assertThat(result.get("dryRun").asBoolean()).isFalse();
		assertThat(result.get("created")).hasSize(6);
		assertThat(names(this.api.get(copy, "/namespaces?recursive=true"))).containsExactly(copy + "/prod",
				copy + "/prod/web");
		JsonNode network = this.api.get(copy, "/externalnetworks").json().get(0);
		assertThat(strings(network.get("entries"))).containsExactly("0.0.0.0/0", "!10.0.0.0/8");
		assertThat(strings(network.get("associatedTags"))).containsExactly("ext:name=internet");
		JsonNode policy = this.api.get(copy + "/prod", "/networkaccesspolicies").json().get(0);
		assertThat(policy.get("name").asString()).isEqualTo("internet-to-web");
		assertThat(policy.get("applyPolicyMode").asString()).isEqualTo("IncomingTraffic");
		assertThat(strings(policy.get("ports"))).containsExactly("tcp/443");
		assertThat(policy.get("subject").toString()).isEqualTo("[[\"ext:name=internet\"]]");
		assertThat(policy.get("propagate").asBoolean()).isTrue();
		assertThat(names(this.api.get(copy + "/prod", "/networkaccesspolicies"))).containsExactly("internet-to-web",
				"reject-telnet");
		JsonNode pu = this.api.get(copy + "/prod/web", "/processingunits").json().get(0);
		assertThat(pu.get("name").asString()).isEqualTo("web-1");
		assertThat(strings(pu.get("normalizedTags"))).contains("app=web", "$namespace=" + copy + "/prod/web");
	}

	@Test
	void reimportingTheSameDocumentChangesNothingAndWritesNoAuditRecord() {
		sampleTree(this.tenant, true);
		String document = export(this.tenant, "{}").toString();
		String auditTotal = auditTotal(this.tenant);

		JsonNode result = importDocument(this.tenant, document, "").expectStatus(200).json();

		assertThat(result.get("created")).isEmpty();
		assertThat(result.get("updated")).isEmpty();
		assertThat(result.get("deleted")).isEmpty();
		assertThat(result.get("unchanged").asInt()).isEqualTo(6);
		assertThat(auditTotal(this.tenant)).isEqualTo(auditTotal);
	}

	@Test
	void reimportingTheSameDocumentLeavesEveryObjectsVersionAlone() {
		sampleTree(this.tenant, true);
		String document = export(this.tenant, "{}").toString();
		Map<String, String> etags = etags(this.tenant);

		importDocument(this.tenant, document, "").expectStatus(200);

		assertThat(etags(this.tenant)).isEqualTo(etags);
	}

	@Test
	void aLargeImportWritesEveryObjectAndReimportingItChangesNothing() {
		List<Map<String, Object>> units = new ArrayList<>();
		List<Map<String, Object>> policies = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			units.add(Map.of("name", "unit-" + i, "addresses", List.of(Addresses.ipv4())));
			policies.add(policyBody("policy-" + i, null, "tcp/" + (1000 + i)));
		}
		String document = json("data", Map.of("processingunits", units, "networkaccesspolicies", policies));

		JsonNode first = importDocument(this.tenant, document, "").expectStatus(200).json();
		JsonNode again = importDocument(this.tenant, document, "").expectStatus(200).json();

		assertThat(first.get("created")).hasSize(200);
		assertThat(again.get("created")).isEmpty();
		assertThat(again.get("updated")).isEmpty();
		assertThat(again.get("unchanged").asInt()).isEqualTo(200);
		assertThat(this.api.get(this.tenant, "/processingunits?pagesize=1000").json()).hasSize(100);
	}

	@Test
	void reimportingAHandWrittenDocumentChangesNothing() {
		String document = json("data", Map.of("processingunits",
				List.of(Map.of("name", "web-1", "addresses", List.of(Addresses.ipv6(), Addresses.ipv4())))));
		importDocument(this.tenant, document, "").expectStatus(200);

		JsonNode again = importDocument(this.tenant, document, "").expectStatus(200).json();

		assertThat(again.get("updated")).isEmpty();
		assertThat(again.get("unchanged").asInt()).isEqualTo(1);
	}

	@Test
	void aDryRunReportsWhatWouldBeCreatedAndWritesNothing() {
		sampleTree(this.tenant, false);
		String document = export(this.tenant, "{}").toString();
		String copy = freshNamespace();

		JsonNode result = importDocument(copy, document, "?dryRun=true").expectStatus(200).json();

		assertThat(result.get("dryRun").asBoolean()).isTrue();
		assertThat(changes(result.get("created"))).containsExactlyInAnyOrder("namespace " + copy + "/prod",
				"namespace " + copy + "/prod/web", "externalnetwork " + copy + " internet",
				"networkaccesspolicy " + copy + "/prod internet-to-web",
				"networkaccesspolicy " + copy + "/prod reject-telnet", "processingunit " + copy + "/prod/web web-1");
		assertNothingIn(copy);
	}

	@Test
	void aDryRunReportsWhatWouldBeUpdatedOrDeletedAndChangesNothing() {
		policy(this.tenant, "kept", "tcp/80");
		policy(this.tenant, "changed", "tcp/80");
		policy(this.tenant, "dropped", "tcp/80");
		JsonNode document = export(this.tenant, json("label", "git")).deepCopy();
		importDocument(this.tenant, document.toString(), "").expectStatus(200);
		List<JsonNode> policies = new ArrayList<>();
		for (JsonNode policy : document.get("data").get("networkaccesspolicies")) {
			if (policy.get("name").asString().equals("changed")) {
				policies.add(((ObjectNode) policy.deepCopy()).put("description", "v2"));
			}
			else if (!policy.get("name").asString().equals("dropped")) {
				policies.add(policy);
			}
		}
		((ObjectNode) document.get("data")).putArray("networkaccesspolicies").addAll(policies);
		String auditTotal = auditTotal(this.tenant);

		JsonNode result = importDocument(this.tenant, document.toString(), "?dryRun=true").expectStatus(200).json();

		assertThat(changes(result.get("updated"))).containsExactly("networkaccesspolicy " + this.tenant + " changed");
		assertThat(changes(result.get("deleted"))).containsExactly("networkaccesspolicy " + this.tenant + " dropped");
		assertThat(result.get("unchanged").asInt()).isEqualTo(1);
		assertThat(names(this.api.get(this.tenant, "/networkaccesspolicies"))).containsExactly("changed", "dropped",
				"kept");
		assertThat(field(this.api.get(this.tenant, "/networkaccesspolicies").json(), "description")).containsOnly("");
		assertThat(auditTotal(this.tenant)).isEqualTo(auditTotal);
	}

	@Test
	void anInvalidObjectAnywhereRefusesTheWholeDocumentNamingItsPath() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("namespaces", List.of(Map.of("name", "prod")));
		data.put("externalnetworks", List.of(Map.of("name", "internet", "entries", List.of("0.0.0.0/0"))));
		data.put("networkaccesspolicies", List.of(policyBody("p0", "prod", "tcp/80"),
				policyBody("p1", "prod", "tcp/81"), policyBody("p2", "prod", "tcp/99999")));
		data.put("processingunits", List.of(Map.of("name", "web-1", "namespace", "prod")));

		importDocument(this.tenant, json("data", data), "").expectProblem(422,
				"data.networkaccesspolicies[2].ports[0]");

		assertNothingIn(this.tenant);
	}

	@Test
	void aRefusedImportListsEveryProblem() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("externalnetworks", List.of(Map.of("name", "bad", "entries", List.of("googleapis.*"))));
		data.put("networkaccesspolicies", List.of(policyBody("ok", null, "tcp/80"), policyBody("bad", null, "foo")));
		Response problem = importDocument(this.tenant, json("data", data), "").expectProblem(422);
		assertThat(errorFields(problem)).containsExactlyInAnyOrder("data.externalnetworks[0].entries[0]",
				"data.networkaccesspolicies[1].ports[0]");
		assertNothingIn(this.tenant);
	}

	@Test
	void anAddressTakenByAnotherTenantsProcessingUnitRefusesTheImport() {
		String address = Addresses.ipv4();
		String other = freshNamespace();
		this.api.post(other, "/processingunits", json("name", "owner", "addresses", List.of(address)))
			.expectStatus(201);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("namespaces", List.of(Map.of("name", "prod")));
		data.put("processingunits",
				List.of(Map.of("name", "web-1", "namespace", "prod", "addresses", List.of(address))));

		Response problem = importDocument(this.tenant, json("data", data), "").expectProblem(422);

		assertThat(errorFields(problem)).containsExactly("data.processingunits[0]");
		assertThat(problem.body()).doesNotContain("owner").doesNotContain(other);
		assertNothingIn(this.tenant);
	}

	@Test
	void importsAYamlDocument() {
		String yaml = """
				label: from-git
				data:
				  namespaces:
				  - name: prod
				  externalnetworks:
				  - name: internet
				    entries: ['0.0.0.0/0']
				    associatedTags: ['ext:name=internet']
				  networkaccesspolicies:
				  - name: Allow internet to front end
				    namespace: prod
				    action: Allow
				    applyPolicyMode: IncomingTraffic
				    logsEnabled: true
				    subject:
				    - - 'ext:name=internet'
				    object:
				    - - 'app=frontend'
				""";
		Response result = this.api.send("POST", this.tenant, "/import", yaml,
				Map.of("Content-Type", "application/yaml", "Accept", "application/json"));
		assertThat(result.expectStatus(200).json().get("created")).hasSize(3);
		JsonNode policy = this.api.get(this.tenant + "/prod", "/networkaccesspolicies").json().get(0);
		assertThat(policy.get("name").asString()).isEqualTo("Allow internet to front end");
		assertThat(policy.get("object").toString()).isEqualTo("[[\"app=frontend\"]]");
	}

	@Test
	void withALabelAnObjectLeftOutOfTheDocumentIsDeleted() {
		String kept = json("label", "git", "data", Map.of("networkaccesspolicies",
				List.of(policyBody("a", null, "tcp/80"), policyBody("b", null, "tcp/81"))));
		importDocument(this.tenant, kept, "").expectStatus(200);
		String withoutB = json("label", "git", "data",
				Map.of("networkaccesspolicies", List.of(policyBody("a", null, "tcp/80"))));

		JsonNode result = importDocument(this.tenant, withoutB, "").expectStatus(200).json();

		assertThat(changes(result.get("deleted"))).containsExactly("networkaccesspolicy " + this.tenant + " b");
		assertThat(names(this.api.get(this.tenant, "/networkaccesspolicies"))).containsExactly("a");
	}

	@Test
	void withALabelAProcessingUnitMovesToAnotherNamespaceWithItsAddress() {
		String address = Addresses.ipv4();
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("namespaces", List.of(Map.of("name", "blue"), Map.of("name", "green")));
		before.put("processingunits",
				List.of(Map.of("name", "web-1", "namespace", "blue", "addresses", List.of(address))));
		importDocument(this.tenant, json("label", "git", "data", before), "").expectStatus(200);
		Map<String, Object> after = new LinkedHashMap<>(before);
		after.put("processingunits",
				List.of(Map.of("name", "web-1", "namespace", "green", "addresses", List.of(address))));

		JsonNode result = importDocument(this.tenant, json("label", "git", "data", after), "").expectStatus(200).json();

		assertThat(changes(result.get("created"))).containsExactly("processingunit " + this.tenant + "/green web-1");
		assertThat(changes(result.get("deleted"))).containsExactly("processingunit " + this.tenant + "/blue web-1");
		assertThat(this.api.get(this.tenant + "/blue", "/processingunits").json()).isEmpty();
		JsonNode moved = this.api.get(this.tenant + "/green", "/processingunits").json().get(0);
		assertThat(strings(moved.get("addresses"))).containsExactly(address);
	}

	@Test
	void withALabelOnlyObjectsCarryingThatLabelAreDeleted() {
		policy(this.tenant, "manual", "tcp/22");
		importDocument(this.tenant,
				json("label", "team-b", "data",
						Map.of("networkaccesspolicies", List.of(policyBody("b", null, "tcp/81")))),
				"")
			.expectStatus(200);
		String empty = json("label", "team-a", "data", Map.of("networkaccesspolicies", List.of()));

		JsonNode result = importDocument(this.tenant, empty, "").expectStatus(200).json();

		assertThat(result.get("deleted")).isEmpty();
		assertThat(names(this.api.get(this.tenant, "/networkaccesspolicies"))).containsExactly("b", "manual");
	}

	@Test
	void withoutALabelNothingIsDeleted() {
		policy(this.tenant, "manual", "tcp/22");
		JsonNode result = importDocument(this.tenant,
				json("data", Map.of("networkaccesspolicies", List.of(policyBody("new", null, "tcp/80")))), "")
			.expectStatus(200)
			.json();
		assertThat(result.get("deleted")).isEmpty();
		assertThat(names(this.api.get(this.tenant, "/networkaccesspolicies"))).containsExactly("manual", "new");
	}

	@Test
	void anUnknownKindIsRefused() {
		importDocument(this.tenant,
				json("data",
						Map.of("policies", List.of(Map.of("name", "p")), "externalnetworks",
								List.of(Map.of("name", "internet", "entries", List.of("0.0.0.0/0"))))),
				"")
			.expectProblem(422, "data.policies");
		assertNothingIn(this.tenant);
	}

	@Test
	void anUnknownFieldOrWrongTypeInAnObjectIsRefusedWithItsPath() {
		importDocument(this.tenant,
				json("data", Map.of("processingunits", List.of(Map.of("name", "a", "adresses", List.of("10.0.0.1"))))),
				"")
			.expectProblem(422, "data.processingunits[0].adresses");
		importDocument(this.tenant,
				json("data",
						Map.of("networkaccesspolicies",
								List.of(Map.of("name", "p", "subject", "app=web", "object", List.of(List.of("a=b")))))),
				"")
			.expectProblem(422, "data.networkaccesspolicies[0].subject");
		assertNothingIn(this.tenant);
	}

	@Test
	void anObjectOutsideTheImportedNamespaceIsRefused() {
		String other = freshNamespace();
		importDocument(this.tenant,
				json("data", Map.of("networkaccesspolicies", List.of(policyBody("p", other, "tcp/80")))), "")
			.expectProblem(422, "data.networkaccesspolicies[0].namespace");
		importDocument(this.tenant,
				json("data", Map.of("networkaccesspolicies", List.of(policyBody("p", "../escape", "tcp/80")))), "")
			.expectProblem(422, "data.networkaccesspolicies[0].namespace");
		assertThat(this.api.get(other, "/networkaccesspolicies").json()).isEmpty();
		assertNothingIn(this.tenant);
	}

	@Test
	void anObjectInAMissingNamespaceIsRefused() {
		importDocument(this.tenant,
				json("data", Map.of("networkaccesspolicies", List.of(policyBody("p", "nowhere", "tcp/80")))), "")
			.expectProblem(422, "data.networkaccesspolicies[0].namespace");
		assertNothingIn(this.tenant);
	}

	@Test
	void anEntryThatIsNotAnObjectIsRefusedWithItsPath() {
		importDocument(this.tenant, "{\"data\": {\"networkaccesspolicies\": [null]}}", "").expectProblem(422,
				"data.networkaccesspolicies[0]");
		importDocument(this.tenant, "{\"data\": {\"externalnetworks\": [42]}}", "").expectProblem(422,
				"data.externalnetworks[0]");
		importDocument(this.tenant, "{\"data\": {\"processingunits\": \"web-1\"}}", "").expectProblem(422,
				"data.processingunits");
		assertNothingIn(this.tenant);
	}

	@Test
	void aNamespaceEntryNeedsAStringName() {
		importDocument(this.tenant, json("data", Map.of("namespaces", List.of(Map.of("name", 5)))), "")
			.expectProblem(422, "data.namespaces[0].name");
		importDocument(this.tenant, json("data", Map.of("namespaces", List.of(Map.of("description", "x")))), "")
			.expectProblem(422, "data.namespaces[0].name");
		assertNothingIn(this.tenant);
	}

	@Test
	void aBlankLabelIsRefused() {
		importDocument(this.tenant, json("label", " ", "data", Map.of()), "").expectProblem(422, "label");
		this.api.post(this.tenant, "/export", json("label", "")).expectProblem(422, "label");
	}

	@Test
	void anObjectListedTwiceIsRefused() {
		importDocument(this.tenant,
				json("data",
						Map.of("networkaccesspolicies",
								List.of(policyBody("p", null, "tcp/80"), policyBody("p", null, "tcp/81")))),
				"")
			.expectProblem(422, "data.networkaccesspolicies[1].name");
		assertNothingIn(this.tenant);
	}

	@Test
	void anUnparseableDocumentIs400() {
		importDocument(this.tenant, "{\"data\": ", "").expectProblem(400);
		assertNothingIn(this.tenant);
	}

	/**
	 * Namespaces prod and prod/web; an "internet" network (0.0.0.0/0 but 10/8); two
	 * policies in prod; a PU in prod/web, with an address when asked.
	 */
	private void sampleTree(String root, boolean withAddresses) {
		String prod = childNamespace(root, "prod");
		String web = childNamespace(prod, "web");
		this.api
			.post(root, "/externalnetworks",
					json("name", "internet", "entries", List.of("0.0.0.0/0", "!10.0.0.0/8"), "associatedTags",
							List.of("ext:name=internet")))
			.expectStatus(201);
		this.api
			.post(prod, "/networkaccesspolicies",
					json("name", "internet-to-web", "applyPolicyMode", "IncomingTraffic", "propagate", true, "subject",
							List.of(List.of("ext:name=internet")), "object", List.of(List.of("app=web")), "ports",
							List.of("tcp/443")))
			.expectStatus(201);
		this.api
			.post(prod, "/networkaccesspolicies",
					json("name", "reject-telnet", "action", "Reject", "expirationTime", "2100-01-01T00:00:00Z",
							"subject", List.of(List.of("$identity=processingunit")), "object",
							List.of(List.of("$identity=processingunit")), "ports", List.of("TCP/23")))
			.expectStatus(201);
		List<String> addresses = withAddresses ? List.of(Addresses.ipv4(), Addresses.ipv6()) : List.of();
		this.api
			.post(web, "/processingunits",
					json("name", "web-1", "type", "Docker", "associatedTags", List.of("app=web"), "addresses",
							addresses))
			.expectStatus(201);
	}

	private JsonNode export(String namespace, String body) {
		return this.api.post(namespace, "/export", body).expectStatus(200).json();
	}

	private Response importDocument(String namespace, String document, String query) {
		return this.api.post(namespace, "/import" + query, document);
	}

	private void network(String namespace, String name, String entry) {
		this.api.post(namespace, "/externalnetworks", json("name", name, "entries", List.of(entry))).expectStatus(201);
	}

	private void policy(String namespace, String name, String port) {
		this.api.post(namespace, "/networkaccesspolicies", jsonOf(policyBody(name, null, port))).expectStatus(201);
	}

	private static Map<String, Object> policyBody(String name, String namespace, String port) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		if (namespace != null) {
			body.put("namespace", namespace);
		}
		body.put("subject", List.of(List.of("app=a")));
		body.put("object", List.of(List.of("app=b")));
		body.put("ports", List.of(port));
		return body;
	}

	private static String jsonOf(Map<String, Object> map) {
		return json(map.entrySet()
			.stream()
			.flatMap((entry) -> java.util.stream.Stream.of(entry.getKey(), entry.getValue()))
			.toArray());
	}

	private static List<String> changes(JsonNode list) {
		return list.valueStream()
			.map((change) -> change.get("kind").asString() + " " + change.get("namespace").asString()
					+ (change.get("kind").asString().equals("namespace") ? "" : " " + change.get("name").asString()))
			.toList();
	}

	private String auditTotal(String namespace) {
		return this.api.get(namespace, "/auditrecords?recursive=true").expectStatus(200).header("X-Count-Total");
	}

	/** The ETag of every object of the subtree, by ID. */
	private Map<String, String> etags(String namespace) {
		Map<String, String> etags = new LinkedHashMap<>();
		for (String kind : KINDS) {
			for (JsonNode object : this.api.get(namespace, "/" + kind + "?recursive=true").json()) {
				String id = object.get("ID").asString();
				etags.put(id, this.api.get(namespace, "/" + kind + "/" + id).header("ETag"));
			}
		}
		for (JsonNode ns : this.api.get(namespace, "/namespaces?recursive=true").json()) {
			String id = ns.get("ID").asString();
			etags.put(id, this.api.get(namespace, "/namespaces/" + id).header("ETag"));
		}
		return etags;
	}

	private void assertNothingIn(String namespace) {
		assertThat(this.api.get(namespace, "/namespaces?recursive=true").json()).as("namespaces").isEmpty();
		for (String kind : KINDS) {
			assertThat(this.api.get(namespace, "/" + kind + "?recursive=true").json()).as(kind).isEmpty();
		}
		assertThat(this.api.get(namespace, "/auditrecords?recursive=true").json()).as("audit records").isEmpty();
	}

	private String freshNamespace() {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.post("/", "/namespaces", json("name", name)).expectStatus(201);
		return "/" + name;
	}

}
