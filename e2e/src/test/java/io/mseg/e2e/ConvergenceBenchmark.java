package io.mseg.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.NftMonitor;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues 7 (item 3) and 13 (item 4): the time from a policy written through the API to
 * its rule live in the kernel of a real enforcer. One host in a network namespace with
 * its enforcer process running inside it, and a console process in a host of its own (the
 * e2e harness); one policy allows an external network to reach the host on one TCP port,
 * and each change moves that port ({@code PUT}). The clock starts before the request is
 * sent and stops when {@code nft monitor} in the host's namespace reports the rule with
 * the new port (the kernel's own commit notification, no polling). Changes follow one
 * another once the previous one is live, with a pause in between; the first 100 warm the
 * console and the enforcer up (a console serving enforcers has run for more than a
 * minute: in its first minute the JIT compilers take half its CPU) and are not counted.
 * <p>
 * Not part of the build's tests (no {@code KernelIT} suffix). Run it with
 * {@code ./mvnw -B verify -pl policy,console,enforcer,e2e -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ConvergenceBenchmark
 * -Dconvergence.changes=100}; results go to standard output and
 * {@code e2e/target/convergence-*.txt}.
 */
@ExtendWith(KernelPrerequisites.class)
class ConvergenceBenchmark {

	private static final String NAMESPACE = "/acme/prod";

	private static final Pattern APPLIED = Pattern.compile("Applied policy version \\d+ from .* in (\\d+) ms");

	private final int changes = Integer.getInteger("convergence.changes", 20);

	private final int warmups = Integer.getInteger("convergence.warmups", 100);

	private final Duration pause = Duration.ofMillis(Long.getLong("convergence.pauseMillis", 300));

	@Test
	void policyWrittenThroughTheApiToRuleLiveInTheKernel() throws IOException, InterruptedException {
		try (World world = new World("convergence")) {
			Host server = world.host("srv", 1);
			world.startConsole();
			EnforcerProcess enforcer = world.enforce(server, "app=server");
			enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			world.create(NAMESPACE, "/externalnetworks", Map.of("name", "clients", "entries", List.of("192.0.2.0/24"),
					"associatedTags", List.of("ext=clients")));
			String policy = world.create(NAMESPACE, "/networkaccesspolicies", policy(20000));
			List<long[]> timings = new ArrayList<>();
			try (NftMonitor monitor = new NftMonitor(server)) {
				for (int i = 1; i <= this.warmups + this.changes; i++) {
					Thread.sleep(this.pause.toMillis());
					int port = 20000 + i;
					monitor.clear();
					long start = System.nanoTime();
					world.api().put(NAMESPACE, "/networkaccesspolicies/" + policy, policy(port));
					long answered = System.nanoTime();
					long live = monitor.await(start, "dport " + port + " ", Duration.ofSeconds(10));
					if (i > this.warmups) {
						timings.add(new long[] { answered - start, live - start });
					}
				}
			}
			String report = report(timings, enforcer.log());
			System.out.println(report);
			Path out = Path.of("target", "convergence-" + Instant.now().toString().replace(':', '-') + ".txt");
			Files.writeString(out, report);
			assertThat(timings).hasSize(this.changes);
		}
	}

	private static Map<String, Object> policy(int port) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "clients to server");
		body.put("applyPolicyMode", "IncomingTraffic");
		body.put("subject", List.of(List.of("ext=clients")));
		body.put("object", List.of(List.of("app=server")));
		body.put("ports", List.of("tcp/" + port));
		return body;
	}

	private String report(List<long[]> timings, String enforcerLog) {
		List<Long> api = new ArrayList<>();
		List<Long> live = new ArrayList<>();
		for (long[] timing : timings) {
			api.add(timing[0]);
			live.add(timing[1]);
		}
		List<Long> nft = new ArrayList<>();
		Matcher applied = APPLIED.matcher(enforcerLog);
		while (applied.find()) {
			nft.add(Long.parseLong(applied.group(1)) * 1_000_000);
		}
		List<Long> measuredNft = nft.subList(Math.max(0, nft.size() - timings.size()), nft.size());
		return "Convergence, " + timings.size() + " changes after " + this.warmups + " warm-ups, pause "
				+ this.pause.toMillis() + " ms, load average " + loadAverage() + "\n"
				+ String.format("%-40s %8s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "max", "min")
				+ line("API request -> rule live in the kernel", live) + line("API request -> API answer", api)
				+ line("enforcer: nft -f (its log)", measuredNft);
	}

	private static String line(String what, List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		sorted.sort(null);
		if (sorted.isEmpty()) {
			return String.format("%-40s (none)%n", what);
		}
		return String.format("%-40s %8s %8s %8s %8s %8s%n", what, ms(percentile(sorted, 50)),
				ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted.get(sorted.size() - 1)),
				ms(sorted.get(0)));
	}

	/** The nearest-rank percentile. */
	private static long percentile(List<Long> sorted, int p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	private static String ms(long nanos) {
		return String.format("%.1f ms", nanos / 1e6);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
