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

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.DnsLoad;
import io.mseg.e2e.support.DnsServer;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.Shell;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.mseg.e2e.support.Bodies.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: what the enforcer's DNS interception costs. A DNS server (dnsmasq in a host
 * of its own, answering every name under {@code bench.mseg.test} and
 * {@code plain.mseg.test} from its configuration) and a client host whose enforcer runs
 * inside its namespace; a policy lets the client reach the server on port 53 throughout,
 * and a second one, present only in the middle of the run, lets it reach
 * {@code *.bench.mseg.test}: while it is there the enforcer intercepts the client's
 * queries. A load generator ({@link DnsLoad}) in the client's namespace sends A queries
 * to the server's address, each for a name not asked before, one at a time (latency) or
 * many in flight (throughput), in three stages of one run: without interception, with it
 * (names under {@code bench} learned into the kernel before the answer is passed on,
 * names under {@code plain} passed on untouched), and without it again. The time each
 * learned answer took to reach the kernel comes from the enforcer's log
 * ({@code Learned ... in X µs}, FINE).
 * <p>
 * Not part of the build's tests (no {@code KernelIT} suffix). Run it with
 * {@code ./mvnw -B -o verify -pl policy,console,enforcer,cli,e2e -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DnsBenchmark
 * -Dfailsafe.failIfNoSpecifiedTests=false}; results go to standard output and
 * {@code e2e/target/dns-*.txt}.
 */
@ExtendWith(KernelPrerequisites.class)
class DnsBenchmark {

	private static final Duration CONVERGENCE = Duration.ofSeconds(20);

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

	private static final Pattern LEARNED = Pattern
		.compile("Learned \\d+ addresses of ([a-z0-9-]+)\\.bench\\.mseg\\.test into \\d+ sets in (\\d+) ");

	private final int lookups = Integer.getInteger("dns.lookups", 2000);

	private final int warmups = Integer.getInteger("dns.warmups", 500);

	private final int burst = Integer.getInteger("dns.burst", 20000);

	private final int concurrency = Integer.getInteger("dns.concurrency", 32);

	@Test
	void lookupLatencyThroughputAndAnswerToKernel() throws IOException {
		try (World world = new World("dns-bench")) {
			DnsServer dns = world.dnsServer("dns", 53,
					new DnsServer.Zone().quiet()
						.local("mseg.test")
						.localTtl(300)
						.wildcard("bench.mseg.test", "10.233.16.1")
						.wildcard("plain.mseg.test", "10.233.16.2"));
			Host client = world.host("client", 10);
			dns.serve(client);
			world.startConsole();
			EnforcerProcess enforcer = world.enforce(client, World.PROD, world.console().uri(),
					List.of("--reject-with", "icmp"), "app=client");
			enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			String resolver = dns.host().v4();
			world.create(World.PROD, "/externalnetworks", map("name", "resolver", "entries", List.of(resolver + "/32"),
					"associatedTags", List.of("ext:name=resolver")));
			allowOutgoing(world, client, "resolver", "udp/53", "tcp/53");
			world.create(World.PROD, "/externalnetworks", map("name", "bench", "entries", List.of("*.bench.mseg.test"),
					"associatedTags", List.of("ext:name=bench")));

			Map<String, DnsLoad.Result> results = new LinkedHashMap<>();
			awaitInterception(world, client, false);
			sourcePorts(client, 40000, 49999);
			measure(client, resolver, "direct-1", "bench", results);

			String benchPolicy = allowOutgoing(world, client, "bench", "tcp/443");
			awaitInterception(world, client, true);
			sourcePorts(client, 50000, 60999);
			results.put("intercepted, learned: sequential", sequential(client, resolver, "l%d.bench.mseg.test"));
			results.put("intercepted, passed on: sequential", sequential(client, resolver, "l%d.plain.mseg.test"));
			results.put("intercepted, learned: " + this.concurrency + " in flight",
					concurrent(client, resolver, "t%d.bench.mseg.test"));
			results.put("intercepted, passed on: " + this.concurrency + " in flight",
					concurrent(client, resolver, "t%d.plain.mseg.test"));
			// After the burst, the enforcer knows some 20,000 names more.
			results.put("intercepted, learned: sequential, after the burst",
					sequential(client, resolver, "m%d.bench.mseg.test"));

			world.api().delete(World.PROD, "/networkaccesspolicies/" + benchPolicy);
			awaitInterception(world, client, false);
			sourcePorts(client, 30000, 39999);
			measure(client, resolver, "direct-2", "bench", results);

			String report = report(results, enforcer.log());
			System.out.println(report);
			Path out = Path.of("target", "dns-" + Instant.now().toString().replace(':', '-') + ".txt");
			Files.writeString(out, report);
			assertThat(results.values()).allSatisfy((result) -> assertThat(result.ok()).isPositive());
		}
	}

	private void measure(Host client, String resolver, String stage, String zone, Map<String, DnsLoad.Result> results) {
		String prefix = stage.replace("-", "");
		results.put("no interception (" + stage + "): sequential",
				sequential(client, resolver, prefix + "s%d." + zone + ".mseg.test"));
		results.put("no interception (" + stage + "): " + this.concurrency + " in flight",
				concurrent(client, resolver, prefix + "c%d." + zone + ".mseg.test"));
	}

	private DnsLoad.Result sequential(Host client, String resolver, String names) {
		return DnsLoad.run(client, RUN_TIMEOUT, resolver, names, this.lookups, this.warmups, 1);
	}

	private DnsLoad.Result concurrent(Host client, String resolver, String names) {
		return DnsLoad.run(client, RUN_TIMEOUT, resolver, names, this.burst, this.warmups, this.concurrency);
	}

	private static String allowOutgoing(World world, Host from, String network, String... ports) {
		String policy = world.create(World.PROD, "/networkaccesspolicies",
				map("name", from.name() + " may call " + network, "applyPolicyMode", "OutgoingTraffic", "subject",
						List.of(List.of("app=" + from.name())), "object",
						List.of(List.of("ext:name=" + network, "$identity=externalnetwork")), "ports", List.of(ports)));
		world.awaitRules(policy, true, CONVERGENCE, from);
		return policy;
	}

	/**
	 * Gives each stage source ports of its own. The redirect is decided on a flow's first
	 * packet: a query from a port that a query of the previous stage used (to the same
	 * resolver, within connection tracking's 30 s, 120 s once a flow saw a second query)
	 * follows that flow, around the enforcer or to it, whatever the table says now. With
	 * thousands of lookups a second a stage would otherwise measure the previous one for
	 * half of its queries.
	 */
	private static void sourcePorts(Host client, int from, int to) {
		Shell.check("ip", "netns", "exec", client.ns(), "sysctl", "-qw",
				"net.ipv4.ip_local_port_range=" + from + " " + to);
	}

	/** Waits until the redirect chain is (or is no longer) in the client's table. */
	private static void awaitInterception(World world, Host client, boolean present) {
		Await.until("DNS interception " + (present ? "on" : "off") + " in " + client, CONVERGENCE,
				() -> client.table(EnforcerProcess.TABLE).contains("chain dns_intercept") == present, world::logs);
	}

	private String report(Map<String, DnsLoad.Result> results, String enforcerLog) {
		StringBuilder text = new StringBuilder("DNS interception, " + this.lookups + " sequential lookups and "
				+ this.burst + " with " + this.concurrency + " in flight per line, each after " + this.warmups
				+ " warm-ups, load average " + loadAverage() + "\n");
		text.append(String.format("%-52s %9s %9s %9s %9s %8s %6s %8s%n", "", "p50", "p99", "max", "lookups/s", "ok",
				"errors", "timeouts"));
		results.forEach((what,
				result) -> text.append(String.format("%-52s %9s %9s %9s %9.0f %8d %6d %8d%n", what,
						micros(result.p50()), micros(result.p99()), micros(result.max()), result.rate(), result.ok(),
						result.errors(), result.timeouts())));
		Map<String, List<Long>> kernel = new LinkedHashMap<>();
		kernel.put("answer -> kernel, sequential (l)", new ArrayList<>());
		kernel.put("answer -> kernel, in flight (t)", new ArrayList<>());
		kernel.put("answer -> kernel, sequential after the burst (m)", new ArrayList<>());
		Matcher learned = LEARNED.matcher(enforcerLog);
		while (learned.find()) {
			String key = switch (learned.group(1).charAt(0)) {
				case 'l' -> "answer -> kernel, sequential (l)";
				case 't' -> "answer -> kernel, in flight (t)";
				case 'm' -> "answer -> kernel, sequential after the burst (m)";
				default -> null;
			};
			if (key != null) {
				kernel.get(key).add(Long.parseLong(learned.group(2)));
			}
		}
		int sequentialAnswers = this.warmups + this.lookups;
		Map<String, Integer> expected = Map.of("answer -> kernel, sequential (l)", sequentialAnswers,
				"answer -> kernel, in flight (t)", this.warmups + this.burst,
				"answer -> kernel, sequential after the burst (m)", sequentialAnswers);
		text.append("\nEnforcer's log, nft transaction per learned answer (lock wait included), warm-ups included\n");
		kernel.forEach((what, values) -> {
			List<Long> sorted = new ArrayList<>(values);
			sorted.sort(null);
			text.append(sorted.isEmpty() ? String.format("%-52s (none)%n", what)
					: String.format("%-52s %9s %9s %9s %9s%n", what, micros(percentile(sorted, 50)),
							micros(percentile(sorted, 99)), micros(sorted.get(sorted.size() - 1)),
							sorted.size() + " of " + expected.get(what) + " answers"));
		});
		return text.toString();
	}

	/** The nearest-rank percentile. */
	private static long percentile(List<Long> sorted, int p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	private static String micros(long micros) {
		return (micros >= 10_000) ? String.format("%.1f ms", micros / 1000.0) : micros + " µs";
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
