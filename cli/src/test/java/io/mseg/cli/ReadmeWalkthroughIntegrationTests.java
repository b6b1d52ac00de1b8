package io.mseg.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mseg.cli.ReadmeExamples.Block;
import io.mseg.cli.ReadmeExamples.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's walkthrough runs as written against a fresh console, all of it, in one
 * {@code bash} with {@code set -euo pipefail}: its API steps with curl, then msegctl,
 * each msegctl command printing the lines the README shows under it. Only the console's
 * URL differs, {@code data/} is this console's data directory, and the README's
 * {@code cli/target/msegctl.jar} the jar under test. The walkthrough needs {@code curl}
 * and {@code jq}: without them the test is skipped with the reason, unless
 * {@code MSEG_REQUIRE_KERNEL_TESTS=true} (CI, which installs them), where it fails.
 */
@Tag("integration")
class ReadmeWalkthroughIntegrationTests {

	private static final String WALKTHROUGH = "## Five-minute walkthrough";

	private static final String DOCUMENTED_URL = "https://localhost:8443";

	private static final String DOCUMENTED_JAR = "java -jar cli/target/msegctl.jar";

	private static final String BOOTSTRAP_TOKEN = "readme-walkthrough-bootstrap-token-0123";

	// A console of its own: the walkthrough creates /acme and 10.1.0.5, as docs/cli.md's
	// session does on the console the other integration tests share.
	private static ConsoleProcess console;

	@TempDir
	static Path workDir;

	@BeforeAll
	static void startConsole() throws Exception {
		for (String tool : List.of("bash", "curl", "jq")) {
			// Skipped with the reason on a developer's machine; CI requires them.
			if (!available(tool) && "true".equalsIgnoreCase(System.getenv("MSEG_REQUIRE_KERNEL_TESTS"))) {
				throw new IllegalStateException(tool + " is needed to run the README's walkthrough");
			}
			assumeTrue(available(tool),
					tool + " is needed to run the README's walkthrough (apt-get install -y " + tool + ")");
		}
		console = ConsoleProcess.start(BOOTSTRAP_TOKEN);
		Files.createSymbolicLink(workDir.resolve("data"), console.dataDir());
	}

	@AfterAll
	static void stopConsole() throws Exception {
		// The link first: the console's data directory is the console's to remove.
		Files.deleteIfExists(workDir.resolve("data"));
		if (console != null) {
			console.close();
		}
	}

	@Test
	void theWalkthroughRunsAsWrittenAndPrintsWhatTheReadmeShows() throws Exception {
		ReadmeExamples walkthrough = ReadmeExamples.read(Path.of(System.getProperty("readme", "../README.md")),
				WALKTHROUGH);
		List<Block> blocks = walkthrough.blocks("sh");
		String text = String.join("\n", blocks.stream().map((block) -> String.join("\n", block.lines())).toList());
		assertThat(text).as("the walkthrough")
			.contains("export MSEG_TOKEN", "/explain", "alias msegctl='" + DOCUMENTED_JAR + "'", "msegctl apply",
					"msegctl explain");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path jar = Path.of(System.getProperty("msegctl.jar", "target/msegctl.jar")).toAbsolutePath();
		String script = "set -euo pipefail\nshopt -s expand_aliases\n"
				+ text.replace(DOCUMENTED_URL, console.url().toString()).replace(DOCUMENTED_JAR, java + " -jar " + jar)
				+ "\n";
		Path file = Files.writeString(workDir.resolve("walkthrough.sh"), script);
		Path noConfiguration = Files.writeString(workDir.resolve("no-configuration.yaml"), "{}\n");

		ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(workDir.toFile())
			.redirectErrorStream(true);
		// The reader's shell: nothing of the machine's own msegctl settings.
		builder.environment().keySet().removeIf((name) -> name.startsWith("MSEGCTL_") || name.startsWith("MSEG_"));
		builder.environment().put("MSEGCTL_CONFIG", noConfiguration.toString());
		Process bash = builder.start();
		String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(bash.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(bash.exitValue()).as("the walkthrough's output:\n" + output).isZero();
		assertThat(output).contains("\"verdict\":\"Allow\"", "\"reason\":\"AllowPolicy\"");
		List<Step> shown = walkthrough.shellSteps()
			.stream()
			.filter((step) -> step.line().startsWith("msegctl ") && !step.expectedOutput().isEmpty())
			.toList();
		assertThat(shown).as("msegctl commands with their output shown").hasSizeGreaterThanOrEqualTo(2);
		for (Step step : shown) {
			assertThat(ReadmeExamples.containsLines(step.expectedOutput(), output))
				.as("'%s' printed what the README shows:%n%s%nin the walkthrough's output:%n%s", step.line(),
						String.join("\n", step.expectedOutput()), output)
				.isTrue();
		}
	}

	private static boolean available(String tool) throws IOException, InterruptedException {
		return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
	}

}
