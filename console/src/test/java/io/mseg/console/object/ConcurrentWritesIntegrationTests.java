package io.mseg.console.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.mseg.console.support.Addresses;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.TestEnforcer;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers that race: replacing one object from many callers without {@code If-Match}
 * always succeeds (the last one wins; 412 answers only a precondition the caller gave),
 * and a recursive namespace deletion racing an enforcer that registers its units never
 * ends in a server error (they used to lock the same rows in opposite orders).
 */
// Ten enforcers enroll here within seconds: above the default rate limit per address.
@TestPropertySource(properties = "mseg.enforcers.enrollments-per-minute=1000")
class ConcurrentWritesIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void concurrentReplacementsWithoutIfMatchAllSucceed() throws Exception {
		String id = this.api.post(this.tenant, "/networkaccesspolicies", policy(1)).expectStatus(201).id();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				int port = 1000 + i;
				statuses.add(pool
					.submit(() -> this.api.put(this.tenant, "/networkaccesspolicies/" + id, policy(port)).status()));
			}
			for (Future<Integer> status : statuses) {
				assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aRecursiveNamespaceDeletionRacingUnitRegistrationNeverFails() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 10; round++) {
				String namespace = this.tenant + "/r" + round;
				String namespaceId = this.api.post(this.tenant, "/namespaces", json("name", "r" + round))
					.expectStatus(201)
					.id();
				String token = this.api.post(namespace, "/enrollmenttokens", json("maxUses", 1))
					.expectStatus(201)
					.json()
					.get("token")
					.asString();
				TestEnforcer enforcer = new TestEnforcer().enroll(this.api, token, "host-" + round);
				ApiClient client = enforcer.client(this.api, caFile());
				for (int unit = 0; unit < 20; unit++) {
					this.api
						.post(namespace, "/networkaccesspolicies",
								json("name", "p" + unit, "subject", List.of(List.of("app=a" + unit)), "object",
										List.of(List.of("app=b"))))
						.expectStatus(201);
				}
				int r = round;
				Future<List<Integer>> registering = pool.submit(() -> {
					List<Integer> seen = new ArrayList<>();
					for (int i = 0; i < 15; i++) {
						seen.add(client
							.send("PUT", null, "/enforcers/" + enforcer.id() + "/processingunits", units(r, i),
									Map.of("Content-Type", "application/json"))
							.status());
					}
					return seen;
				});
				Future<Integer> deleting = pool.submit(
						() -> this.api.delete(this.tenant, "/namespaces/" + namespaceId + "?recursive=true").status());
				assertThat(deleting.get(60, TimeUnit.SECONDS)).as("deletion in round " + round).isIn(200, 204);
				assertThat(registering.get(60, TimeUnit.SECONDS)).as("registrations in round " + round)
					.allMatch((status) -> status < 500);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String units(int round, int i) {
		List<String> units = new ArrayList<>();
		for (int u = 0; u < 5; u++) {
			units
				.add(json("name", "u" + u, "addresses", List.of(Addresses.ipv4()), "associatedTags", List.of("app=b")));
		}
		return "[" + String.join(",", units) + "]";
	}

	private static String policy(int port) {
		return json("name", "racing", "subject", List.of(List.of("app=a")), "object", List.of(List.of("app=b")),
				"ports", List.of("tcp/" + port));
	}

}
