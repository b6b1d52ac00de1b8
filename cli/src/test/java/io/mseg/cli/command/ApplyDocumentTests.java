package io.mseg.cli.command;

import java.nio.charset.StandardCharsets;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplyDocumentTests {

	private static final String POLICY = """
			name: allow web
			subject: [["app=a"]]
			object: [["app=web"]]
			""";

	private static JsonNode apply(String content) {
		return ApplyDocument.of(content.getBytes(StandardCharsets.UTF_8), null);
	}

	private static JsonNode apply(String content, Kind kind) {
		return ApplyDocument.of(content.getBytes(StandardCharsets.UTF_8), kind);
	}

	private static AbstractThrowableAssert<?, ?> assertRefused(String content) {
		return assertRefused(content, null);
	}

	private static AbstractThrowableAssert<?, ?> assertRefused(String content, Kind kind) {
		return assertThatThrownBy(() -> apply(content, kind)).isInstanceOf(CliException.class)
			.hasFieldOrPropertyWithValue("exitCode", ExitCodes.USAGE);
	}

	@Test
	void yamlTagsAreRefusedBeforeAnythingIsSent() {
		assertRefused(POLICY + "ports: !!set {tcp/22}\n").hasMessageContaining("'!!set' (line 4)");
		assertRefused("name: !custom allow web\nsubject: [[\"app=a\"]]\n").hasMessageContaining("'!custom'");
		assertRefused(POLICY + "description: !!binary aGVsbG8=\n").hasMessageContaining("does not accept tags");
	}

	@Test
	void jsonIsToldFromYamlByItsFirstCharacter() {
		assertThat(ApplyDocument.looksLikeJson("  {\"data\": {}}".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(ApplyDocument.looksLikeJson("\uFEFF[]".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(ApplyDocument.looksLikeJson("data:\n".getBytes(StandardCharsets.UTF_8))).isFalse();
	}

	@Test
	void anImportDocumentIsSentAsItIs() {
		JsonNode document = apply("""
				label: git
				data:
				  namespaces: [{name: prod}]
				  networkaccesspolicies: []
				""");
		assertThat(document.path("label").asString()).isEqualTo("git");
		assertThat(document.path("data").path("namespaces").get(0).path("name").asString()).isEqualTo("prod");
	}

	@Test
	void aJsonImportDocumentIsReadToo() {
		assertThat(apply("{\"data\": {\"namespaces\": [{\"name\": \"prod\"}]}}").path("data").has("namespaces"))
			.isTrue();
	}

	@Test
	void aSingleObjectIsWrappedAsTheKindItsFieldsTellWithoutALabel() {
		JsonNode document = apply(POLICY);
		assertThat(document.has("label")).isFalse();
		assertThat(document.path("data").propertyNames()).containsExactly("networkaccesspolicies");
		assertThat(document.path("data").path("networkaccesspolicies").get(0).path("name").asString())
			.isEqualTo("allow web");
	}

	@Test
	void aListOrAStreamMayHoldObjectsOfSeveralKinds() {
		JsonNode document = apply(POLICY + """
				---
				- name: internet
				  entries: ["0.0.0.0/0"]
				- name: web-1
				  addresses: ["10.0.0.1"]
				---
				name: db-1
				type: Docker
				---
				""");
		assertThat(document.path("data").propertyNames()).containsExactly("externalnetworks", "networkaccesspolicies",
				"processingunits");
		assertThat(document.path("data").path("processingunits").findValuesAsString("name")).containsExactly("web-1",
				"db-1");
	}

	@Test
	void aStreamThatStartsWithAListKeepsTheDocumentsAfterIt() {
		JsonNode document = apply("- name: prod\n---\nname: test\n", Kind.NAMESPACES);
		assertThat(document.path("data").path("namespaces").findValuesAsString("name")).containsExactly("prod", "test");
	}

	@Test
	void withKindEveryObjectIsOfThatKind() {
		JsonNode document = apply("name: prod\n---\n- name: test\n", Kind.NAMESPACES);
		assertThat(document.path("data").path("namespaces").findValuesAsString("name")).containsExactly("prod", "test");
	}

	@Test
	void anObjectWhoseFieldsDoNotTellItsKindIsRefusedWithAHint() {
		assertRefused("name: prod\n").hasMessageContaining("its keys: name")
			.hasMessageContaining("hint: an import document has data (and label); networkaccesspolicies have "
					+ "subject or object, externalnetworks have entries or servicePorts, processingunits have addresses or type")
			.hasMessageContaining("give --kind");
	}

	@Test
	void aMisspelledDataKeyIsRefusedByName() {
		assertRefused("daat:\n  namespaces: [{name: prod}]\n").hasMessageContaining("its keys: daat")
			.hasMessageContaining("hint: 'daat': did you mean 'data'?");
	}

	@Test
	void anUnknownTopLevelKeyOfAnImportDocumentIsRefusedByName() {
		assertRefused("lable: git\ndata:\n  namespaces: [{name: prod}]\n")
			.hasMessageStartingWith("unknown key 'lable' in the file")
			.hasMessageContaining("hint: did you mean 'label'?");
		assertRefused("data:\n  namespaces: [{name: prod}]\nnetworkaccesspolicies: []\n")
			.hasMessageContaining("unknown key 'networkaccesspolicies'")
			.hasMessageContaining("hint: put networkaccesspolicies under data:");
	}

	@Test
	void anUnknownKeyUnderDataIsRefusedByName() {
		assertRefused("data:\n  pods: [{name: web}]\n").hasMessageStartingWith("unknown key 'data.pods' in the file")
			.hasMessageContaining("the kinds are namespaces, externalnetworks, networkaccesspolicies, processingunits");
		assertRefused("data:\n  netpol: []\n").hasMessageContaining("hint: write data.networkaccesspolicies");
		assertRefused("data:\n  enforcers: []\n").hasMessageContaining("unknown key 'data.enforcers'");
	}

	@Test
	void anEmptyFileIsRefused() {
		assertRefused("").hasMessage("the file is empty: nothing to apply");
		assertRefused("# nothing yet\n---\n").hasMessage("the file is empty: nothing to apply");
		assertRefused("{}").hasMessageContaining("empty mapping");
		assertRefused("[]", Kind.NAMESPACES).hasMessage("the file holds empty lists only: nothing to apply");
		assertRefused("# none yet\n---\n[]\n").hasMessage("the file holds empty lists only: nothing to apply");
	}

	@Test
	void anImportDocumentWithoutObjectsIsRefusedUnlessItsLabelDeletes() {
		assertRefused("data: {}\n").hasMessageContaining("holds no objects and no label: nothing to apply");
		assertRefused("data:\n  namespaces: []\n").hasMessageContaining("nothing to apply");
		assertRefused("label: git\n").hasMessageContaining("has no 'data'");
		assertThat(apply("label: git\ndata: {}\n").path("label").asString()).isEqualTo("git");
	}

	@Test
	void whatIsNotAMappingIsRefused() {
		assertRefused("just text\n").hasMessageContaining("the file is a string, not an import document or an object");
		assertRefused("- 1\n- 2\n").hasMessageContaining("item 1 of the file is a number");
		assertRefused("data:\n  namespaces: prod\n")
			.hasMessageContaining("'data.namespaces' in the file is not a list");
		assertRefused("data:\n  namespaces: [prod]\n")
			.hasMessageContaining("'data.namespaces[0]' in the file is not an object");
	}

	@Test
	void anObjectWithFieldsOfTwoKindsIsRefused() {
		assertRefused("name: x\nsubject: [[a=b]]\nentries: [0.0.0.0/0]\n").hasMessageContaining(
				"has fields of networkaccesspolicies (subject) and externalnetworks (entries): give its kind with --kind");
	}

	@Test
	void kindDoesNotTurnAnImportDocumentOrAnotherKindsObjectIntoItsKind() {
		assertRefused("data:\n  namespaces: [{name: prod}]\n", Kind.NETWORKACCESSPOLICIES)
			.hasMessageContaining("the file is an import document (it has data)")
			.hasMessageContaining("apply it without --kind");
		assertRefused(POLICY, Kind.EXTERNALNETWORKS).hasMessageContaining(
				"has fields of networkaccesspolicies (subject, object), but --kind says externalnetworks");
	}

	@Test
	void importDocumentsAndObjectsAreNotMixed() {
		assertRefused("data:\n  namespaces: [{name: prod}]\n---\n" + POLICY)
			.hasMessageContaining("apply one import document at a time");
	}

	@Test
	void aKeyGivenTwiceIsRefused() {
		assertRefused("data:\n  namespaces: [{name: a}]\ndata:\n  namespaces: [{name: b}]\n")
			.hasMessageContaining("not valid YAML")
			.hasMessageContaining("data");
	}

	@Test
	void invalidYamlIsRefusedWithItsLine() {
		assertRefused("data:\n  namespaces: [\n").hasMessageContaining("not valid YAML (line");
	}

}
