package io.mseg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mseg.cli.ReadmeExamples.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** How the documentation's example tests read the pages and compare outputs. */
class ReadmeExamplesTests {

	@TempDir
	Path dir;

	@Test
	void theStepsAreTheShellLinesOfTheFileWithTheOutputShownUnderThem() throws Exception {
		Path page = Files.writeString(this.dir.resolve("cli.md"), """
				# msegctl
				```sh
				alias msegctl='java -jar x.jar'
				msegctl --help        # a comment
				```
				## Session
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
				""");
		ReadmeExamples examples = ReadmeExamples.read(page);
		assertThat(examples.shellSteps()).extracting(Step::line)
			.containsExactly("alias msegctl='java -jar x.jar'", "msegctl --help", "msegctl get ns");
		assertThat(examples.shellSteps().get(2).expectedOutput()).containsExactly("NAME    ID", "", "/acme   7c1e...");
		assertThat(examples.yaml("acme.yaml").content()).isEqualTo("data: {}\n");
	}

	@Test
	void aSectionEndsAtTheNextHeadingOfItsLevelNotAtAHeadingInsideABlock() throws Exception {
		Path readme = Files.writeString(this.dir.resolve("README.md"), """
				## Before
				```sh
				msegctl not this one
				```
				## Walkthrough
				```sh
				msegctl get ns
				## a comment, not a heading
				```
				### A step
				```sh
				msegctl get pu
				```
				## After
				```sh
				msegctl nor this one
				```
				""");
		ReadmeExamples examples = ReadmeExamples.read(readme, "## Walkthrough");
		assertThat(examples.blocks("sh")).hasSize(2);
		assertThat(examples.shellSteps()).extracting(Step::line).containsExactly("msegctl get ns", "msegctl get pu");
	}

	@Test
	void aMissingSectionOrYamlBlockIsAnError() throws Exception {
		Path readme = Files.writeString(this.dir.resolve("README.md"), "## Other\n");
		assertThatIllegalStateException().isThrownBy(() -> ReadmeExamples.read(readme, "## Walkthrough"));
		assertThatIllegalStateException().isThrownBy(() -> ReadmeExamples.read(readme).yaml("acme.yaml"));
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
	void linesShownUnderACommandAreFoundInTheOutputOfAWholeScript() {
		List<String> expected = List.of("Verdict: Allow (...)", "Traffic: tcp/8080");
		assertThat(ReadmeExamples.containsLines(expected, """
				{"verdict":"Allow"}
				Verdict:     Allow (allowed)
				Traffic:     tcp/8080
				more
				""")).isTrue();
		assertThat(ReadmeExamples.containsLines(expected, "Verdict: Allow (allowed)\nmore\nTraffic: tcp/8080\n"))
			.isFalse();
		assertThat(ReadmeExamples.containsLines(expected, "Verdict: Allow (allowed)\n")).isFalse();
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
