package io.mseg.e2e;

import java.time.Duration;
import java.util.List;

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

import static io.mseg.e2e.support.Bodies.map;
import static io.mseg.e2e.support.Probe.allowed;
import static io.mseg.e2e.support.Probe.blocked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console goes away: enforcement stays as it was, an enforcer restarted meanwhile
 * enforces its stored policy, and when the console is back a change made then is applied.
 * The enforcers reach the console through a relay in the console's host that the tests
 * can cut, so that a change can be made while the console serves the API but the
 * enforcers cannot reach it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(KernelPrerequisites.class)
class ConsoleOutageKernelIT {

	private static final Duration CONVERGENCE = Duration.ofSeconds(10);

	private static World world;

	private static Host cart;

	private static Host redis;

	private static Host other;

	private static Host internet;

	@BeforeAll
	static void startTheWorld() {
		world = World.create("outage", (w) -> {
			cart = w.host("cart", 2);
			redis = w.host("redis", 4);
			other = w.host("other", 5);
			internet = w.host("inet", 100);
			w.startConsole();
			for (EnforcerProcess enforcer : List.of(enforce(w, cart, "app=cartservice"), enforce(w, redis, "app=redis"),
					enforce(w, other, "app=other"))) {
				enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			}
		});
	}

	@AfterAll
	static void stopTheWorld() {
		if (world != null) {
			world.close();
		}
	}

	@Test
	@Order(1)
	void aChangeMadeWhileTheEnforcersCannotReachTheConsoleIsAppliedWhenTheyCan() {
		String before = world.create("/acme/prod", "/networkaccesspolicies",
				map("name", "cart to redis on 6380", "subject", List.of(List.of("app=cartservice")), "object",
						List.of(List.of("app=redis")), "ports", List.of("tcp/6380")));
		world.awaitRules(before, true, CONVERGENCE, cart, redis);
		int sessions = EnforcerProcess.count(world.enforcer(redis).log(), "Console session ended");

		world.relay().cut();
		for (Host host : List.of(cart, redis, other)) {
			world.enforcer(host).awaitLog("Console session ended", 1, CONVERGENCE);
		}
		world.enforcer(redis).awaitLog("Console session ended", sessions + 1, CONVERGENCE);
		String meanwhile = world.create("/acme/prod", "/networkaccesspolicies",
				map("name", "other to redis on 6380", "subject", List.of(List.of("app=other")), "object",
						List.of(List.of("app=redis")), "ports", List.of("tcp/6380")));
		Probe.check(allowed(cart, redis, "tcp", 6380), blocked(other, redis, "tcp", 6380));
		assertThat(redis.table(EnforcerProcess.TABLE)).doesNotContain("[" + meanwhile + "]");

		long start = System.nanoTime();
		world.relay().restore();
		world.awaitRules(meanwhile, true, CONVERGENCE, other, redis);
		Duration caughtUp = Duration.ofNanos(System.nanoTime() - start);
		Probe.check(allowed(cart, redis, "tcp", 6380), allowed(other, redis, "tcp", 6380));
		System.out.println("Console reachable again: the change made meanwhile was in both kernels after "
				+ caughtUp.toMillis() + " ms");
		world.deleteObjects();
		world.awaitRules(meanwhile, false, CONVERGENCE, other, redis);
		world.awaitRules(before, false, CONVERGENCE, cart, redis);
	}

	@Test
	@Order(2)
	void enforcementSurvivesTheConsoleAndCatchesUpWhenItReturns() {
		String policy = world.create("/acme/prod", "/networkaccesspolicies",
				map("name", "cart to redis", "subject", List.of(List.of("app=cartservice")), "object",
						List.of(List.of("app=redis")), "ports", List.of("tcp/6379")));
		world.awaitRules(policy, true, CONVERGENCE, cart, redis);
		Probe.check(allowed(cart, redis, "tcp", 6379), blocked(other, redis, "tcp", 6379),
				blocked(internet, redis, "tcp", 6379));
		String redisRules = redis.table(EnforcerProcess.TABLE);

		// 1. The console stops: the enforcers notice, keep retrying, and the kernel keeps
		// the rules.
		world.console().stop();
		for (Host host : List.of(cart, redis, other)) {
			world.enforcer(host).awaitLog("Console session ended", 2, CONVERGENCE);
		}
		Probe.check(allowed(cart, redis, "tcp", 6379), blocked(other, redis, "tcp", 6379),
				blocked(internet, redis, "tcp", 6379));
		assertThat(redis.table(EnforcerProcess.TABLE)).isEqualTo(redisRules);

		// 2. Redis's enforcer restarts while the console is down, after its table was
		// lost
		// (as after a reboot): it enforces the stored policy before any console answers.
		EnforcerProcess redisEnforcer = world.enforcer(redis);
		redisEnforcer.stop();
		assertThat(redis.table(EnforcerProcess.TABLE)).as("the rules outlive the enforcer process")
			.isEqualTo(redisRules);
		redis.nft("delete", "table", "inet", EnforcerProcess.TABLE);
		Probe.check(allowed(internet, redis, "tcp", 6379));
		redisEnforcer.start();
		redisEnforcer.awaitLog("from the state directory", 1, CONVERGENCE);
		assertThat(redis.table(EnforcerProcess.TABLE)).contains("[" + policy + "]");
		Probe.check(allowed(cart, redis, "tcp", 6379), blocked(other, redis, "tcp", 6379),
				blocked(internet, redis, "tcp", 6379));

		// 3. The console returns; a change made right away reaches the enforcers as they
		// reconnect.
		int connectedBefore = EnforcerProcess.count(redisEnforcer.log(), "Connected to the console");
		world.console().start();
		long start = System.nanoTime();
		String change = world.create("/acme/prod", "/networkaccesspolicies", map("name", "other to redis", "subject",
				List.of(List.of("app=other")), "object", List.of(List.of("app=redis")), "ports", List.of("tcp/6379")));
		world.awaitRules(change, true, CONVERGENCE, other, redis);
		Duration caughtUp = Duration.ofNanos(System.nanoTime() - start);
		Probe.check(allowed(cart, redis, "tcp", 6379), allowed(other, redis, "tcp", 6379),
				blocked(internet, redis, "tcp", 6379));
		redisEnforcer.awaitLog("Connected to the console", connectedBefore + 1, CONVERGENCE);
		System.out
			.println("Console back: a change made right away was in both kernels after " + caughtUp.toMillis() + " ms");
		Await.until("the restarted enforcer is connected", CONVERGENCE, redisEnforcer::alive);
	}

	private static EnforcerProcess enforce(World w, Host host, String tag) {
		return w.enforce(host, World.PROD, w.viaRelay(), List.of(), tag);
	}

}
