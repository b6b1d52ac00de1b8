package io.mseg.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The kernel tests need root, {@code nft}, {@code ip}, {@code socat}, {@code dnsmasq}
 * (the DNS server of the domain tests) and the two jars. Without them they are skipped
 * (reported as skipped, with the reason), unless {@code MSEG_REQUIRE_KERNEL_TESTS=true}
 * (as in CI), where they fail instead. Used as
 * {@code @ExtendWith(KernelPrerequisites.class)}.
 */
public final class KernelPrerequisites implements ExecutionCondition {

	/** The environment variable that turns a skip into a failure. */
	public static final String REQUIRE = "MSEG_REQUIRE_KERNEL_TESTS";

	private static volatile String missing;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String reason = missing();
		if (reason.isEmpty()) {
			return ConditionEvaluationResult.enabled("root, nft, ip, socat, dnsmasq and both jars are there");
		}
		if ("true".equalsIgnoreCase(System.getenv(REQUIRE))) {
			throw new IllegalStateException(reason + " and " + REQUIRE + "=true");
		}
		System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

	private static String missing() {
		if (missing == null) {
			missing = check();
		}
		return missing;
	}

	private static String check() {
		List<String> missing = new ArrayList<>();
		Shell.Result id = Shell.run(Duration.ofSeconds(5), "id", "-u");
		if (!id.ok() || !id.output().strip().equals("0")) {
			missing.add("root (network namespaces and nftables need it)");
		}
		for (String tool : List.of("nft", "ip", "socat", DnsServer.binary())) {
			if (!Shell.run(Duration.ofSeconds(5), "sh", "-c", "command -v " + tool).ok()) {
				missing.add("'" + tool + "' (apt-get install -y " + packageOf(tool) + ")");
			}
		}
		for (Path jar : List.of(Jars.console(), Jars.enforcer())) {
			if (!Files.isRegularFile(jar)) {
				missing.add(jar + " (run ./mvnw -B -DskipTests package first)");
			}
		}
		return missing.isEmpty() ? "" : "Kernel tests need " + String.join(", ", missing);
	}

	private static String packageOf(String tool) {
		return switch (tool) {
			case "ip" -> "iproute2";
			case "nft" -> "nftables";
			case "dnsmasq", "/usr/sbin/dnsmasq" -> "dnsmasq-base";
			default -> tool;
		};
	}

}
