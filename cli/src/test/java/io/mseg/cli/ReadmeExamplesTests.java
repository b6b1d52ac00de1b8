package io.mseg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mseg.cli.ReadmeExamples.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** How the README examples test reads the README and compares outputs. */
class ReadmeExamplesTests {

	@TempDir
	Path dir;

	@Test
	void theStepsAreTheShellLinesOfTheSectionWithTheOutputShownUnderThem() throws Exception {
		Path readme = Files.writeString(this.dir.resolve("README.md"), """
				## Before
				```sh
				msegctl not this one
				```
				## Command-line client: msegctl
				```sh
				alias msegctl='java -jar x.jar'
				msegctl --help        # a comment
				```
				```yaml
				# acme.yaml
				data: {}
				```
				```sh
				msegctl get ns
				#  NAME    ID
				#
				#  /acme   7c1e...
				```
				## After
				```sh
				msegctl nor this one
				```
				""");
		ReadmeExamples examples = ReadmeExamples.read(readme);
		assertThat(examples.shellSteps()).extracting(Step::line)
			.containsExactly("alias msegctl='java -jar x.jar'", "msegctl --help", "msegctl get ns");
		assertThat(examples.shellSteps().get(2).expectedOutput()).containsExactly("NAME    ID", "", "/acme   7c1e...");
		assertThat(examples.yaml("acme.yaml").content()).isEqualTo("data: {}\n");
	}

	@Test
	void outputMatchesWhateverTheWidthOfItsColumnsAndTheWordsAnEllipsisStandsFor() {
		List<String> expected = List.of("ID         NAME", "c006...    allow web", "", "(ID 7c1e..., 10.1.0.5)");
		assertThat(ReadmeExamples.matches(expected, """
				ID                                     NAME
				273180f0-5243-408b-b5d8-34ed50c6d8ec   allow web

				(ID 662a85a5-5cb2-41df-b501-ec782c9835b7, 10.1.0.5)
				""")).isTrue();
	}

	@Test
	void outputWithAnotherWordOrAnotherNumberOfLinesDoesNotMatch() {
		List<String> expected = List.of("Verdict: Allow", "Applied: 1 created");
		assertThat(ReadmeExamples.matches(expected, "Verdict: Reject\nApplied: 1 created\n")).isFalse();
		assertThat(ReadmeExamples.matches(expected, "Verdict: Allow\n")).isFalse();
		assertThat(ReadmeExamples.matches(expected, "Verdict: Allow\nApplied: 1 created\nmore\n")).isFalse();
		assertThat(ReadmeExamples.matches(List.of("(ID ..., 10.1.0.5)"), "(ID 1, 10.1.0.6)\n")).isFalse();
	}

	@Test
	void aCommandLineSplitsIntoWordsAsInAShell() {
		assertThat(ReadmeSession.words("get netpol 'allow web' -n \"/acme\"")).containsExactly("get", "netpol",
				"allow web", "-n", "/acme");
	}

}
