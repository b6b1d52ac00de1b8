package io.mseg.e2e;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.Probe;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.mseg.e2e.support.Bodies.map;
import static io.mseg.e2e.support.Probe.allowed;
import static io.mseg.e2e.support.Probe.blocked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: flow reports end to end, as deployed. Each enforcer runs inside the namespace
 * of the host it protects, with the command line's defaults (10 s intervals); real
 * connections between the hosts are allowed, rejected, observed or refused by the default
 * reject, and each logged one is found in {@code GET /flowreports} with the policy that
 * decided it, on both enforcing sides. Then the enforcers lose the console for a while:
 * what they logged meanwhile arrives once it is back, counted once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(KernelPrerequisites.class)
class FlowReportsKernelIT {

	private static final Duration CONVERGENCE = Duration.ofSeconds(15);

	/**
	 * An interval (10 s), the kernel's flush and the shipper's tick, with room to spare.
	 */
	private static final Duration ARRIVAL = Duration.ofSeconds(30);

	private static World world;

	private static Host cart;

	private static Host redis;

	private static Host other;

	private static Host internet;

	private static String allowPolicy;

	private static String watchPolicy;

	private static String internetPolicy;

	private static String internetNetwork;

	@BeforeAll
	static void startTheWorld() {
		world = World.create("flows", (w) -> {
			cart = w.host("cart", 2);
			redis = w.host("redis", 4);
			other = w.host("other", 5);
			internet = w.host("inet", 100);
			w.startConsole();
			for (EnforcerProcess enforcer : List.of(enforce(w, cart, "app=cartservice"), enforce(w, redis, "app=redis"),
					enforce(w, other, "app=other"))) {
				enforcer.awaitLog("Flow reports: reading NFLOG group 27", 1, Duration.ofSeconds(60));
				enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			}
		});
		allowPolicy = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "cart to redis", "subject", List.of(List.of("app=cartservice")), "object",
						List.of(List.of("app=redis")), "ports", List.of("tcp/6379"), "logsEnabled", true));
		watchPolicy = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "watch cart", "action", "Reject", "observationEnabled", true, "logsEnabled", true,
						"subject", List.of(List.of("app=cartservice")), "object", List.of(List.of("app=redis")),
						"ports", List.of("tcp/6379")));
		String quiet = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "other to redis, not logged", "subject", List.of(List.of("app=other")), "object",
						List.of(List.of("app=redis")), "ports", List.of("tcp/6380")));
		internetNetwork = world.create(World.PROD, "/externalnetworks", map("name", "internet", "entries",
				List.of(internet.v4() + "/32"), "associatedTags", List.of("net=internet")));
		internetPolicy = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "internet to redis", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("net=internet")), "object", List.of(List.of("app=redis")), "ports",
						List.of("tcp/8080"), "logsEnabled", true));
		for (String policy : List.of(allowPolicy, watchPolicy, internetPolicy)) {
			world.awaitRules(policy, true, CONVERGENCE, redis);
		}
		world.awaitRules(quiet, true, CONVERGENCE, other, redis);
		world.awaitRules(allowPolicy, true, CONVERGENCE, cart);
	}

	@AfterAll
	static void stopTheWorld() {
		if (world != null) {
			world.close();
		}
	}

	private static EnforcerProcess enforce(World w, Host host, String tag) {
		return w.enforce(host, World.PROD, w.viaRelay(), List.of(), tag);
	}

	@Test
	@Order(1)
	void eachLoggedConnectionIsReportedWithThePolicyThatDecidedIt() {
		Probe.check(allowed(cart, redis, "tcp", 6379), blocked(other, redis, "tcp", 6379),
				allowed(other, redis, "tcp", 6380), allowed(internet, redis, "tcp", 8080));
		Probe.check(allowed(cart, redis, "tcp", 6379));

		// allowed: reported by both enforcing sides, the two connections counted
		List<JsonNode> allowedFlows = await("policyID=" + allowPolicy,
				(records) -> count(records, "Incoming") >= 2 && count(records, "Outgoing") >= 2);
		assertThat(allowedFlows).allSatisfy((record) -> {
			assertThat(record.get("action").asString()).isEqualTo("Allow");
			assertThat(record.get("reason").asString()).isEqualTo("Policy");
			assertThat(record.get("observed").asBoolean()).isFalse();
			assertThat(record.get("namespace").asString()).isEqualTo(World.PROD);
			assertThat(record.get("sourceAddress").asString()).isEqualTo(cart.v4());
			assertThat(record.get("destinationAddress").asString()).isEqualTo(redis.v4());
			assertThat(record.get("destinationPort").asInt()).isEqualTo(6379);
			assertThat(record.get("protocol").asString()).isEqualTo("tcp");
		});

		// observed: what the observation policy would have done, marked so
		List<JsonNode> observed = await("observed=true", (records) -> count(records, "Incoming") >= 2);
		assertThat(observed).allSatisfy((record) -> {
			assertThat(record.get("policyID").asString()).isEqualTo(watchPolicy);
			assertThat(record.get("action").asString()).isEqualTo("Reject");
		});

		// the default reject, from the enforcer of the host that initiated
		List<JsonNode> rejected = await("action=Reject&observed=false&port=6379", (records) -> !records.isEmpty());
		assertThat(rejected).allSatisfy((record) -> {
			assertThat(record.get("reason").asString()).isEqualTo("DefaultReject");
			assertThat(record.has("policyID")).isFalse();
			assertThat(record.get("direction").asString()).isEqualTo("Outgoing");
			assertThat(record.get("sourceAddress").asString()).isEqualTo(other.v4());
		});

		// through an external network
		List<JsonNode> fromInternet = await("externalNetworkID=" + internetNetwork, (records) -> !records.isEmpty());
		assertThat(fromInternet).allSatisfy((record) -> {
			assertThat(record.get("policyID").asString()).isEqualTo(internetPolicy);
			assertThat(record.get("direction").asString()).isEqualTo("Incoming");
			assertThat(record.get("sourceAddress").asString()).isEqualTo(internet.v4());
		});

		// a policy without logsEnabled logs nothing
		assertThat(list("port=6380")).isEmpty();

		// the record links to the explanation of its flow
		JsonNode explained = world.api().get(World.PROD, allowedFlows.get(0).get("explain").asString());
		assertThat(explained.get("verdict").asString()).isEqualTo("Allow");

		JsonNode hits = world.api().get(World.PROD, "/networkaccesspolicies/" + allowPolicy + "/hits");
		assertThat(hits.get("hits").asLong()).isGreaterThanOrEqualTo(4);
		assertThat(hits.has("lastHitTime")).isTrue();
	}

	@Test
	@Order(2)
	void whatIsLoggedWhileTheConsoleIsAwayArrivesOnceItIsBack() {
		long before = sum(list("policyID=" + allowPolicy + "&address=" + redis.v4()), "Incoming");
		world.relay().cut();
		world.enforcer(redis).awaitLog("Console session ended", 1, CONVERGENCE);
		for (int i = 0; i < 3; i++) {
			Probe.check(allowed(cart, redis, "tcp", 6379));
		}
		// an interval closes while the console is away: the batch waits on disk
		sleep(Duration.ofSeconds(12));
		assertThat(sum(list("policyID=" + allowPolicy), "Incoming")).isEqualTo(before);
		world.relay().restore();
		List<JsonNode> after = await("policyID=" + allowPolicy,
				(records) -> sum(records, "Incoming") >= before + 3 && sum(records, "Outgoing") >= before + 3);
		sleep(Duration.ofSeconds(3));
		assertThat(sum(list("policyID=" + allowPolicy), "Incoming")).as("counted once").isEqualTo(before + 3);
		assertThat(after).isNotEmpty();
	}

	private static long count(List<JsonNode> records, String direction) {
		return sum(records, direction);
	}

	private static long sum(List<JsonNode> records, String direction) {
		return records.stream()
			.filter((record) -> direction.equals(record.get("direction").asString()))
			.mapToLong((record) -> record.get("count").asLong())
			.sum();
	}

	private static List<JsonNode> list(String query) {
		return world.api().get(World.PROD, "/flowreports?pagesize=1000&" + query).valueStream().toList();
	}

	private static List<JsonNode> await(String query, Predicate<List<JsonNode>> done) {
		List<List<JsonNode>> last = new java.util.ArrayList<>(List.of(List.of()));
		Await.until("flow reports for " + query, ARRIVAL, () -> {
			last.set(0, list(query));
			return done.test(last.get(0));
		}, () -> String.valueOf(last.get(0)));
		return last.get(0);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
