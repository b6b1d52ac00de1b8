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
import io.mseg.e2e.support.WorkloadFiles;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: a node with 250 workloads. Node mode: one enforcer process in the node's
 * namespace, 250 workload files (labels {@code app=a0} to {@code a9}), ten policies
 * {@code a<k> -> a<k+1>} on tcp/8080 in {@code /acme/prod}. Host mode, for comparison, in
 * {@code /acme/dev}: one host with its enforcer ({@code app=a0}), the same ten policies,
 * and 250 processing units created through the API (the other hosts of a fleet).
 * Measured, after warm-ups:
 * <ul>
 * <li>node mode, a workload appearing: its file written until {@code nft monitor} in the
 * node reports its entry in the workload map (its rules live), and how many rules were
 * written meanwhile;
 * <li>node mode, one workload relabelled ({@code app=a1} to {@code a5} and back): the
 * file written until the enforcer logs the policy applied, and the rules written;
 * <li>host mode, one processing unit relabelled through the API ({@code PUT}, the same
 * labels): the request sent until the host's enforcer logs the policy applied, and the
 * rules written.
 * </ul>
 * Interfaces need not exist for the rules ({@code iifname} matches by name), so the
 * workloads here are files only. Not part of the build's tests. Run it with
 * {@code ./mvnw -B verify -pl policy,console,enforcer,cli,e2e -Dpolicy.skipTests -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NodeModeBenchmark}; results go to
 * standard output and {@code e2e/target/node-mode-*.txt}.
 */
@ExtendWith(KernelPrerequisites.class)
class NodeModeBenchmark {

	private static final int WORKLOADS = Integer.getInteger("nodemode.workloads", 250);

	private static final int CHANGES = Integer.getInteger("nodemode.changes", 20);

	private static final int WARMUPS = Integer.getInteger("nodemode.warmups", 10);

	private static final Duration PAUSE = Duration.ofMillis(300);

	private static final Duration LIVE = Duration.ofSeconds(20);

	private static final Pattern APPLIED = Pattern.compile(
			"Applied policy version \\d+ from (.*?) (incrementally|replacing[^:]*): .* built in (\\d+) ms, applied in (\\d+) ms");

	@Test
	void aNodeWith250Workloads() throws IOException, InterruptedException {
		try (World world = new World("node-mode-benchmark")) {
			Host node = world.host("node", 1);
			Host host = world.host("host", 2);
			world.startConsole();
			world.api().createNamespace("/acme", "dev");
			policies(world, "/acme/prod");
			policies(world, "/acme/dev");
			Path directory = world.directory("workloads");
			for (int i = 1; i <= WORKLOADS; i++) {
				write(directory, i, "a" + (i % 10));
			}
			for (int i = 1; i <= WORKLOADS; i++) {
				world.create("/acme/dev", "/processingunits", unit(i, "a" + (i % 10)));
			}
			EnforcerProcess nodeEnforcer = world.enforce(node, "/acme/prod", world.console().uri(),
					List.of("--workloads", "directory:" + directory), "role=node");
			EnforcerProcess hostEnforcer = world.enforce(host, "/acme/dev", world.console().uri(), List.of(), "app=a0");
			await(() -> node.table(EnforcerProcess.TABLE).contains(entry(WORKLOADS)), "all workloads enforced");
			hostEnforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));

			List<long[]> appear = new ArrayList<>();
			List<long[]> relabelNode = new ArrayList<>();
			List<long[]> relabelHost = new ArrayList<>();
			List<String> pus = world.api()
				.get("/acme/dev", "/processingunits?pagesize=1000")
				.valueStream()
				.filter((unit) -> unit.get("name").asString().equals("pu-0001"))
				.map((unit) -> unit.get("ID").asString())
				.toList();
			try (NftMonitor nodeRules = new NftMonitor(node);
					NftMonitor nodeElements = new NftMonitor(node, "elements");
					NftMonitor hostRules = new NftMonitor(host)) {
				for (int i = 1; i <= WARMUPS + CHANGES; i++) {
					boolean counted = i > WARMUPS;
					// a workload appears
					int index = WORKLOADS + i;
					Thread.sleep(PAUSE.toMillis());
					long start = System.nanoTime();
					write(directory, index, "a" + (index % 10));
					long live = nodeElements.await(start, entry(index), LIVE);
					Thread.sleep(PAUSE.toMillis());
					if (counted) {
						appear.add(new long[] { live - start, nodeRules.count(start, "add rule") });
					}
					// one workload relabelled
					relabelNode.add(measure(nodeEnforcer, nodeRules, counted,
							() -> write(directory, 1, (relabelNode.size() % 2 == 0) ? "a5" : "a1")));
					// one host of the fleet relabelled
					String label = (relabelHost.size() % 2 == 0) ? "a5" : "a1";
					relabelHost.add(measure(hostEnforcer, hostRules, counted,
							() -> world.api().put("/acme/dev", "/processingunits/" + pus.get(0), unit(1, label))));
				}
			}
			String report = report(appear, relabelNode.stream().filter((t) -> t != null).toList(),
					relabelHost.stream().filter((t) -> t != null).toList(), nodeEnforcer.log());
			System.out.println(report);
			Files.writeString(Path.of("target", "node-mode-" + Instant.now().toString().replace(':', '-') + ".txt"),
					report);
			assertThat(appear).hasSize(CHANGES);
		}
	}

	/**
	 * Makes a change and waits for the enforcer's next apply: how long it took, the build
	 * and apply times it logs, the rules it wrote; {@code null} while warming up.
	 */
	private static long[] measure(EnforcerProcess enforcer, NftMonitor rules, boolean counted, Runnable change)
			throws InterruptedException {
		Thread.sleep(PAUSE.toMillis());
		int before = applies(enforcer.log()).size();
		long start = System.nanoTime();
		change.run();
		long deadline = start + LIVE.toNanos();
		List<long[]> applies;
		while ((applies = applies(enforcer.log())).size() <= before) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("no apply within " + LIVE + ":\n" + enforcer.tail());
			}
			Thread.sleep(2);
		}
		long live = System.nanoTime();
		Thread.sleep(PAUSE.toMillis());
		long[] applied = applies.get(before);
		return counted ? new long[] { live - start, rules.count(start, "add rule"), applied[0], applied[1] } : null;
	}

	/** The build and apply times (ms) of every apply the log shows. */
	private static List<long[]> applies(String log) {
		List<long[]> found = new ArrayList<>();
		Matcher matcher = APPLIED.matcher(log);
		while (matcher.find()) {
			found.add(new long[] { Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4)) });
		}
		return found;
	}

	private static void policies(World world, String namespace) {
		for (int k = 0; k < 10; k++) {
			Map<String, Object> policy = new LinkedHashMap<>();
			policy.put("name", "a" + k + " to a" + ((k + 1) % 10));
			policy.put("subject", List.of(List.of("app=a" + k)));
			policy.put("object", List.of(List.of("app=a" + ((k + 1) % 10))));
			policy.put("ports", List.of("tcp/8080"));
			world.create(namespace, "/networkaccesspolicies", policy);
		}
	}

	private static Map<String, Object> unit(int index, String app) {
		return Map.of("name", String.format("pu-%04d", index), "addresses", List.of(address(10245, index)),
				"associatedTags", List.of("app=" + app));
	}

	private static String address(int prefix, int index) {
		return (prefix / 1000) + "." + (prefix % 1000) + "." + (index / 250) + "." + (index % 250 + 1);
	}

	/** Its entry in the set of workloads: its chains are live (the same transaction). */
	private static String entry(int index) {
		return "\"" + iface(index) + "\" . " + address(10244, index);
	}

	private static String iface(int index) {
		return String.format("caliw%04d", index);
	}

	private static void write(Path directory, int index, String app) {
		WorkloadFiles.write(directory, String.format("w%04d", index), "Pod", address(10244, index), iface(index),
				"app=" + app);
	}

	private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("not within 120 s: " + what);
			}
			Thread.sleep(100);
		}
	}

	private static String report(List<long[]> appear, List<long[]> node, List<long[]> host, String nodeLog) {
		StringBuilder out = new StringBuilder();
		out.append("Node mode, ")
			.append(WORKLOADS)
			.append(" workloads, ")
			.append(appear.size())
			.append(" changes of each kind after ")
			.append(WARMUPS)
			.append(" warm-ups\n");
		out.append(String.format("%-58s %9s %9s %9s %9s%n", "", "p50", "p90", "max", "rules"));
		out.append(line("node: workload file written -> its rules live", appear, 0, 1));
		out.append(line("node: workload relabelled -> applied (enforcer log)", node, 0, 1));
		out.append(line("  of which the enforcer's build", node, 2, -1));
		out.append(line("  of which nft's apply", node, 3, -1));
		out.append(line("host: unit relabelled (PUT) -> applied (enforcer log)", host, 0, 1));
		out.append(line("  of which the enforcer's build", host, 2, -1));
		out.append(line("  of which nft's apply", host, 3, -1));
		Matcher last = APPLIED.matcher(nodeLog);
		String applied = null;
		while (last.find()) {
			applied = last.group();
		}
		out.append("last node apply: ").append(applied).append('\n');
		return out.toString();
	}

	/**
	 * Percentiles of column {@code time} (ns, or ms when it comes from the log) and the
	 * median of {@code rules}.
	 */
	private static String line(String what, List<long[]> rows, int time, int rules) {
		if (rows.isEmpty()) {
			return String.format("%-58s (none)%n", what);
		}
		double scale = (time >= 2) ? 1 : 1e6;
		List<Long> times = rows.stream().map((row) -> row[time]).sorted().toList();
		String median = (rules >= 0)
				? String.valueOf(rows.stream().map((row) -> row[rules]).sorted().toList().get(rows.size() / 2)) : "";
		return String.format("%-58s %9s %9s %9s %9s%n", what, ms(times.get(times.size() / 2) / scale),
				ms(times.get((int) Math.ceil(0.9 * times.size()) - 1) / scale), ms(times.get(times.size() - 1) / scale),
				median);
	}

	private static String ms(double millis) {
		return String.format("%.1f ms", millis);
	}

}
