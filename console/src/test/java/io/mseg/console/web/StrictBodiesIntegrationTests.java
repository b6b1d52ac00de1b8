package io.mseg.console.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;

import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * YAML and JSON bodies are read alike and strictly: a misspelled or unknown field at any
 * depth, a key given twice, a value of another type, a NUL character, half a surrogate
 * pair or bytes that are not UTF-8 are refused with a problem naming the place, and
 * nothing is written.
 */
class StrictBodiesIntegrationTests extends ConsoleIntegrationTest {

	private static final Map<String, String> YAML = Map.of("Content-Type", "application/yaml", "Accept",
			"application/json");

	private static final String POLICY_YAML = """
			name: ssh
			subject: [[app=admin]]
			object: [[app=web]]
			""";

	@Test
	void aMisspelledPolicyFieldInYamlIsRefusedNotDefaulted() {
		yaml("/networkaccesspolicies", POLICY_YAML + "applyPolicyMod: IncomingTraffic\n").expectProblem(422,
				"applyPolicyMod");
		yaml("/networkaccesspolicies", POLICY_YAML + "prots: [tcp/22]\n").expectProblem(422, "prots");
		assertThat(count("/networkaccesspolicies")).isZero();
	}

	@Test
	void aMisspelledFieldOfAnExternalNetworkOrATokenInYamlIsRefused() {
		yaml("/externalnetworks", """
				name: internet
				entries: [0.0.0.0/0]
				servicePort: [tcp/443]
				""").expectProblem(422, "servicePort");
		yaml("/apitokens", """
				name: ci
				role: viewer
				expirationtime: 2030-01-01T00:00:00Z
				""").expectProblem(422, "expirationtime");
		assertThat(count("/externalnetworks")).isZero();
	}

	@Test
	void aMisspelledFieldOnReplaceIsRefusedAndTheObjectStaysAsItWas() {
		String id = yaml("/networkaccesspolicies", POLICY_YAML).expectStatus(201).id();
		this.api.send("PUT", this.tenant, "/networkaccesspolicies/" + id, POLICY_YAML + "disabeld: true\n", YAML)
			.expectProblem(422, "disabeld");
		assertThat(this.api.get(this.tenant, "/networkaccesspolicies/" + id).json().get("disabled").asBoolean())
			.isFalse();
	}

	@Test
	void unknownKeysOfAnImportDocumentInYamlAreRefusedAtEveryDepth() {
		for (String document : new String[] { "lable: x\ndata: {}\n", "daat: {}\n", "foo: 1\ndata: {}\n",
				"data:\n  networkaccesspolicies:\n    - name: p\n      subject: [[a=b]]\n      object: [[c=d]]\n      prots: [tcp/1]\n" }) {
			Response refused = this.api.send("POST", this.tenant, "/import", document, YAML);
			assertThat(refused.status()).as(document).isEqualTo(422);
			assertThat(refused.body()).as(document).containsAnyOf("lable", "daat", "foo", "prots");
		}
		assertThat(count("/networkaccesspolicies")).isZero();
	}

	@Test
	void aNumberOrABooleanWhereTextBelongsIsRefusedNotTakenAsText() {
		this.api.post(this.tenant, "/processingunits", "{\"name\": 5}").expectProblem(422, "name");
		this.api.post(this.tenant, "/processingunits", "{\"name\": \"a\", \"associatedTags\": [\"a=b\", true]}")
			.expectProblem(422, "associatedTags[1]");
		this.api
			.post(this.tenant, "/processingunits", "{\"name\": \"a\", \"annotations\": {\"owner\": [\"ops\", 1.5]}}")
			.expectProblem(422, "annotations.owner[1]");
		Response refused = yaml("/processingunits", "name: 2024\n");
		refused.expectProblem(422, "name");
		assertThat(refused.body()).contains("must be a string, not a number (quote it: \\\"2024\\\")");
		yaml("/processingunits", "name: \"2024\"\n").expectStatus(201);
		assertThat(count("/processingunits")).isEqualTo(1);
	}

	@Test
	void aKeyGivenTwiceIsRefusedInJsonAndYaml() {
		this.api.post(this.tenant, "/apitokens", "{\"name\": \"ci\", \"role\": \"viewer\", \"role\": \"admin\"}")
			.expectProblem(400);
		yaml("/apitokens", "name: ci\nrole: viewer\nrole: admin\n").expectProblem(400);
		yaml("/networkaccesspolicies", POLICY_YAML + "object: [[app=db]]\n").expectProblem(400);
		assertThat(this.api.get(this.tenant, "/apitokens").json().size()).isZero();
	}

	@Test
	void aValueOfAnotherTypeIsRefusedNotCoerced() {
		this.api.post(this.tenant, "/enrollmenttokens", "{\"maxUses\": \"5\"}").expectProblem(422, "maxUses");
		this.api.post(this.tenant, "/enrollmenttokens", "{\"maxUses\": 1.5}").expectProblem(422, "maxUses");
		yaml("/networkaccesspolicies", POLICY_YAML + "disabled: \"true\"\n").expectProblem(422, "disabled");
	}

	@Test
	void aNulCharacterOrHalfASurrogatePairIsRefusedWithTheField() {
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					"{\"name\": \"a\\u0000b\", \"subject\": [[\"a=b\"]], \"object\": [[\"c=d\"]]}")
			.expectProblem(422, "name");
		this.api.post(this.tenant, "/networkaccesspolicies",
				"{\"name\": \"p\", \"description\": \"\\ud800\", \"subject\": [[\"a=b\"]], \"object\": [[\"c=d\"]]}")
			.expectProblem(422, "description");
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					"{\"name\": \"p\", \"subject\": [[\"a=b\\u0000\"]], \"object\": [[\"c=d\"]]}")
			.expectProblem(422);
		assertThat(count("/networkaccesspolicies")).isZero();
	}

	@Test
	void yamlTagsAreRefusedAndNothingIsWritten() {
		for (String tagged : new String[] { "description: !!binary aGVsbG8=\n", "name: !custom ssh2\n",
				"ports: !!set {tcp/22}\n", "description: !!str 5\n" }) {
			String body = tagged.startsWith("name:") ? POLICY_YAML.replace("name: ssh\n", tagged)
					: POLICY_YAML + tagged;
			assertThat(yaml("/networkaccesspolicies", body).expectProblem(400).body()).as(tagged)
				.contains("YAML tag")
				.doesNotContain("java");
		}
		assertThat(count("/networkaccesspolicies")).isZero();
	}

	@Test
	void bytesThatAreNotUtf8AreRefused() {
		byte[] overlongNul = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0x80, '"', '}' };
		byte[] loneSurrogate = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
				'"', '}' };
		for (byte[] body : new byte[][] { overlongNul, loneSurrogate }) {
			this.api
				.sendPublisher("POST", this.tenant, "/namespaces", BodyPublishers.ofByteArray(body),
						Map.of("Content-Type", "application/json"))
				.expectProblem(400);
		}
		assertThat(this.api.get(this.tenant, "/namespaces").json().size()).isZero();
	}

	private Response yaml(String path, String body) {
		return this.api.send("POST", this.tenant, path, body, YAML);
	}

	private int count(String path) {
		return this.api.get(this.tenant, path).json().size();
	}

}
