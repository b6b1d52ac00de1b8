package io.mseg.benchmarks.enforcer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.mseg.benchmarks.console.Options;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApplyBenchmark} at tiny sizes (large enough to shard the external network): it
 * runs, cleans up its namespace, and the rule count does not depend on the CIDR count.
 * Needs root and nft: skipped with the reason otherwise, a failure with
 * {@code MSEG_REQUIRE_KERNEL_TESTS=true}.
 */
class ApplyBenchmarkSmokeTests {

	@Test
	void runsAtTinySizes() throws Exception {
		String missing = missing();
		if (!missing.isEmpty()) {
			if ("true".equalsIgnoreCase(System.getenv("MSEG_REQUIRE_KERNEL_TESTS"))) {
				throw new IllegalStateException(missing + " and MSEG_REQUIRE_KERNEL_TESTS=true");
			}
			System.err.println("SKIPPED ApplyBenchmarkSmokeTests: " + missing);
			Assumptions.abort(missing);
		}
		List<String> lines = new ArrayList<>();
		ApplyBenchmark.Result result = new ApplyBenchmark(Options.parse("--policies=200", "--cidrs=6000",
				"--compare-cidrs=5000", "--remote-units=300", "--changes=2"), lines::add)
			.run();
		assertThat(result.ruleCountIndependentOfCidrs()).as(String.join("\n", lines)).isTrue();
		assertThat(result.changes()).hasSize(4);
		assertThat(lines).anyMatch((line) -> line.startsWith("First apply:"));
		assertThat(run("ip", "netns", "list")).doesNotContain("mseg-bench-apply-" + ProcessHandle.current().pid());
	}

	private static String missing() {
		try {
			if (!run("id", "-u").strip().equals("0")) {
				return "the apply benchmark needs root";
			}
			run("nft", "--version");
			run("ip", "-V");
			return "";
		}
		catch (Exception ex) {
			return "the apply benchmark needs nft and ip: " + ex.getMessage();
		}
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output.strip());
		}
		return output;
	}

}
