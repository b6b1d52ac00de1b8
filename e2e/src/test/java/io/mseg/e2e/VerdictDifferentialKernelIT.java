package io.mseg.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.PolicyScenario;
import io.mseg.e2e.support.PolicyScenario.Item;
import io.mseg.e2e.support.Probe;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.mseg.e2e.support.Bodies.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's {@code POST /explain} and the kernels must agree. Random scenarios of
 * policies and external networks ({@link PolicyScenario}) over four hosts with enforcers
 * in three namespaces ({@code /acme}, and its children {@code /acme/prod} and
 * {@code /acme/dev}) and two hosts without. Every flow between two hosts with an enforcer
 * on at least one end (TCP and UDP, IPv4 and IPv6, on the ports the hosts listen on) is
 * explained; a sample of them, up to half allowed, is tried for real once every enforcer
 * has applied the scenario, and each result is compared with the explained verdict. The
 * enforcers refuse with ICMP ({@code --reject-with icmp}), so a refused probe fails at
 * once.
 * <p>
 * A mismatch fails the test with the seed, the hosts, the flow, the answer of
 * {@code /explain}, the kernels' tables, and the scenario reduced to the fewest policies
 * that still disagree (each policy is removed in turn and kept out when the disagreement
 * stays). {@code -Ddifferential.flows=10000} runs more flows (default 1,000),
 * {@code -Ddifferential.seed=N} replays a run; the figures go to standard output and
 * {@code e2e/target/differential-*.txt}.
 */
@ExtendWith(KernelPrerequisites.class)
class VerdictDifferentialKernelIT {

	private static final int FLOWS = Integer.getInteger("differential.flows", 1000);

	private static final int FLOWS_PER_SCENARIO = Integer.getInteger("differential.flowsPerScenario", 125);

	private static final long SEED = Long.getLong("differential.seed", System.nanoTime());

	private static final Duration CONVERGENCE = Duration.ofSeconds(20);

	private static final Duration ATTEMPT = Duration.ofSeconds(2);

	/** Ports of the convergence marker; never probed. */
	private static final int MARKER_PORTS = 20000;

	private static final ExecutorService POOL = Executors.newFixedThreadPool(16);

	private static World world;

	private static final List<Host> protectedHosts = new ArrayList<>();

	private static final List<Host> hosts = new ArrayList<>();

	private static final Map<Host, String> descriptions = new LinkedHashMap<>();

	private static String marker;

	private static int markerRound;

	@BeforeAll
	static void startTheWorld() {
		world = World.create("differential", (w) -> {
			w.startConsole();
			w.api().createNamespace("/acme", "dev");
			protect(w, "web1", 21, "/acme/prod", "app=web", "tier=front");
			protect(w, "db1", 22, "/acme/prod", "app=db", "tier=back");
			protect(w, "web2", 23, "/acme/dev", "app=web", "tier=front");
			protect(w, "ops", 24, "/acme", "app=ops", "tier=back");
			for (int i = 1; i <= 2; i++) {
				Host host = w.host("ext" + i, 100 + i);
				hosts.add(host);
				descriptions.put(host, "no enforcer");
			}
			for (Host host : protectedHosts) {
				w.enforcer(host).awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			}
			// Whatever a scenario holds, each enforcer has applied it once this policy's
			// latest port is in its kernel (versions apply whole and in order).
			marker = w.api().post("/acme", "/networkaccesspolicies", markerPolicy(MARKER_PORTS)).get("ID").asString();
		});
	}

	private static void protect(World w, String name, int index, String namespace, String... tags) {
		Host host = w.host(name, index);
		w.enforce(host, namespace, w.console().uri(), List.of("--reject-with", "icmp"), tags);
		protectedHosts.add(host);
		hosts.add(host);
		descriptions.put(host, namespace + " " + List.of(tags));
	}

	@AfterAll
	static void stopTheWorld() {
		if (world != null) {
			world.close();
		}
	}

	@Test
	void explainAndTheKernelsAgreeOnEveryFlow() throws IOException {
		Random random = new Random(SEED);
		List<Probe> candidates = candidateFlows();
		int compared = 0;
		int allowed = 0;
		int scenarios = 0;
		long start = System.nanoTime();
		while (compared < FLOWS) {
			scenarios++;
			PolicyScenario scenario = PolicyScenario.random(random);
			Map<Item, String> ids = create(scenario);
			converge();
			List<Probe> expected = sample(random, parallel(candidates, VerdictDifferentialKernelIT::explained),
					Math.min(FLOWS_PER_SCENARIO, FLOWS - compared));
			List<Boolean> passed = parallel(expected, (flow) -> flow.attempt(ATTEMPT));
			for (int i = 0; i < expected.size(); i++) {
				Probe flow = expected.get(i);
				if (passed.get(i) != flow.allowed() && disagrees(flow)) {
					fail(scenarios, scenario, ids, flow);
				}
				allowed += flow.allowed() ? 1 : 0;
			}
			compared += expected.size();
			delete(ids);
		}
		String report = String.format(
				"Differential verdicts: %d flows in %d scenarios agree (%d allowed, %d rejected), seed %d, %d s%n",
				compared, scenarios, allowed, compared - allowed, SEED, (System.nanoTime() - start) / 1_000_000_000L);
		System.out.print(report);
		Files.writeString(Path.of("target", "differential-" + Instant.now().toString().replace(':', '-') + ".txt"),
				report);
		assertThat(compared).isGreaterThanOrEqualTo(FLOWS);
		assertThat(allowed).as("allowed flows among " + compared).isPositive();
		assertThat(compared - allowed).as("rejected flows among " + compared).isPositive();
	}

	/** Every ordered pair of distinct hosts with an enforcer on at least one end. */
	private static List<Probe> candidateFlows() {
		List<Probe> flows = new ArrayList<>();
		for (Host from : hosts) {
			for (Host to : hosts) {
				if (from == to || !(protectedHosts.contains(from) || protectedHosts.contains(to))) {
					continue;
				}
				for (boolean ipv6 : List.of(false, true)) {
					for (int port : World.TCP_PORTS) {
						flows.add(new Probe(from, to, "tcp", port, ipv6, false));
					}
					for (int port : World.UDP_PORTS) {
						flows.add(new Probe(from, to, "udp", port, ipv6, false));
					}
				}
			}
		}
		return flows;
	}

	/**
	 * Up to half of the flows allowed, the rest rejected, at random: most flows of a
	 * random scenario are rejected, and both verdicts must be tried.
	 */
	private static List<Probe> sample(Random random, List<Probe> explained, int count) {
		List<Probe> allowed = new ArrayList<>(explained.stream().filter(Probe::allowed).toList());
		List<Probe> rejected = new ArrayList<>(explained.stream().filter((flow) -> !flow.allowed()).toList());
		Collections.shuffle(allowed, random);
		Collections.shuffle(rejected, random);
		List<Probe> sample = new ArrayList<>(allowed.subList(0, Math.min(allowed.size(), count / 2)));
		sample.addAll(rejected.subList(0, Math.min(rejected.size(), count - sample.size())));
		return sample;
	}

	/** The flow with what {@code /explain} says of it. */
	private static Probe explained(Probe flow) {
		String verdict = explain(flow).get("verdict").asString();
		return new Probe(flow.from(), flow.to(), flow.protocol(), flow.port(), flow.ipv6(), "Allow".equals(verdict));
	}

	private static JsonNode explain(Probe flow) {
		return world.api()
			.post("/", "/explain", map("source", map("address", address(flow.from(), flow.ipv6())), "destination",
					map("address", address(flow.to(), flow.ipv6())), "protocol", flow.protocol(), "port", flow.port()));
	}

	private static String address(Host host, boolean ipv6) {
		return ipv6 ? host.v6() : host.v4();
	}

	/**
	 * Whether the kernel disagrees with the expected verdict on repeated attempts: one
	 * connection passing where a reject was expected is enough; a blocked one where an
	 * allow was expected must be blocked three times (a loaded machine may lose one).
	 */
	private static boolean disagrees(Probe flow) {
		for (int attempt = 0; attempt < 3; attempt++) {
			boolean passed = flow.attempt(ATTEMPT.multipliedBy(2));
			if (passed == flow.allowed()) {
				return false;
			}
			if (passed) {
				return true;
			}
		}
		return true;
	}

	private static Map<Item, String> create(PolicyScenario scenario) {
		Map<Item, String> ids = new LinkedHashMap<>();
		for (Item network : scenario.networks()) {
			ids.put(network, post(network));
		}
		for (Item policy : scenario.policies()) {
			ids.put(policy, post(policy));
		}
		return ids;
	}

	private static String post(Item item) {
		String path = item.body().containsKey("entries") ? "/externalnetworks" : "/networkaccesspolicies";
		return world.api().post(item.namespace(), path, item.body()).get("ID").asString();
	}

	private static void delete(Map<Item, String> ids) {
		List<Map.Entry<Item, String>> entries = new ArrayList<>(ids.entrySet());
		for (int i = entries.size() - 1; i >= 0; i--) {
			delete(entries.get(i).getKey(), entries.get(i).getValue());
		}
	}

	private static void delete(Item item, String id) {
		String path = item.body().containsKey("entries") ? "/externalnetworks/" : "/networkaccesspolicies/";
		world.api().delete(item.namespace(), path + id);
	}

	/** Moves the marker to a new port and waits until every enforcer has it. */
	private static void converge() {
		int port = MARKER_PORTS + (++markerRound % 10000);
		world.api().put("/acme", "/networkaccesspolicies/" + marker, markerPolicy(port));
		Await.until("marker port " + port + " in every kernel", CONVERGENCE,
				() -> protectedHosts.stream()
					.allMatch((host) -> host.table(EnforcerProcess.TABLE).contains("dport " + port + " ")),
				world::logs);
	}

	private static Map<String, Object> markerPolicy(int port) {
		return map("name", "convergence marker", "propagate", true, "subject",
				List.of(List.of("$identity=processingunit")), "object", List.of(List.of("$identity=processingunit")),
				"ports", List.of("tcp/" + port));
	}

	/**
	 * Reduces the scenario to the fewest policies that still disagree on the flow, then
	 * fails with everything needed to reproduce it.
	 */
	private static void fail(int scenarioNumber, PolicyScenario scenario, Map<Item, String> ids, Probe flow) {
		List<Item> kept = new ArrayList<>(scenario.policies());
		for (Item policy : scenario.policies()) {
			delete(policy, ids.remove(policy));
			converge();
			Probe now = explained(flow);
			if (now.allowed() == flow.allowed() && disagrees(now)) {
				kept.remove(policy);
			}
			else {
				ids.put(policy, post(policy));
			}
		}
		converge();
		Probe reduced = explained(flow);
		boolean stillDisagrees = disagrees(reduced);
		StringBuilder text = new StringBuilder();
		text.append("/explain and the kernels disagree (seed ")
			.append(SEED)
			.append(", scenario ")
			.append(scenarioNumber)
			.append(")\n");
		text.append("flow: ")
			.append(flow.from().name())
			.append(" -> ")
			.append(flow.to().name())
			.append(' ')
			.append(flow.protocol())
			.append('/')
			.append(flow.port())
			.append(flow.ipv6() ? " (IPv6)" : " (IPv4)")
			.append(": /explain says ")
			.append(flow.allowed() ? "Allow" : "Reject")
			.append(", the kernels ")
			.append(flow.allowed() ? "blocked it" : "let it through")
			.append('\n');
		text.append("hosts:\n");
		descriptions.forEach((host, description) -> text.append("  ")
			.append(host.name())
			.append(' ')
			.append(host.v4())
			.append(' ')
			.append(host.v6())
			.append(' ')
			.append(description)
			.append('\n'));
		text.append(stillDisagrees
				? "reduced scenario (" + kept.size() + " of " + scenario.policies().size()
						+ " policies; every one is needed for the disagreement):\n"
				: "whole scenario (the reduced one no longer disagrees: the mismatch depends on timing):\n");
		text.append((stillDisagrees ? scenario.withPolicies(kept) : scenario).describe());
		text.append("/explain: ").append(explain(flow)).append('\n');
		for (Host host : List.of(flow.from(), flow.to())) {
			if (protectedHosts.contains(host)) {
				text.append("--- table of ")
					.append(host.name())
					.append(":\n")
					.append(host.table(EnforcerProcess.TABLE));
			}
		}
		delete(ids);
		throw new AssertionError(text.toString());
	}

	private static <T, R> List<R> parallel(List<T> inputs, Function<T, R> function) {
		List<Future<R>> futures = new ArrayList<>();
		for (T input : inputs) {
			futures.add(POOL.submit(() -> function.apply(input)));
		}
		List<R> results = new ArrayList<>();
		for (Future<R> future : futures) {
			try {
				results.add(future.get());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return results;
	}

}
