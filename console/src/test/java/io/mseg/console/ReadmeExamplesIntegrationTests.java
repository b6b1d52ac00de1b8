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
 * The README's shell examples of the API run as written against a fresh console: the
 * Quick start's first request and every {@code sh} block of "Using the API", in order, in
 * one {@code bash} with {@code set -euo pipefail}, from a directory holding the console's
 * {@code data/ca.pem} and {@code data/bootstrap-token}. Only the console's address is
 * changed (the test's console listens on a random port). They need {@code curl},
 * {@code jq} and {@code openssl}: without them the test is skipped with the reason,
 * unless {@code MSEG_REQUIRE_KERNEL_TESTS=true} (CI, which installs them), where it
 * fails.
 */
// A console of its own: the examples create /acme and a unit with 10.1.0.5, which other
// test classes sharing a console may hold.
@TestPropertySource(properties = "mseg.test.context=readme-examples")
class ReadmeExamplesIntegrationTests extends ConsoleIntegrationTest {

	private static final String DEFAULT_ADDRESS = "https://localhost:8443";

	@Test
	void theApiExamplesOfTheReadmeRunAsWritten(@TempDir Path work) throws Exception {
		for (String tool : List.of("bash", "curl", "jq", "openssl")) {
			// Skipped with the reason on a developer's machine; CI requires them.
			if (!available(tool) && "true".equalsIgnoreCase(System.getenv("MSEG_REQUIRE_KERNEL_TESTS"))) {
				throw new IllegalStateException(tool + " is needed to run the README's examples");
			}
			assumeTrue(available(tool),
					tool + " is needed to run the README's examples (apt-get install -y " + tool + ")");
		}
		Path data = Files.createDirectory(work.resolve("data"));
		Files.copy(caFile(), data.resolve("ca.pem"));
		Files.writeString(data.resolve("bootstrap-token"), ADMIN_TOKEN);
		String readme = Files.readString(readme());
		List<String> blocks = new ArrayList<>();
		blocks.add(blockContaining(section(readme, "## Quick start", "### Configuration"), "export MSEG_TOKEN"));
		blocks.addAll(shBlocks(section(readme, "## Using the API", "### Conventions")));
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

	private static Path readme() {
		Path here = Path.of("").toAbsolutePath();
		Path readme = here.resolve("README.md");
		return Files.exists(readme) ? readme : here.getParent().resolve("README.md");
	}

	private static String section(String readme, String from, String to) {
		int start = readme.indexOf(from);
		int end = readme.indexOf(to, start);
		assertThat(start).as("README section " + from).isNotNegative();
		return readme.substring(start, end);
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

	private static String blockContaining(String text, String needle) {
		return shBlocks(text).stream()
			.filter((block) -> block.contains(needle))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sh block with " + needle));
	}

	private static boolean available(String tool) throws IOException, InterruptedException {
		return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
	}

}
