package io.mseg.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * The kernel tests need root, {@code nft}, {@code ip}, {@code socat} and the two jars.
 * Without them they are skipped with the reason, unless
 * {@code MSEG_REQUIRE_KERNEL_TESTS=true} (as in CI), where they fail instead.
 */
public final class KernelPrerequisites {

	/** The environment variable that turns a skip into a failure. */
	public static final String REQUIRE = "MSEG_REQUIRE_KERNEL_TESTS";

	private KernelPrerequisites() {
	}

	public static void check() {
		List<String> missing = new ArrayList<>();
		Shell.Result id = Shell.run(Duration.ofSeconds(5), "id", "-u");
		if (!id.ok() || !id.output().strip().equals("0")) {
			missing.add("root (network namespaces and nftables need it)");
		}
		for (String tool : List.of("nft", "ip", "socat")) {
			if (!Shell.run(Duration.ofSeconds(5), "sh", "-c", "command -v " + tool).ok()) {
				missing.add("'" + tool + "' (apt-get install -y " + packageOf(tool) + ")");
			}
		}
		for (Path jar : List.of(Jars.console(), Jars.enforcer())) {
			if (!Files.isRegularFile(jar)) {
				missing.add(jar + " (run ./mvnw -B -DskipTests package first)");
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		String reason = "Kernel tests need " + String.join(", ", missing);
		if ("true".equalsIgnoreCase(System.getenv(REQUIRE))) {
			throw new IllegalStateException(reason + " and " + REQUIRE + "=true");
		}
		System.err.println("SKIPPED: " + reason);
		Assumptions.abort(reason);
	}

	private static String packageOf(String tool) {
		return switch (tool) {
			case "ip" -> "iproute2";
			case "nft" -> "nftables";
			default -> tool;
		};
	}

}
