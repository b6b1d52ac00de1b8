package io.mseg.cli.command;

import java.nio.charset.StandardCharsets;

import io.mseg.cli.CliException;
import io.mseg.cli.output.Documents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplyCommandTests {

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void jsonIsToldFromYamlByItsFirstCharacter() {
		assertThat(ApplyCommand.looksLikeJson(bytes("  {\"data\": {}}"))).isTrue();
		assertThat(ApplyCommand.looksLikeJson(bytes("\uFEFF{}"))).isTrue();
		assertThat(ApplyCommand.looksLikeJson(bytes("data:\n  namespaces: []\n"))).isFalse();
	}

	@Test
	void singleObjectsListsAndYamlStreamsBecomeOneImportDocument() {
		String stream = """
				name: a
				subject: [["x=y"]]
				---
				- name: b
				- name: c
				---
				""";
		JsonNode document = ApplyCommand.wrap(Kind.NETWORKACCESSPOLICIES, ApplyCommand.objects(bytes(stream)));
		assertThat(document.path("data").path("networkaccesspolicies").findValuesAsString("name")).containsExactly("a",
				"b", "c");
		assertThat(document.has("label")).isFalse();
		assertThat(ApplyCommand.objects(bytes("{\"name\": \"a\"}"))).hasSize(1);
	}

	@Test
	void aFileWithoutObjectsIsAUsageError() {
		assertThatThrownBy(() -> ApplyCommand.objects(bytes("- 1\n- 2\n"))).isInstanceOf(CliException.class)
			.hasMessageContaining("must hold objects");
		assertThatThrownBy(() -> ApplyCommand.objects(bytes(""))).hasMessageContaining("no object");
	}

	@Test
	void theSummaryListsEachChangeAndCountsThem() {
		JsonNode result = Documents.JSON.readTree("""
				{"dryRun": false, "unchanged": 3,
				 "created": [{"kind": "networkaccesspolicy", "namespace": "/acme", "name": "allow web"}],
				 "updated": [{"kind": "externalnetwork", "namespace": "/", "name": "internet"}],
				 "deleted": []}""");
		assertThat(ApplyCommand.summary(result, "/acme", false).lines()).containsExactly(
				"CHANGE    KIND                  NAMESPACE   NAME",
				"created   networkaccesspolicy   /acme       allow web",
				"updated   externalnetwork       /           internet",
				"Applied to /acme: 1 created, 1 updated, 0 deleted, 3 unchanged.");
	}

	@Test
	void aDryRunSaysNothingWasWritten() {
		JsonNode result = Documents.JSON.readTree("""
				{"dryRun": true, "unchanged": 0, "updated": [], "deleted": [],
				 "created": [{"kind": "namespace", "namespace": "/acme", "name": "/acme/prod"}]}""");
		assertThat(ApplyCommand.summary(result, "/acme", true).lines()).containsExactly(
				"WOULD BE   KIND        NAMESPACE   NAME", "created    namespace   /acme       /acme/prod",
				"Dry run in /acme, nothing written: 1 created, 0 updated, 0 deleted, 0 unchanged.");
	}

	@Test
	void applyingWhatIsThereSaysNothingChanged() {
		JsonNode result = Documents.JSON
			.readTree("{\"unchanged\": 4, \"created\": [], \"updated\": [], \"deleted\": []}");
		assertThat(ApplyCommand.summary(result, "/", false))
			.isEqualTo("Applied to /: nothing changed (4 unchanged)." + System.lineSeparator());
	}

}
