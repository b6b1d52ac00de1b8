package io.mseg.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.Probe;
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
 * Policies written through the console's API allow or block real TCP and UDP connections
 * between hosts in network namespaces, each protected by its own enforcer process: the
 * reference text's scenarios, default reject, reject over allow, propagation, fallback
 * policies, and the time from the API to the kernel.
 */
@ExtendWith(KernelPrerequisites.class)
class PolicyEnforcementKernelIT {

	private static final Duration CONVERGENCE = Duration.ofSeconds(10);

	private static World world;

	private static Host frontend;

	private static Host cart;

	private static Host ad;

	private static Host redis;

	private static Host other;

	private static Host internet;

	@BeforeAll
	static void startTheWorld() {
		world = World.create("policies", (w) -> {
			frontend = w.host("front", 1);
			cart = w.host("cart", 2);
			ad = w.host("ad", 3);
			redis = w.host("redis", 4);
			other = w.host("other", 5);
			internet = w.host("inet", 100);
			// Without enforcers everything passes: what the tests block below, the
			// enforcers block.
			Probe.check(allowed(internet, frontend, "tcp", 443), allowed(cart, redis, "tcp", 6379),
					allowed(other, redis, "udp", 6379), allowed(internet, frontend, "tcp", 443).v6());
			w.startConsole();
			for (EnforcerProcess enforcer : List.of(w.enforce(frontend, "app=frontend"),
					w.enforce(cart, "app=cartservice"), w.enforce(ad, "app=adservice"), w.enforce(redis, "app=redis"),
					w.enforce(other, "app=other"))) {
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

	@AfterEach
	void deletePolicies() {
		world.deleteObjects();
		for (Host host : List.of(frontend, cart, ad, redis, other)) {
			Await.until("no policy rule left in " + host, CONVERGENCE,
					() -> !host.table(EnforcerProcess.TABLE).contains("allow:")
							&& !host.table(EnforcerProcess.TABLE).contains("reject:"),
					world::logs);
		}
	}

	@Test
	void withoutPoliciesEveryConnectionIsRejected() {
		for (Host host : List.of(frontend, cart, ad, redis, other)) {
			assertThat(host.table(EnforcerProcess.TABLE)).contains("comment \"default reject\"");
		}
		Probe.check(blocked(internet, frontend, "tcp", 443), blocked(internet, frontend, "tcp", 443).v6(),
				blocked(cart, redis, "tcp", 6379), blocked(cart, redis, "udp", 6379), blocked(ad, redis, "tcp", 6379),
				blocked(frontend, internet, "tcp", 443), blocked(redis, cart, "tcp", 443));
	}

	@Test
	void allowInternetToFrontEnd() {
		world.create("/acme", "/externalnetworks", map("name", "internet", "entries", List.of("0.0.0.0/0", "::/0"),
				"servicePorts", List.of("tcp/443"), "associatedTags", List.of("ext:name=internet"), "propagate", true));
		String policy = world.create("/acme", "/networkaccesspolicies",
				map("name", "Allow internet to front end", "action", "Allow", "applyPolicyMode", "IncomingTraffic",
						"logsEnabled", true, "propagate", true, "subject",
						List.of(List.of("ext:name=internet", "$identity=externalnetwork")), "object",
						List.of(List.of("app=frontend", "$identity=processingunit"))));
		// The cart may initiate towards the front end: only the front end's own side
		// decides.
		String cartOut = world.create("/acme/prod", "/networkaccesspolicies",
				map("name", "cart may call the front end", "applyPolicyMode", "OutgoingTraffic", "subject",
						List.of(List.of("app=cartservice")), "object", List.of(List.of("app=frontend"))));
		world.awaitRules(policy, true, CONVERGENCE, frontend);
		world.awaitRules(cartOut, true, CONVERGENCE, cart);
		Probe.check(allowed(internet, frontend, "tcp", 443), allowed(internet, frontend, "tcp", 443).v6(),
				blocked(internet, frontend, "tcp", 8080), blocked(internet, frontend, "udp", 5353),
				blocked(internet, redis, "tcp", 443), blocked(internet, cart, "tcp", 443),
				// 0.0.0.0/0 never matches a processing unit: the cart is not "the
				// internet".
				blocked(cart, frontend, "tcp", 443), blocked(cart, frontend, "tcp", 443).v6());
	}

	@Test
	void allowShoppingCartOrAdServiceToRedisNeedsBothEnforcers() {
		List<List<String>> subject = List.of(List.of("app=cartservice", "$identity=processingunit"),
				List.of("app=adservice", "$identity=processingunit"));
		List<List<String>> object = List.of(List.of("app=redis", "$identity=processingunit"));
		String incomingOnly = world.create("/acme/prod", "/networkaccesspolicies", map("name", "redis accepts them",
				"applyPolicyMode", "IncomingTraffic", "subject", subject, "object", object));
		world.awaitRules(incomingOnly, true, CONVERGENCE, redis);
		// Redis accepts, but the cart's and the ad service's enforcers do not let them
		// initiate.
		Probe.check(blocked(cart, redis, "tcp", 6379), blocked(ad, redis, "tcp", 6379));

		String policy = world.create("/acme/prod", "/networkaccesspolicies",
				map("name", "Allow shopping cart or ad service to redis", "action", "Allow", "applyPolicyMode",
						"Bidirectional", "logsEnabled", true, "subject", subject, "object", object));
		world.awaitRules(policy, true, CONVERGENCE, cart, ad, redis);
		Probe.check(allowed(cart, redis, "tcp", 6379), allowed(cart, redis, "tcp", 6379).v6(),
				allowed(cart, redis, "udp", 6379), allowed(ad, redis, "tcp", 6380), allowed(ad, redis, "udp", 5353),
				blocked(other, redis, "tcp", 6379), blocked(frontend, redis, "tcp", 6379),
				blocked(redis, cart, "tcp", 6379), blocked(redis, ad, "tcp", 443),
				blocked(internet, redis, "tcp", 6379), blocked(cart, ad, "tcp", 443));
	}

	@Test
	void rejectWinsOverAllow() {
		String allow = world.create("/acme/prod", "/networkaccesspolicies", map("name", "cart to redis", "subject",
				List.of(List.of("app=cartservice")), "object", List.of(List.of("app=redis"))));
		String reject = world.create("/acme/prod", "/networkaccesspolicies",
				map("name", "but not on 6379", "action", "Reject", "subject", List.of(List.of("app=cartservice")),
						"object", List.of(List.of("app=redis")), "ports", List.of("tcp/6379")));
		world.awaitRules(allow, true, CONVERGENCE, cart, redis);
		world.awaitRules(reject, true, CONVERGENCE, cart, redis);
		Probe.check(blocked(cart, redis, "tcp", 6379), blocked(cart, redis, "tcp", 6379).v6(),
				allowed(cart, redis, "tcp", 6380), allowed(cart, redis, "udp", 6379));
	}

	@Test
	void aPolicyPropagatedFromTheParentNamespaceAppliesInTheChild() {
		world.create("/acme", "/networkaccesspolicies", map("name", "parent only", "propagate", false, "subject",
				List.of(List.of("app=other")), "object", List.of(List.of("app=redis")), "ports", List.of("tcp/6381")));
		Probe.check(blocked(other, redis, "tcp", 6381));
		String propagated = world.create("/acme", "/networkaccesspolicies",
				map("name", "for every child", "propagate", true, "subject", List.of(List.of("app=other")), "object",
						List.of(List.of("app=redis")), "ports", List.of("tcp/6381")));
		world.awaitRules(propagated, true, CONVERGENCE, other, redis);
		Probe.check(allowed(other, redis, "tcp", 6381), blocked(other, redis, "tcp", 6380));
	}

	@Test
	void aFallbackPolicyYieldsToASpecificOne() {
		String fallbackAllow = world.create("/acme", "/networkaccesspolicies",
				map("name", "fallback: other may reach redis", "fallback", true, "propagate", true, "subject",
						List.of(List.of("app=other")), "object", List.of(List.of("app=redis"))));
		world.awaitRules(fallbackAllow, true, CONVERGENCE, other, redis);
		Probe.check(allowed(other, redis, "tcp", 6379), allowed(other, redis, "tcp", 6380));

		String specificReject = world.create("/acme/prod", "/networkaccesspolicies",
				map("name", "not on 6380", "action", "Reject", "subject", List.of(List.of("app=other")), "object",
						List.of(List.of("app=redis")), "ports", List.of("tcp/6380")));
		String fallbackReject = world.create("/acme", "/networkaccesspolicies",
				map("name", "fallback: never 6381", "fallback", true, "propagate", true, "action", "Reject", "subject",
						List.of(List.of("app=other")), "object", List.of(List.of("app=redis")), "ports",
						List.of("tcp/6381")));
		String specificAllow = world.create("/acme/prod", "/networkaccesspolicies",
				map("name", "but 6381 is fine", "subject", List.of(List.of("app=other")), "object",
						List.of(List.of("app=redis")), "ports", List.of("tcp/6381")));
		for (String policy : List.of(specificReject, fallbackReject, specificAllow)) {
			world.awaitRules(policy, true, CONVERGENCE, other, redis);
		}
		Probe.check(allowed(other, redis, "tcp", 6379), blocked(other, redis, "tcp", 6380),
				allowed(other, redis, "tcp", 6381));
	}

	@Test
	void aPolicyTakesEffectAndItsDeletionIsEnforcedWithinTwoSeconds() {
		List<String> measured = new ArrayList<>();
		Probe probe = allowed(cart, redis, "tcp", 6380);
		Duration attempt = Duration.ofMillis(250);
		for (int round = 1; round <= 3; round++) {
			long start = System.nanoTime();
			String policy = world.create("/acme/prod", "/networkaccesspolicies",
					map("name", "timed " + round, "subject", List.of(List.of("app=cartservice")), "object",
							List.of(List.of("app=redis")), "ports", List.of("tcp/6380")));
			Duration kernel = world.awaitRules(policy, true, Duration.ofSeconds(2), cart, redis);
			Duration kernelFromRequest = Duration.ofNanos(System.nanoTime() - start);
			Await.until("traffic allowed", Duration.ofSeconds(2), () -> probe.attempt(attempt));
			Duration traffic = Duration.ofNanos(System.nanoTime() - start);
			assertThat(traffic).as("policy created -> connection passes").isLessThan(Duration.ofSeconds(2));

			long deleted = System.nanoTime();
			world.deleteObjects();
			world.awaitRules(policy, false, Duration.ofSeconds(2), cart, redis);
			Duration kernelGone = Duration.ofNanos(System.nanoTime() - deleted);
			Await.until("traffic blocked", Duration.ofSeconds(2), () -> !probe.attempt(attempt));
			Duration blocked = Duration.ofNanos(System.nanoTime() - deleted);
			assertThat(blocked).as("policy deleted -> connection blocked").isLessThan(Duration.ofSeconds(2));
			measured.add(String.format(
					"round %d: create -> rules in both kernels %d ms (API answered in %d ms), "
							+ "-> connection passes %d ms; delete -> rules gone %d ms, -> connection blocked %d ms "
							+ "(includes one %d ms attempt)",
					round, kernelFromRequest.toMillis(), kernelFromRequest.minus(kernel).toMillis(), traffic.toMillis(),
					kernelGone.toMillis(), blocked.toMillis(), attempt.toMillis()));
		}
		System.out.println("Policy-to-kernel latency:\n  " + String.join("\n  ", measured));
	}

}
