package io.mseg.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.Jars;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.Lab;
import io.mseg.e2e.support.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enforcer's golden rulesets (enforcer/src/test/resources/golden) load into a real
 * kernel, replace the table atomically, and leave everything outside the table alone.
 */
@ExtendWith(KernelPrerequisites.class)
class GoldenRulesetKernelIT {

	private static Lab lab;

	private static Host host;

	@BeforeAll
	static void createNamespace() {
		lab = new Lab();
		host = lab.host("g1", 1);
	}

	@AfterAll
	static void deleteNamespace() {
		if (lab != null) {
			lab.close();
		}
	}

	@Test
	void everyGoldenRulesetLoadsAndReplacesTheTableAtomically() throws IOException {
		List<Path> goldens = goldens();
		assertThat(goldens).hasSizeGreaterThanOrEqualTo(4);
		for (Path golden : goldens) {
			Shell.Result result = Shell.run(Duration.ofSeconds(10),
					List.of("ip", "netns", "exec", host.ns(), "nft", "-f", golden.toString()));
			assertThat(result.ok()).as(golden + ": " + result.output()).isTrue();
			assertThat(host.table("mseg")).contains("chain input", "chain output", "comment \"default reject\"");
		}
	}

	@Test
	void nothingOutsideItsTableIsTouchedAndAFailedScriptChangesNothing() throws IOException {
		host.nft("add", "table", "inet", "operator");
		host.nft("add", "chain", "inet", "operator", "keep");
		Path redis = goldens().stream()
			.filter((p) -> p.getFileName().toString().equals("redis.nft"))
			.findFirst()
			.orElseThrow();
		assertThat(
				Shell.run(Duration.ofSeconds(10), "ip", "netns", "exec", host.ns(), "nft", "-f", redis.toString()).ok())
			.isTrue();
		String before = host.table("mseg");
		String broken = Files.readString(redis).replace("tcp dport 6379", "tcp dport 6379 nonsense");
		Shell.Result refused = Shell.run(Duration.ofSeconds(10),
				List.of("ip", "netns", "exec", host.ns(), "nft", "-f", "-"), broken);
		assertThat(refused.ok()).isFalse();
		assertThat(host.table("mseg")).isEqualTo(before);
		assertThat(host.tables()).contains("table inet operator");
		host.nft("delete", "table", "inet", "operator");
	}

	private static List<Path> goldens() throws IOException {
		try (Stream<Path> files = Files.list(Jars.root().resolve("enforcer/src/test/resources/golden"))) {
			return files.filter((p) -> p.toString().endsWith(".nft")).sorted().toList();
		}
	}

}
