package io.mseg.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JsonNode;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.Probe;
import io.mseg.e2e.support.WorkloadFiles;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.mseg.e2e.support.Bodies.map;
import static io.mseg.e2e.support.Probe.allowed;
import static io.mseg.e2e.support.Probe.blocked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node mode as deployed: two nodes, each with an enforcer process inside the node's
 * network namespace following a directory of workload files, and workloads in namespaces
 * of their own behind routed veths (as Calico's CNI sets them up). Policies between
 * workloads on one node and on two nodes, from an external network to a workload, and
 * workloads added, relabelled and removed while traffic is checked.
 */
@ExtendWith(KernelPrerequisites.class)
class NodeModeKernelIT {

	private static final Duration CONVERGENCE = Duration.ofSeconds(10);

	private static World world;

	private static Host node1;

	private static Host node2;

	private static Host internet;

	private static Host web;

	private static Host api;

	private static Host db;

	private static Host ghost;

	private static Path workloads1;

	private static Path workloads2;

	@BeforeAll
	static void startTheWorld() {
		world = World.create("node-mode", (w) -> {
			node1 = w.host("node1", 11);
			node2 = w.host("node2", 12);
			internet = w.host("inet", 100);
			web = w.workload(node1, "web", "10.244.1.10", "fd00:244:1::10", "caliweb");
			api = w.workload(node1, "api", "10.244.1.11", "fd00:244:1::11", "caliapi");
			// on node 1's workload interfaces, but in no workload file
			ghost = w.workload(node1, "ghost", "10.244.1.99", null, "calighost");
			db = w.workload(node2, "db", "10.244.2.20", "fd00:244:2::20", "calidb");
			w.lab().route("10.244.1.0/24", node1, node2, internet);
			w.lab().route("10.244.2.0/24", node2, node1, internet);
			w.lab().route("fd00:244:1::/64", node1, node2, internet);
			w.lab().route("fd00:244:2::/64", node2, node1, internet);
			// the routes and neighbours of the lab settle before anything is enforced
			Await.until("workloads reachable without enforcers", CONVERGENCE, () -> {
				try {
					Probe.check(allowed(internet, web, "tcp", 443), allowed(web, api, "tcp", 8080),
							allowed(web, db, "tcp", 8080), allowed(ghost, api, "tcp", 8080),
							allowed(internet, web, "tcp", 443).v6(), allowed(web, api, "tcp", 8080).v6(),
							allowed(web, db, "tcp", 8080).v6());
					return true;
				}
				catch (AssertionError ex) {
					return false;
				}
			});
			workloads1 = w.directory("workloads-node1");
			workloads2 = w.directory("workloads-node2");
			WorkloadFiles.write(workloads1, "web", "Pod", List.of("10.244.1.10", "fd00:244:1::10"), "caliweb",
					"app=frontend");
			WorkloadFiles.write(workloads1, "api", "Pod", List.of("10.244.1.11", "fd00:244:1::11"), "caliapi",
					"app=backend");
			WorkloadFiles.write(workloads2, "db", "Container", List.of("10.244.2.20", "fd00:244:2::20"), "calidb",
					"app=backend");
			w.startConsole();
			for (EnforcerProcess enforcer : List.of(
					w.enforce(node1, World.PROD, w.console().uri(), nodeMode(workloads1), "role=node"),
					w.enforce(node2, World.PROD, w.console().uri(), nodeMode(workloads2), "role=node"))) {
				enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			}
			awaitUnits(w, "node1", "node2", "web", "api", "db");
		});
	}

	@AfterAll
	static void stopTheWorld() {
		if (world != null) {
			world.close();
		}
	}

	@AfterEach
	void deletePolicies() {
		world.deleteObjects();
		for (Host node : List.of(node1, node2)) {
			Await.until("no policy rule left in " + node, CONVERGENCE,
					() -> !node.table(EnforcerProcess.TABLE).contains("allow:"), world::logs);
		}
	}

	@Test
	void theWorkloadsAreProcessingUnitsOfTheirTypeWithTheirLabelsAsTags() {
		var web = unit("web");
		assertThat(web.get("type").asString()).isEqualTo("Pod");
		assertThat(web.get("addresses").get(0).asString()).isEqualTo("10.244.1.10");
		assertThat(web.get("normalizedTags").toString()).contains("app=frontend", "$type=Pod");
		assertThat(unit("db").get("type").asString()).isEqualTo("Container");
		assertThat(unit("node1").get("type").asString()).isEqualTo("Host");
	}

	@Test
	void withoutPoliciesEveryWorkloadConnectionIsRejectedAndUnknownWorkloadsToo() {
		Probe.check(blocked(internet, web, "tcp", 443), blocked(internet, web, "tcp", 443).v6(),
				blocked(web, api, "tcp", 8080), blocked(web, api, "tcp", 8080).v6(), blocked(api, web, "tcp", 8080),
				blocked(web, db, "tcp", 8080), blocked(db, api, "udp", 6379), blocked(ghost, api, "tcp", 8080),
				blocked(internet, ghost, "tcp", 443), blocked(web, node1, "tcp", 443));
		assertThat(node1.table(EnforcerProcess.TABLE)).contains("chain forward_sources", "chain forward_destinations",
				"iifname \"cali*\" counter");
	}

	@Test
	void policiesBetweenWorkloadsOnOneNodeAndOnTwoNodesAndFromTheInternet() {
		world.create("/acme", "/externalnetworks", map("name", "internet", "entries", List.of("0.0.0.0/0", "::/0"),
				"associatedTags", List.of("ext:name=internet"), "propagate", true));
		String fromInternet = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "internet to the front end", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("ext:name=internet")), "object", List.of(List.of("app=frontend")), "ports",
						List.of("tcp/443")));
		String toBackends = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "front end to back ends", "subject", List.of(List.of("app=frontend")), "object",
						List.of(List.of("app=backend")), "ports", List.of("tcp/8080")));
		// neighbours found again under the enforcers' rules (a workload's gateway is the
		// node's link-local address: IPv6 neighbour discovery must pass)
		for (Host host : List.of(node1, node2, web, api, db)) {
			host.ip("-6", "neigh", "flush", "all");
		}
		world.awaitRules(fromInternet, true, CONVERGENCE, node1);
		world.awaitRules(toBackends, true, CONVERGENCE, node1, node2);
		Probe.check(allowed(internet, web, "tcp", 443), allowed(internet, web, "tcp", 443).v6(),
				blocked(internet, web, "tcp", 8080), blocked(internet, web, "tcp", 8080).v6(),
				allowed(web, api, "tcp", 8080).v6(), blocked(api, web, "tcp", 8080).v6(),
				allowed(web, db, "tcp", 8080).v6(), blocked(db, web, "tcp", 8080).v6(),
				blocked(internet, api, "tcp", 443),
				// same node, both sides' rules in one forward hook
				allowed(web, api, "tcp", 8080), blocked(web, api, "tcp", 443), blocked(api, web, "tcp", 8080),
				// two nodes: the source's node decides its outgoing side, the
				// destination's node the incoming side
				allowed(web, db, "tcp", 8080), blocked(db, web, "tcp", 8080), blocked(web, db, "udp", 6379),
				// an unknown workload gets nothing, whatever the policies
				blocked(ghost, api, "tcp", 8080), blocked(internet, ghost, "tcp", 443));
	}

	@Test
	void workloadsAddedRelabelledAndRemovedWhileTrafficIsChecked() {
		String toBackends = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "front end to back ends", "subject", List.of(List.of("app=frontend")), "object",
						List.of(List.of("app=backend")), "ports", List.of("tcp/8080")));
		world.awaitRules(toBackends, true, CONVERGENCE, node1, node2);
		Probe.check(allowed(web, api, "tcp", 8080), allowed(web, db, "tcp", 8080));

		// relabelled: api is no back end any more
		WorkloadFiles.write(workloads1, "api", "Pod", List.of("10.244.1.11", "fd00:244:1::11"), "caliapi",
				"app=legacy");
		Duration relabel = Await.until("api relabelled", CONVERGENCE,
				() -> !blocked(web, api, "tcp", 8080).attempt(Probe.TIMEOUT), world::logs);
		Probe.check(blocked(web, api, "tcp", 8080), allowed(web, db, "tcp", 8080));

		// added: the ghost gets a workload file, as a back end
		WorkloadFiles.write(workloads1, "ghost", "Pod", "10.244.1.99", "calighost", "app=backend");
		Duration added = Await.until("ghost protected as a back end", CONVERGENCE,
				() -> allowed(web, ghost, "tcp", 8080).attempt(Probe.TIMEOUT), world::logs);
		Probe.check(allowed(web, ghost, "tcp", 8080), blocked(ghost, api, "tcp", 8080));

		// removed: its file deleted, it is an unknown workload again and gone from the
		// console
		WorkloadFiles.delete(workloads1, "ghost");
		Duration removed = Await.until("ghost unknown again", CONVERGENCE,
				() -> !allowed(web, ghost, "tcp", 8080).attempt(Probe.TIMEOUT), world::logs);
		awaitUnits(world, "node1", "node2", "web", "api", "db");
		Probe.check(blocked(web, ghost, "tcp", 8080), allowed(web, db, "tcp", 8080));
		System.out.printf("node mode: relabel %d ms, add %d ms, remove %d ms until traffic followed%n",
				relabel.toMillis(), added.toMillis(), removed.toMillis());
		WorkloadFiles.write(workloads1, "api", "Pod", List.of("10.244.1.11", "fd00:244:1::11"), "caliapi",
				"app=backend");
	}

	@Test
	void aMalformedWorkloadFileChangesNothingAndIsReported() {
		WorkloadFiles.write(workloads2, "db", "Container", List.of("10.244.2.20", "fd00:244:2::20"), "calidb",
				"app=backend");
		Path broken = workloads2.resolve("db.json");
		try {
			Files.writeString(broken, "{\"addresses\": [\"10.244.2.20\"], \"interface\": \"calidb\", \"lables\": {}}");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		world.enforcer(node2).awaitLog("unknown field 'lables'", 1, CONVERGENCE);
		String toBackends = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "front end to back ends", "subject", List.of(List.of("app=frontend")), "object",
						List.of(List.of("app=backend")), "ports", List.of("tcp/8080")));
		world.awaitRules(toBackends, true, CONVERGENCE, node1, node2);
		// the last good version (a back end) stays
		Probe.check(allowed(web, db, "tcp", 8080));
		WorkloadFiles.write(workloads2, "db", "Container", List.of("10.244.2.20", "fd00:244:2::20"), "calidb",
				"app=backend");
	}

	private static List<String> nodeMode(Path workloads) {
		return List.of("--workloads", "directory:" + workloads, "--workload-interfaces", "cali*");
	}

	private static JsonNode unit(String name) {
		return world.api()
			.get(World.PROD, "/processingunits")
			.valueStream()
			.filter((unit) -> name.equals(unit.get("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no processing unit " + name));
	}

	private static void awaitUnits(World in, String... names) {
		Await.until("processing units " + List.of(names), CONVERGENCE,
				() -> in.api()
					.get(World.PROD, "/processingunits")
					.valueStream()
					.map((unit) -> unit.get("name").asString())
					.sorted()
					.toList()
					.equals(Arrays.stream(names).sorted().toList()),
				in::logs);
	}

}
