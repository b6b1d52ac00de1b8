package io.mseg.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The documentation's shell examples of the API run as written against a fresh console:
 * the steps of the README's walkthrough that use the API alone (every {@code sh} block of
 * "Five-minute walkthrough" without {@code msegctl}, which the cli module's tests run),
 * then every {@code sh} block of {@code docs/api.md}, which continue them, in order, in
 * one {@code bash} with {@code set -euo pipefail}, from a directory holding the console's
 * {@code data/ca.pem} and {@code data/bootstrap-token}. Only the console's address is
 * changed (the test's console listens on a random port). They need {@code curl},
 * {@code jq} and {@code openssl}: without them the test is skipped with the reason,
 * unless {@code MSEG_REQUIRE_KERNEL_TESTS=true} (CI, which installs them), where it
 * fails. A missing file, section or example fails the test.
 */
// A console of its own: the examples create /acme and a unit with 10.1.0.5, which other
// test classes sharing a console may hold.
@TestPropertySource(properties = "mseg.test.context=readme-examples")
class ReadmeExamplesIntegrationTests extends ConsoleIntegrationTest {

	private static final String DEFAULT_ADDRESS = "https://localhost:8443";

	private static final String WALKTHROUGH = "## Five-minute walkthrough";

	@Test
	void theApiExamplesOfTheWalkthroughAndTheApiGuideRunAsWritten(@TempDir Path work) throws Exception {
		for (String tool : List.of("bash", "curl", "jq", "openssl")) {
			// Skipped with the reason on a developer's machine; CI requires them.
			if (!available(tool) && "true".equalsIgnoreCase(System.getenv("MSEG_REQUIRE_KERNEL_TESTS"))) {
				throw new IllegalStateException(tool + " is needed to run the documentation's examples");
			}
			assumeTrue(available(tool),
					tool + " is needed to run the documentation's examples (apt-get install -y " + tool + ")");
		}
		Path data = Files.createDirectory(work.resolve("data"));
		Files.copy(caFile(), data.resolve("ca.pem"));
		Files.writeString(data.resolve("bootstrap-token"), ADMIN_TOKEN);
		List<String> blocks = new ArrayList<>();
		List<String> walkthrough = shBlocks(section(Files.readString(document("README.md")), WALKTHROUGH)).stream()
			.filter((block) -> !block.contains("msegctl"))
			.toList();
		assertThat(String.join("\n", walkthrough)).as("the walkthrough's API steps")
			.contains("export MSEG_TOKEN", "/namespaces", "/networkaccesspolicies", "/processingunits", "/explain");
		blocks.addAll(walkthrough);
		List<String> api = shBlocks(Files.readString(document("docs/api.md")));
		assertThat(String.join("\n", api)).as("the examples of docs/api.md")
			.contains("/enrollmenttokens", "openssl req", "/export", "/import");
		blocks.addAll(api);
		String script = "set -euo pipefail\n"
				+ String.join("\n", blocks).replace(DEFAULT_ADDRESS, this.api.base().replace("127.0.0.1", "localhost"));
		Path file = work.resolve("examples.sh");
		Files.writeString(file, script);

		Process bash = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(bash.exitValue()).as("the examples' output:\n" + output).isZero();
		assertThat(output).contains("\"name\":\"/acme/prod\"", "Allow internet to front end", "\"verdict\":\"Allow\"",
				"\"reason\":\"AllowPolicy\"");
		assertThat(Files.readString(work.resolve("enforcer.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(this.api.get("/acme-copy", "/networkaccesspolicies").json().toString())
			.contains("Allow internet to front end");
	}

	/**
	 * A file of the repository, whether the tests run from the module or from the top.
	 */
	private static Path document(String name) {
		Path here = Path.of("").toAbsolutePath();
		Path file = Files.exists(here.resolve(name)) ? here.resolve(name) : here.getParent().resolve(name);
		assertThat(file).as("the documentation file " + name).isRegularFile();
		return file;
	}

	/** From the heading to the next heading of the same level (or the end). */
	private static String section(String text, String heading) {
		int start = text.indexOf("\n" + heading + "\n");
		assertThat(start).as("the section '" + heading + "'").isNotNegative();
		int end = text.indexOf("\n## ", start + heading.length() + 1);
		return text.substring(start, (end < 0) ? text.length() : end);
	}

	private static List<String> shBlocks(String text) {
		List<String> blocks = new ArrayList<>();
		for (int start = text.indexOf("```sh\n"); start >= 0; start = text.indexOf("```sh\n", start)) {
			int end = text.indexOf("\n```", start + 6);
			blocks.add(text.substring(start + 6, end + 1));
			start = end + 4;
		}
		assertThat(blocks).isNotEmpty();
		return blocks;
	}

	private static boolean available(String tool) throws IOException, InterruptedException {
		return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
	}

}
