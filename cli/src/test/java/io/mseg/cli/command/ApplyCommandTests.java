package io.mseg.cli.command;

import io.mseg.cli.output.Documents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyCommandTests {

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
