package io.mseg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mseg.cli.ReadmeExamples.Block;
import io.mseg.cli.ReadmeExamples.Step;
import io.mseg.cli.ReadmeSession.Result;
import io.mseg.cli.output.Documents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The examples of {@code docs/cli.md} run as written, in order, against a real console,
 * with the output the page shows. Only the console's URL differs (the page's
 * https://localhost:8443 is this console's), and the page's {@code data/} directory is
 * this console's data directory.
 */
@Tag("integration")
@ExtendWith(RunningConsole.class)
class ReadmeExamplesIntegrationTests {

	private static final String DOCUMENTED_URL = "https://localhost:8443";

	private static final String NO_CONFIGURATION = "no-configuration.yaml";

	private static ConsoleProcess console;

	private static ReadmeExamples examples;

	@TempDir
	static Path workDir;

	@BeforeAll
	static void prepare(ConsoleProcess running) throws Exception {
		console = running;
		examples = ReadmeExamples.read(Path.of(System.getProperty("cli.docs", "../docs/cli.md")));
		Files.createSymbolicLink(workDir.resolve("data"), console.dataDir());
		Files.writeString(workDir.resolve(NO_CONFIGURATION), "{}\n");
		Block acme = examples.yaml("acme.yaml");
		Files.writeString(workDir.resolve("acme.yaml"), acme.content());
		// What the session starts from: /acme with everything of acme.yaml but its
		// policy, which the session adds.
		ReadmeSession admin = session(Map.of("MSEGCTL_URL", console.url().toString(), "MSEGCTL_CA",
				console.caFile().toString(), "MSEGCTL_TOKEN", RunningConsole.BOOTSTRAP_TOKEN));
		admin.alias(readmeAlias());
		Files.writeString(workDir.resolve("namespace-acme.yaml"), "name: acme\n");
		assertSucceeded(admin.run("msegctl apply --kind ns -f namespace-acme.yaml -n /"));
		ObjectNode before = (ObjectNode) Documents.YAML.readTree(acme.content());
		((ObjectNode) before.path("data")).remove("networkaccesspolicies");
		Files.writeString(workDir.resolve("acme-before.yaml"), Documents.yaml(before));
		assertSucceeded(admin.run("msegctl apply -f acme-before.yaml -n /acme"));
	}

	@AfterAll
	static void unlinkData() throws Exception {
		// The link only: the console's data directory is the console's to remove.
		Files.deleteIfExists(workDir.resolve("data"));
	}

	/**
	 * A session in the working directory with these variables and no configuration file
	 * (whatever the machine's user has in ~/.config/msegctl stays out).
	 */
	private static ReadmeSession session(Map<String, String> variables) {
		Map<String, String> environment = new HashMap<>(variables);
		environment.putIfAbsent("MSEGCTL_CONFIG", workDir.resolve(NO_CONFIGURATION).toString());
		return new ReadmeSession(Path.of(System.getProperty("msegctl.jar", "target/msegctl.jar")), workDir,
				environment);
	}

	private static String readmeAlias() {
		return examples.shellSteps()
			.stream()
			.map(Step::line)
			.filter((line) -> line.startsWith("alias msegctl="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("docs/cli.md has no 'alias msegctl=...'"));
	}

	private static void assertSucceeded(Result result) {
		assertThat(result.code()).as("'msegctl " + result.command() + "': " + result.err()).isZero();
		assertThat(result.out() + result.err()).as("never the bootstrap token")
			.doesNotContain(RunningConsole.BOOTSTRAP_TOKEN);
	}

	@Test
	void everyShellExampleRunsAsWrittenAndPrintsWhatThePageShows() throws Exception {
		List<Step> steps = examples.shellSteps();
		assertThat(steps).as("the examples of docs/cli.md").hasSizeGreaterThan(10);
		ReadmeSession session = session(Map.of());
		for (Step step : steps) {
			String line = step.line().replace(DOCUMENTED_URL, console.url().toString());
			if (line.startsWith("./mvnw ")) {
				// The build that runs this test has built the jar.
				continue;
			}
			if (line.startsWith("alias msegctl=")) {
				session.alias(line);
			}
			else if (line.startsWith("export ")) {
				session.export(line);
			}
			else if (line.startsWith("msegctl ")) {
				Result result = session.run(line);
				assertSucceeded(result);
				if (!step.expectedOutput().isEmpty()) {
					assertThat(ReadmeExamples.matches(step.expectedOutput(), result.out()))
						.as("the output of '%s' is what docs/cli.md shows:%n%s%nbut was:%n%s", line,
								String.join("\n", step.expectedOutput()), result.out())
						.isTrue();
				}
			}
			else {
				fail("a line of the examples of docs/cli.md that this test cannot run: " + line);
			}
		}
	}

	@Test
	void theConfigurationFileExampleIsEnoughToConnect() throws Exception {
		Block example = examples.yaml("~/.config/msegctl/config.yaml");
		ObjectNode settings = (ObjectNode) Documents.YAML.readTree(example.content());
		assertThat(settings.propertyNames()).containsExactlyInAnyOrder("url", "token", "caFingerprint", "namespace");
		settings.put("url", console.url().toString());
		settings.put("token", RunningConsole.BOOTSTRAP_TOKEN);
		settings.put("caFingerprint", console.caFingerprint());
		Path file = workDir.resolve("config.yaml");
		Files.writeString(file, Documents.yaml(settings));
		ReadmeSession session = session(Map.of("MSEGCTL_CONFIG", file.toString()));
		session.alias(readmeAlias());
		Result result = session.run("msegctl get netpol");
		assertSucceeded(result);
	}

}
