package io.mseg.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.DnsServer;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.FeedPublisher;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.PolicyScenario;
import io.mseg.e2e.support.PolicyScenario.Item;
import io.mseg.e2e.support.PolicyScenario.Name;
import io.mseg.e2e.support.Probe;
import io.mseg.e2e.support.ResolvingClient;
import io.mseg.e2e.support.ResolvingClient.Attempt;
import io.mseg.e2e.support.ResolvingClient.Outcome;
import io.mseg.e2e.support.WorkloadFiles;
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
 * {@code /acme/dev}), a node in node mode with two workloads (IPv4, routed veths: its
 * enforcer decides their flows on its forward, input and output hooks) and two hosts
 * without. Every flow between two hosts with an enforcer on at least one end (TCP and
 * UDP, IPv4 and IPv6, on the ports the hosts listen on) is explained; a sample of them,
 * up to half allowed, is tried for real once every enforcer has applied the scenario, and
 * each result is compared with the explained verdict. The enforcers refuse with ICMP
 * ({@code --reject-with icmp}), so a refused probe fails at once.
 * <p>
 * External networks may hold domain entries, and the enforced hosts resolve through a DNS
 * server of the lab ({@code dnsmasq}, the records of {@link PolicyScenario#NAMES}: names
 * whose addresses are extra addresses of the hosts without enforcers, a CNAME, one name
 * of a processing unit's addresses). After the flows by address, a sample of flows by
 * name from two enforced hosts at random (up to half allowed) is tried: the host looks
 * the name up through its system resolver (through its enforcer's interception whenever
 * its rules name a domain entry) and connects at once ({@link ResolvingClient});
 * {@code /explain} is asked with the name and the address it resolves to. Then the hosts
 * without enforcers connect from those addresses to the enforced hosts that have just
 * looked the names up: a domain entry matches only connections a unit initiates, so only
 * an address entry may let them in.
 * <p>
 * One external network of each scenario takes its entries from a feed the test publishes
 * ({@link FeedPublisher}, fetched by the console over HTTPS from its host): the flows are
 * tried once the console has fetched it and every enforcer has applied the version it
 * made, and are compared like any other.
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

	/** Flows by name per scenario, besides the flows by address. */
	private static final int NAME_FLOWS_PER_SCENARIO = Integer.getInteger("differential.nameFlowsPerScenario", 16);

	/** Connections from a name's address to a unit that looked it up, per scenario. */
	private static final int FROM_NAME_FLOWS_PER_SCENARIO = Integer.getInteger("differential.fromNameFlowsPerScenario",
			8);

	/**
	 * Units that look names up per scenario, at random: each runs a client JVM, the
	 * costliest part of a flow by name.
	 */
	private static final int NAME_UNITS_PER_SCENARIO = 2;

	/** Longer than a run: an answer never expires between a lookup and its connection. */
	private static final int TTL = 600;

	private static final long SEED = Long.getLong("differential.seed", System.nanoTime());

	private static final Duration CONVERGENCE = Duration.ofSeconds(20);

	private static final Duration ATTEMPT = Duration.ofSeconds(2);

	/** Ports of the convergence marker; never probed. */
	private static final int MARKER_PORTS = 20000;

	private static final ExecutorService POOL = Executors.newFixedThreadPool(16);

	private static World world;

	/** The hosts with an enforcer of their own (and a table). */
	private static final List<Host> protectedHosts = new ArrayList<>();

	/** Workloads (IPv4 only) and the node whose enforcer protects them. */
	private static final Map<Host, Host> nodeOf = new LinkedHashMap<>();

	private static final List<Host> hosts = new ArrayList<>();

	private static final Map<Host, String> descriptions = new LinkedHashMap<>();

	private static final Map<String, Host> byName = new LinkedHashMap<>();

	private static DnsServer dns;

	private static FeedPublisher feeds;

	/** Numbers the feeds: each network created gets a path of its own. */
	private static int feedCount;

	/** The IDs of the current scenario's networks fed from a feed. */
	private static final Set<String> fedNetworks = ConcurrentHashMap.newKeySet();

	private static String marker;

	private static int markerRound;

	@BeforeAll
	static void startTheWorld() {
		world = World.create("differential", (w) -> {
			dns = w.dnsServer("dns", 53, zone());
			feeds = w.feeds();
			w.startConsole();
			w.api().createNamespace("/acme", "dev");
			protect(w, "web1", 21, "/acme/prod", "app=web", "tier=front");
			protect(w, "db1", 22, "/acme/prod", "app=db", "tier=back");
			protect(w, "web2", 23, "/acme/dev", "app=web", "tier=front");
			protect(w, "ops", 24, "/acme", "app=ops", "tier=back");
			node(w, "node", 25, "/acme/prod", "app=ops", "tier=front");
			for (int i = 1; i <= 2; i++) {
				Host host = w.host("ext" + i, 100 + i);
				hosts.add(host);
				byName.put(host.name(), host);
				descriptions.put(host, "no enforcer");
			}
			for (Name name : PolicyScenario.NAMES) {
				Host host = byName.get(name.host());
				if (!protectedHosts.contains(host)) {
					host.ip("addr", "add", name.v4() + "/24", "dev", "eth0");
					// Deprecated: never chosen as the source of the host's own
					// connections, which must come from its first address.
					host.ip("-6", "addr", "add", name.v6() + "/64", "dev", "eth0", "nodad", "preferred_lft", "0");
					host.listenUdp(name.v4(), World.UDP_PORTS);
					host.listenUdp(name.v6(), World.UDP_PORTS);
					descriptions.put(host, descriptions.get(host) + ", also " + name.v4() + " " + name.v6());
				}
			}
			nodeOf.values()
				.stream()
				.distinct()
				.forEach((node) -> w.lab()
					.route("10.244.25.0/24", node,
							hosts.stream()
								.filter((host) -> host != node && !nodeOf.containsKey(host))
								.toArray(Host[]::new)));
			for (Host host : protectedHosts) {
				w.enforcer(host).awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			}
			nodeOf.forEach((workload, node) -> Await.until(workload.name() + " enforced on " + node.name(),
					Duration.ofSeconds(30),
					() -> node.table(EnforcerProcess.TABLE).contains("\"cali" + workload.name() + "\" . "), w::logs));
			// Whatever a scenario holds, each enforcer has applied it once this policy's
			// latest port is in its kernel (versions apply whole and in order).
			marker = w.api().post("/acme", "/networkaccesspolicies", markerPolicy(MARKER_PORTS)).get("ID").asString();
		});
	}

	private static Host protect(World w, String name, int index, String namespace, List<String> options,
			String... tags) {
		Host host = w.host(name, index);
		dns.serve(host);
		List<String> flags = new ArrayList<>(List.of("--reject-with", "icmp"));
		flags.addAll(options);
		w.enforce(host, namespace, w.console().uri(), flags, tags);
		protectedHosts.add(host);
		hosts.add(host);
		byName.put(name, host);
		descriptions.put(host, namespace + " " + List.of(tags));
		return host;
	}

	private static void protect(World w, String name, int index, String namespace, String... tags) {
		protect(w, name, index, namespace, List.of(), tags);
	}

	/**
	 * A node in node mode with two workloads (routed, as Calico's CNI sets them up), each
	 * a processing unit of the node's namespace: {@code pod1} app=db tier=front,
	 * {@code pod2} app=web tier=back.
	 */
	private static void node(World w, String name, int index, String namespace, String... tags) {
		Path directory = w.directory("workloads-" + name);
		Host node = protect(w, name, index, namespace, List.of("--workloads", "directory:" + directory), tags);
		workload(w, node, directory, "pod1", "10.244.25.31", namespace, "app=db", "tier=front");
		workload(w, node, directory, "pod2", "10.244.25.32", namespace, "app=web", "tier=back");
	}

	private static void workload(World w, Host node, Path directory, String name, String v4, String namespace,
			String... tags) {
		Host workload = w.workload(node, name, v4, null, "cali" + name);
		WorkloadFiles.write(directory, name, "Pod", v4, "cali" + name, tags);
		nodeOf.put(workload, node);
		hosts.add(workload);
		byName.put(name, workload);
		descriptions.put(workload, "workload on " + node.name() + ", " + namespace + " " + List.of(tags));
	}

	/** The records of {@link PolicyScenario#NAMES}. */
	private static DnsServer.Zone zone() {
		DnsServer.Zone zone = new DnsServer.Zone().local("mseg.test").local("elsewhere.test");
		for (Name name : PolicyScenario.NAMES) {
			if (!name.canonical().equals(name.name())) {
				zone.cname(name.name(), name.canonical(), TTL);
			}
			zone.host(name.canonical(), TTL, name.v4(), name.v6());
		}
		return zone;
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
		List<AddressFlow> candidates = candidateFlows();
		List<NameFlow> toNames = nameFlows(false);
		List<NameFlow> fromNames = nameFlows(true);
		int compared = 0;
		int allowed = 0;
		int viaFeeds = 0;
		int workloadFlows = 0;
		int workloadAllowed = 0;
		int scenarios = 0;
		Tally toName = new Tally();
		Tally fromName = new Tally();
		long start = System.nanoTime();
		long namesNanos = 0;
		while (compared < FLOWS) {
			scenarios++;
			PolicyScenario scenario = PolicyScenario.random(random);
			Map<Item, String> ids = create(scenario);
			converge();
			List<AddressFlow> expected = sample(random, parallel(candidates, AddressFlow::explained),
					Math.min(FLOWS_PER_SCENARIO, FLOWS - compared));
			List<Boolean> passed = parallel(expected, (flow) -> flow.attempt(ATTEMPT));
			for (int i = 0; i < expected.size(); i++) {
				AddressFlow flow = expected.get(i);
				if (passed.get(i) != flow.allowed() && disagrees(flow)) {
					fail(scenarios, scenario, ids, flow);
				}
				allowed += flow.allowed() ? 1 : 0;
				viaFeeds += flow.viaFeed() ? 1 : 0;
				if (flow.hosts().stream().anyMatch(nodeOf::containsKey)) {
					workloadFlows++;
					workloadAllowed += flow.allowed() ? 1 : 0;
				}
			}
			compared += expected.size();
			long namesStart = System.nanoTime();
			Set<String> lookedUp = compareByName(random, scenarios, scenario, ids, toNames, toName);
			compareFromNames(random, scenarios, scenario, ids,
					fromNames.stream().filter((flow) -> lookedUp.contains(flow.lookup())).toList(), fromName);
			namesNanos += System.nanoTime() - namesStart;
			delete(ids);
		}
		String report = String.format(
				"Differential verdicts: %d flows in %d scenarios agree (%d allowed, %d rejected), seed %d, %d s%n"
						+ "  (%d of them decided by a policy through a network fed from a feed; %d from or to a"
						+ " workload, %d of those allowed)%n"
						+ "  and %d flows by name (%d allowed, %d rejected), %d from a name's address to a unit"
						+ " that looked it up (%d allowed, %d rejected), %d s of the run%n",
				compared, scenarios, allowed, compared - allowed, SEED, (System.nanoTime() - start) / 1_000_000_000L,
				viaFeeds, workloadFlows, workloadAllowed, toName.compared, toName.allowed,
				toName.compared - toName.allowed, fromName.compared, fromName.allowed,
				fromName.compared - fromName.allowed, namesNanos / 1_000_000_000L);
		System.out.print(report);
		Files.writeString(Path.of("target", "differential-" + Instant.now().toString().replace(':', '-') + ".txt"),
				report);
		assertThat(compared).isGreaterThanOrEqualTo(FLOWS);
		assertThat(allowed).as("allowed flows among " + compared).isPositive();
		assertThat(workloadFlows).as("flows of workloads among " + compared).isPositive();
		assertThat(compared - allowed).as("rejected flows among " + compared).isPositive();
		assertThat(toName.allowed).as("allowed flows by name among " + toName.compared).isPositive();
		assertThat(toName.compared - toName.allowed).as("rejected flows by name among " + toName.compared).isPositive();
		assertThat(fromName.compared - fromName.allowed).as("rejected flows from names' addresses").isPositive();
	}

	/** Flows compared and how many of them were allowed. */
	private static final class Tally {

		private int compared;

		private int allowed;

		void add(Flow flow) {
			this.compared++;
			this.allowed += flow.allowed() ? 1 : 0;
		}

	}

	/**
	 * Tries a sample of the flows by name of a few units, each unit's in one client run:
	 * a lookup through the unit's resolver and a connection at once.
	 * @return the lookups made, {@code <unit> <name>}
	 */
	private static Set<String> compareByName(Random random, int scenarioNumber, PolicyScenario scenario,
			Map<Item, String> ids, List<NameFlow> candidates, Tally tally) {
		List<Host> units = new ArrayList<>(nameUnits());
		Collections.shuffle(units, random);
		List<NameFlow> theirs = candidates.stream()
			.filter((flow) -> units.subList(0, NAME_UNITS_PER_SCENARIO).contains(flow.unit()))
			.toList();
		List<NameFlow> expected = sample(random, parallel(theirs, NameFlow::explained), NAME_FLOWS_PER_SCENARIO);
		Map<Host, List<NameFlow>> byUnit = new LinkedHashMap<>();
		expected.forEach((flow) -> byUnit.computeIfAbsent(flow.unit(), (unit) -> new ArrayList<>()).add(flow));
		List<Map.Entry<Host, List<NameFlow>>> runs = new ArrayList<>(byUnit.entrySet());
		List<Outcome> outcomes = parallel(runs, (run) -> lookUpAndConnect(run.getKey(), run.getValue(), ATTEMPT));
		Set<String> lookedUp = new LinkedHashSet<>();
		for (int r = 0; r < runs.size(); r++) {
			for (NameFlow flow : runs.get(r).getValue()) {
				boolean passed = flow.attemptIn(outcomes.get(r)).ok();
				lookedUp.add(flow.lookup());
				if (passed != flow.allowed() && disagrees(flow)) {
					fail(scenarioNumber, scenario, ids, flow);
				}
				tally.add(flow);
			}
		}
		return lookedUp;
	}

	/** Tries a sample of the connections from names' addresses to the units. */
	private static void compareFromNames(Random random, int scenarioNumber, PolicyScenario scenario,
			Map<Item, String> ids, List<NameFlow> candidates, Tally tally) {
		List<NameFlow> expected = sample(random, parallel(candidates, NameFlow::explained),
				FROM_NAME_FLOWS_PER_SCENARIO);
		List<Boolean> passed = parallel(expected, (flow) -> flow.attempt(ATTEMPT));
		for (int i = 0; i < expected.size(); i++) {
			NameFlow flow = expected.get(i);
			if (passed.get(i) != flow.allowed() && disagrees(flow)) {
				fail(scenarioNumber, scenario, ids, flow);
			}
			tally.add(flow);
		}
	}

	/**
	 * One client run in a unit: each flow's name looked up and connected to at once.
	 * @return what the client printed
	 */
	private static Outcome lookUpAndConnect(Host unit, List<NameFlow> flows, Duration timeout) {
		return ResolvingClient.run(unit, Duration.ofSeconds(60),
				List.of("--timeout-ms", Long.toString(timeout.toMillis())),
				flows.stream().map(NameFlow::spec).toArray(String[]::new));
	}

	/**
	 * The hosts whose flows by name are tried: the four enforced hosts, not the node (its
	 * own lookups are a host's like theirs; its workloads' are not intercepted, see
	 * docs/enforcer.md): with it, two units of five looked names up per scenario, and a
	 * run could find no allowed flow by name at all.
	 */
	private static List<Host> nameUnits() {
		return protectedHosts.stream().filter((host) -> !nodeOf.containsValue(host)).toList();
	}

	private static boolean isProtected(Host host) {
		return protectedHosts.contains(host) || nodeOf.containsKey(host);
	}

	/** Every ordered pair of distinct hosts with an enforcer on at least one end. */
	private static List<AddressFlow> candidateFlows() {
		List<AddressFlow> flows = new ArrayList<>();
		for (Host from : hosts) {
			for (Host to : hosts) {
				if (from == to || !(isProtected(from) || isProtected(to))) {
					continue;
				}
				for (boolean ipv6 : List.of(false, true)) {
					if (ipv6 && (from.v6() == null || to.v6() == null)) {
						continue;
					}
					for (int port : World.TCP_PORTS) {
						flows.add(new AddressFlow(new Probe(from, to, "tcp", port, ipv6, false)));
					}
					for (int port : World.UDP_PORTS) {
						flows.add(new AddressFlow(new Probe(from, to, "udp", port, ipv6, false)));
					}
				}
			}
		}
		return flows;
	}

	/**
	 * Every flow between an enforced host and a name: the unit connecting to the name
	 * (not its own), or the name's host connecting from the name's address to the unit
	 * (the names of hosts without enforcers only).
	 * @param fromName which of the two
	 */
	private static List<NameFlow> nameFlows(boolean fromName) {
		List<NameFlow> flows = new ArrayList<>();
		for (Host unit : nameUnits()) {
			for (Name name : PolicyScenario.NAMES) {
				Host target = byName.get(name.host());
				if (target == unit || (fromName && protectedHosts.contains(target))) {
					continue;
				}
				for (boolean ipv6 : List.of(false, true)) {
					for (int port : World.TCP_PORTS) {
						flows.add(new NameFlow(unit, name, fromName, "tcp", port, ipv6, false));
					}
					for (int port : World.UDP_PORTS) {
						flows.add(new NameFlow(unit, name, fromName, "udp", port, ipv6, false));
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
	private static <F extends Flow> List<F> sample(Random random, List<F> explained, int count) {
		List<F> allowed = new ArrayList<>(explained.stream().filter(Flow::allowed).toList());
		List<F> rejected = new ArrayList<>(explained.stream().filter((flow) -> !flow.allowed()).toList());
		Collections.shuffle(allowed, random);
		Collections.shuffle(rejected, random);
		List<F> sample = new ArrayList<>(allowed.subList(0, Math.min(allowed.size(), count / 2)));
		sample.addAll(rejected.subList(0, Math.min(rejected.size(), count - sample.size())));
		return sample;
	}

	private static boolean allows(JsonNode explanation) {
		return "Allow".equals(explanation.get("verdict").asString());
	}

	private static JsonNode explain(Map<String, Object> source, Map<String, Object> destination, String protocol,
			int port) {
		return world.api()
			.post("/", "/explain",
					map("source", source, "destination", destination, "protocol", protocol, "port", port));
	}

	private static String address(Host host, boolean ipv6) {
		return ipv6 ? host.v6() : host.v4();
	}

	/**
	 * Whether the kernel disagrees with the expected verdict on repeated attempts: one
	 * connection passing where a reject was expected is enough; a blocked one where an
	 * allow was expected must be blocked three times (a loaded machine may lose one).
	 */
	private static boolean disagrees(Flow flow) {
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

	/**
	 * Creates a scenario's objects and waits until the console has fetched the feeds of
	 * its networks ({@link #converge()} then waits for the enforcers).
	 */
	private static Map<Item, String> create(PolicyScenario scenario) {
		Map<Item, String> ids = new LinkedHashMap<>();
		for (Item network : scenario.networks()) {
			ids.put(network, post(network));
		}
		for (Item policy : scenario.policies()) {
			ids.put(policy, post(policy));
		}
		for (Item network : scenario.networks()) {
			if (network.feed() != null) {
				fedNetworks.add(ids.get(network));
				world.awaitSourceStatus(network.namespace(), ids.get(network), "the feed of " + network, CONVERGENCE,
						(status) -> status.has("lastSuccessTime")
								&& status.path("entryCount").asInt() == network.feed().size());
			}
		}
		return ids;
	}

	private static String post(Item item) {
		if (!item.network()) {
			return world.api().post(item.namespace(), "/networkaccesspolicies", item.body()).get("ID").asString();
		}
		Map<String, Object> body = new LinkedHashMap<>(item.body());
		if (item.feed() != null) {
			String path = "/differential/feed-" + (++feedCount) + ".txt";
			feeds.publish(path, "# " + item.name() + "\n" + String.join("\n", item.feed()) + "\n");
			body.put("source", world.feedSource(path));
		}
		return world.api().post(item.namespace(), "/externalnetworks", body).get("ID").asString();
	}

	private static void delete(Map<Item, String> ids) {
		fedNetworks.clear();
		List<Map.Entry<Item, String>> entries = new ArrayList<>(ids.entrySet());
		for (int i = entries.size() - 1; i >= 0; i--) {
			delete(entries.get(i).getKey(), entries.get(i).getValue());
		}
	}

	private static void delete(Item item, String id) {
		String path = item.network() ? "/externalnetworks/" : "/networkaccesspolicies/";
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
	private static void fail(int scenarioNumber, PolicyScenario scenario, Map<Item, String> ids, Flow flow) {
		List<Item> kept = new ArrayList<>(scenario.policies());
		for (Item policy : scenario.policies()) {
			delete(policy, ids.remove(policy));
			converge();
			Flow now = flow.explained();
			if (now.allowed() == flow.allowed() && disagrees(now)) {
				kept.remove(policy);
			}
			else {
				ids.put(policy, post(policy));
			}
		}
		converge();
		Flow reduced = flow.explained();
		boolean stillDisagrees = disagrees(reduced);
		StringBuilder text = new StringBuilder();
		text.append("/explain and the kernels disagree (seed ")
			.append(SEED)
			.append(", scenario ")
			.append(scenarioNumber)
			.append(")\n");
		text.append("flow: ")
			.append(flow.describe())
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
		text.append("/explain: ").append(flow.explain()).append('\n');
		for (Host host : flow.hosts()) {
			Host enforced = nodeOf.getOrDefault(host, host);
			if (protectedHosts.contains(enforced)) {
				text.append("--- table of ")
					.append(enforced.name())
					.append(":\n")
					.append(enforced.table(EnforcerProcess.TABLE));
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

	/** A flow to compare: what {@code /explain} says of it, and what the kernels do. */
	private interface Flow {

		/** Whether {@code /explain} allowed it (when it was asked). */
		boolean allowed();

		/** The same flow with the verdict of {@code /explain} now. */
		Flow explained();

		JsonNode explain();

		/**
		 * Tries the connection once.
		 * @param timeout how long the attempt may take
		 * @return whether it succeeded
		 */
		boolean attempt(Duration timeout);

		/** Its hosts, initiator first. */
		List<Host> hosts();

		String describe();

	}

	/**
	 * A flow from one host's address to another's.
	 *
	 * @param probe the connection and its expected verdict
	 * @param viaFeed whether a policy decided it through a network fed from a feed
	 */
	private record AddressFlow(Probe probe, boolean viaFeed) implements Flow {

		AddressFlow(Probe probe) {
			this(probe, false);
		}

		@Override
		public boolean allowed() {
			return this.probe.allowed();
		}

		@Override
		public AddressFlow explained() {
			Probe p = this.probe;
			JsonNode explanation = explain();
			return new AddressFlow(new Probe(p.from(), p.to(), p.protocol(), p.port(), p.ipv6(), allows(explanation)),
					viaFeed(explanation));
		}

		private static boolean viaFeed(JsonNode explanation) {
			for (String side : List.of("outgoing", "incoming")) {
				for (JsonNode policy : explanation.path(side).path("decidingPolicies")) {
					if (fedNetworks.contains(policy.path("externalNetworkID").asString(""))) {
						return true;
					}
				}
			}
			return false;
		}

		@Override
		public JsonNode explain() {
			Probe p = this.probe;
			return VerdictDifferentialKernelIT.explain(map("address", address(p.from(), p.ipv6())),
					map("address", address(p.to(), p.ipv6())), p.protocol(), p.port());
		}

		@Override
		public boolean attempt(Duration timeout) {
			return this.probe.attempt(timeout);
		}

		@Override
		public List<Host> hosts() {
			return List.of(this.probe.from(), this.probe.to());
		}

		@Override
		public String describe() {
			Probe p = this.probe;
			return p.from().name() + " -> " + p.to().name() + " " + p.protocol() + "/" + p.port()
					+ (p.ipv6() ? " (IPv6)" : " (IPv4)");
		}

	}

	/**
	 * A flow between a unit and a name's address: the unit looks the name up and connects
	 * at once (explained with the name and the address), or, with {@code fromName}, the
	 * name's host connects from that address to the unit (explained with the address
	 * only: a host that connects in has no name).
	 */
	private record NameFlow(Host unit, Name name, boolean fromName, String protocol, int port, boolean ipv6,
			boolean allowed) implements Flow {

		String nameAddress() {
			return this.ipv6 ? this.name.v6() : this.name.v4();
		}

		/** The argument of {@link io.mseg.e2e.support.ResolveThenConnect} for it. */
		String spec() {
			return this.protocol + "/" + this.port + "/" + (this.ipv6 ? "v6" : "v4") + "/" + this.name.name();
		}

		/** The lookup it stands for: {@code <unit> <name>}. */
		String lookup() {
			return this.unit.name() + " " + this.name.name();
		}

		@Override
		public NameFlow explained() {
			return new NameFlow(this.unit, this.name, this.fromName, this.protocol, this.port, this.ipv6,
					allows(explain()));
		}

		@Override
		public JsonNode explain() {
			Map<String, Object> unitEnd = map("address", address(this.unit, this.ipv6));
			if (this.fromName) {
				return VerdictDifferentialKernelIT.explain(map("address", nameAddress()), unitEnd, this.protocol,
						this.port);
			}
			return VerdictDifferentialKernelIT.explain(unitEnd,
					map("domain", this.name.name(), "address", nameAddress()), this.protocol, this.port);
		}

		@Override
		public boolean attempt(Duration timeout) {
			if (this.fromName) {
				Host from = byName.get(this.name.host());
				String to = address(this.unit, this.ipv6);
				return "udp".equals(this.protocol) ? from.udpFrom(nameAddress(), to, this.port, timeout)
						: from.tcpFrom(nameAddress(), to, this.port, timeout);
			}
			return attemptIn(lookUpAndConnect(this.unit, List.of(this), timeout)).ok();
		}

		/**
		 * Its attempt in a client's output; the lookup must have given the name's address
		 * (anything else is the lab's fault, or a lookup the enforcer broke).
		 */
		Attempt attemptIn(Outcome outcome) {
			Attempt attempt = outcome.attempts()
				.stream()
				.filter((candidate) -> candidate.name().equals(spec()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no attempt " + spec() + " in " + this.unit.name()
						+ "'s client:\n" + outcome.output() + "\n" + world.logs()));
			if (!attempt.address().equals(nameAddress())) {
				throw new AssertionError(this.unit.name() + " looked " + this.name.name() + " up as "
						+ attempt.address() + " (" + attempt.detail() + "), not " + nameAddress() + "\n"
						+ outcome.output() + "\n" + world.logs());
			}
			return attempt;
		}

		@Override
		public List<Host> hosts() {
			Host host = byName.get(this.name.host());
			return this.fromName ? List.of(host, this.unit) : List.of(this.unit, host);
		}

		@Override
		public String describe() {
			String family = this.ipv6 ? " (IPv6)" : " (IPv4)";
			if (this.fromName) {
				return this.name.host() + " from " + nameAddress() + " (the address of " + this.name.name() + ", which "
						+ this.unit.name() + " has looked up) -> " + this.unit.name() + " " + this.protocol + "/"
						+ this.port + family;
			}
			return this.unit.name() + " -> " + this.name.name() + " (" + nameAddress() + ", on " + this.name.host()
					+ "; looked up through " + this.unit.name() + "'s resolver and connected at once) " + this.protocol
					+ "/" + this.port + family;
		}

	}

}
