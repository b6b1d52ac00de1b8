package io.mseg.console.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mseg.console.support.ApiClient;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.EventStream;
import io.mseg.console.support.EventStream.Event;
import io.mseg.console.support.TestEnforcer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit ({@link PolicyWrites}) and the caches that {@link Invalidations} empties,
 * as callers see them: changes waiting together commit in one transaction and one
 * version, in the order they were taken, and a failing one fails alone; parallel writers
 * on two replicas leave versions gap-free and every change reaches the push; a revoked
 * token and a deleted namespace stop working on the other replica at once; objects and
 * list pages are never read older than a change made on the same replica, and the other
 * replica catches up within milliseconds.
 */
class PolicyWritesIntegrationTests extends ConsoleIntegrationTest {

	@Autowired
	private PolicyWrites writes;

	@Autowired
	private JdbcClient jdbc;

	private ConfigurableApplicationContext replica;

	@AfterEach
	void stopReplica() {
		if (this.replica != null) {
			this.replica.close();
		}
	}

	@Test
	void changesWaitingTogetherCommitInOneVersionInTheirOrderAndAFailingOneFailsAlone() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			// Held behind a change that waits, three creates form one group.
			List<Future<ApiClient.Response>> first = heldTogether(callers,
					List.of(unit("first-a", "192.0.2.1"), unit("first-b", "192.0.2.2"), unit("first-c", "192.0.2.3")));
			List<String> ids = new ArrayList<>();
			for (Future<ApiClient.Response> created : first) {
				ids.add(created.get().expectStatus(201).id());
			}
			List<Long> versions = ids.stream().map(this::versionOf).toList();
			assertThat(versions).as("one version for the group").containsOnly(versions.get(0));
			assertThat(auditedNames(versions.get(0))).containsExactly("first-a", "first-b", "first-c");

			// A group with an invalid change, and a name and an address taken earlier in
			// the same group (found by the constraints when the group commits).
			List<Future<ApiClient.Response>> second = heldTogether(callers,
					List.of(unit("second-a", "192.0.2.11"), unit("second-bad", "192.0.2.300"),
							unit("second-c", "192.0.2.13"), unit("second-a", "192.0.2.14"),
							unit("second-d", "192.0.2.11"), unit("second-e", "192.0.2.15")));
			String secondA = second.get(0).get().expectStatus(201).id();
			second.get(1).get().expectProblem(422, "addresses[0]");
			String secondC = second.get(2).get().expectStatus(201).id();
			assertThat(second.get(3).get().expectStatus(409).json().get("detail").asString()).contains("second-a",
					"already exists");
			assertThat(second.get(4).get().expectStatus(409).json().get("detail").asString())
				.contains("address 192.0.2.11 already belongs to another processing unit");
			second.get(5).get().expectStatus(201);
			assertThat(versionOf(secondC)).as("committed after the one before it").isGreaterThan(versionOf(secondA));
			assertThat(this.api.get(this.tenant, "/processingunits?name=second-bad").json()).isEmpty();
			assertThat(this.api.get(this.tenant, "/processingunits?name=second-a").json()).hasSize(1);
			assertThat(this.api.get(this.tenant, "/processingunits?name=second-d").json()).isEmpty();
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void parallelWritersOnTwoReplicasLeaveVersionsGapFreeAndThePushMissesNothing() throws Exception {
		ApiClient b = startReplica();
		String token = this.api.post(this.tenant, "/enrollmenttokens", "{}").json().get("token").asString();
		TestEnforcer web = new TestEnforcer().enroll(this.api, token, "web");
		web.client(this.api, caFile())
			.send("PUT", null, "/enforcers/" + web.id() + "/processingunits",
					"[" + json("name", "web-1", "addresses", List.of("192.0.2.250"), "associatedTags",
							List.of("app=web")) + "]",
					Map.of("Content-Type", "application/json"))
			.expectStatus(200);
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "web to burst", "subject", List.of(List.of("app=web")), "object",
							List.of(List.of("app=burst")), "ports", List.of("tcp/80")))
			.expectStatus(201);
		long before = policyVersion();

		int writers = 16;
		int each = 15;
		ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> addresses = new ConcurrentLinkedQueue<>();
		try (EventStream events = EventStream.open(web.client(b, caFile()), "/enforcers/" + web.id() + "/events",
				null)) {
			ExecutorService callers = Executors.newFixedThreadPool(writers);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<?>> done = new ArrayList<>();
				for (int w = 0; w < writers; w++) {
					int writer = w;
					ApiClient replica = (w % 2 == 0) ? this.api : b;
					done.add(callers.submit(() -> {
						start.await();
						for (int i = 0; i < each; i++) {
							String address = "10.99." + writer + "." + (i + 1);
							if (i % 7 == 6) {
								replica
									.post(this.tenant, "/processingunits", burst("bad-" + writer + "-" + i, "10.99.1"))
									.expectStatus(422);
								continue;
							}
							created.add(replica
								.post(this.tenant, "/processingunits", burst("burst-" + writer + "-" + i, address))
								.expectStatus(201)
								.id());
							addresses.add(address);
						}
						return null;
					}));
				}
				start.countDown();
				for (Future<?> writer : done) {
					writer.get();
				}
			}
			finally {
				callers.shutdownNow();
			}

			long after = policyVersion();
			List<Long> versions = this.jdbc
				.sql("select distinct version from policy_changes where version > ? order by version")
				.param(before)
				.query(Long.class)
				.list();
			assertThat(versions).as("versions after the burst, gap-free up to the current one")
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(before + 1, after).boxed().toList());
			List<String> changed = this.jdbc
				.sql("select object_id from policy_changes where version > ? and kind = 'processingunit'")
				.param(before)
				.query(String.class)
				.list();
			assertThat(changed).as("each created unit changed at exactly one version")
				.containsExactlyInAnyOrderElementsOf(created);
			assertThat(versions.size()).as("versions for %d creates", created.size()).isLessThan(created.size());

			for (ApiClient replica : List.of(this.api, b)) {
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					ApiClient.Response rendered = web.client(replica, caFile())
						.get(null, "/enforcers/" + web.id() + "/renderedpolicy");
					assertThat(rendered.json().get("version").asLong()).isEqualTo(after);
					assertThat(addresses).allSatisfy((address) -> assertThat(rendered.body()).contains(address));
				});
			}
			Event last = null;
			for (Event event = events.next(Duration.ofSeconds(5)); event != null; event = events
				.next(Duration.ofSeconds(2))) {
				last = event;
			}
			assertThat(last).as("a policy event streamed from replica B").isNotNull();
			assertThat(Long.parseLong(last.id())).as("the last event's version").isEqualTo(after);
		}
	}

	@Test
	void aRevokedTokenAndADeletedNamespaceStopWorkingOnTheOtherReplicaAtOnce() throws Exception {
		ApiClient b = startReplica();
		String childId = this.api.post(this.tenant, "/namespaces", json("name", "doomed")).expectStatus(201).id();
		String child = this.tenant + "/doomed";
		var created = this.api.post(this.tenant, "/apitokens", json("name", "short-lived", "role", "viewer"))
			.expectStatus(201)
			.json();
		ApiClient viewerOnA = this.api.withToken(created.get("token").asString());
		ApiClient viewerOnB = b.withToken(created.get("token").asString());
		viewerOnA.get(this.tenant, "/processingunits").expectStatus(200);
		viewerOnB.get(this.tenant, "/processingunits").expectStatus(200);
		b.get(child, "/processingunits").expectStatus(200);

		this.api.delete(this.tenant, "/apitokens/" + created.get("ID").asString()).expectStatus(200);
		viewerOnA.get(this.tenant, "/processingunits").expectStatus(401);
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> viewerOnB.get(this.tenant, "/processingunits").status() == 401);

		this.api.delete(this.tenant, "/namespaces/" + childId).expectStatus(200);
		this.api.get(child, "/processingunits").expectStatus(404);
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> b.get(child, "/processingunits").status() == 404);
	}

	/**
	 * Sends {@code bodies} as creates while the committer is held by a change that waits,
	 * each once the one before it is waiting, then lets them commit together.
	 */
	private List<Future<ApiClient.Response>> heldTogether(ExecutorService callers, List<String> bodies)
			throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> holder = callers.submit(() -> this.writes.run(() -> {
			holding.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return null;
		}));
		holding.await();
		List<Future<ApiClient.Response>> answers = new ArrayList<>();
		for (String body : bodies) {
			int waiting = this.writes.waiting();
			answers.add(callers.submit(() -> this.api.post(this.tenant, "/processingunits", body)));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.writes.waiting() > waiting);
		}
		release.countDown();
		holder.get();
		return answers;
	}

	@Test
	void objectsAndPagesAreNeverReadOlderThanAChangeOnTheirReplicaAndCatchUpAtOnceOnTheOther() throws Exception {
		ApiClient b = startReplica();
		String id = this.api.post(this.tenant, "/processingunits", unit("cached", "10.77.0.1")).expectStatus(201).id();
		String path = "/processingunits/" + id;
		for (ApiClient replica : List.of(this.api, b)) { // read: now cached on both
			replica.get(this.tenant, path).expectStatus(200);
			assertThat(replica.get(this.tenant, "/processingunits").expectStatus(200).header("X-Count-Total"))
				.isEqualTo("1");
		}

		String etag = this.api.get(this.tenant, path).header("ETag");
		ApiClient.Response updated = this.api
			.send("PUT", this.tenant, path,
					json("name", "cached", "addresses", List.of("10.77.0.1"), "associatedTags", List.of("app=changed")),
					Map.of("Content-Type", "application/json", "If-Match", etag))
			.expectStatus(200);
		assertThat(updated.header("ETag")).isNotEqualTo(etag);
		ApiClient.Response onA = this.api.get(this.tenant, path).expectStatus(200);
		assertThat(onA.header("ETag")).isEqualTo(updated.header("ETag"));
		assertThat(onA.json().get("associatedTags").toString()).contains("app=changed");
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> updated.header("ETag").equals(b.get(this.tenant, path).header("ETag")));
		assertThat(b.get(this.tenant, "/processingunits").json().get(0).get("associatedTags").toString())
			.contains("app=changed");

		b.post(this.tenant, "/processingunits", unit("second", "10.77.0.2")).expectStatus(201);
		assertThat(b.get(this.tenant, "/processingunits").header("X-Count-Total")).isEqualTo("2");
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> "2".equals(this.api.get(this.tenant, "/processingunits").header("X-Count-Total")));

		this.api.delete(this.tenant, path).expectStatus(200);
		this.api.get(this.tenant, path).expectStatus(404);
		assertThat(this.api.get(this.tenant, "/processingunits").header("X-Count-Total")).isEqualTo("1");
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> b.get(this.tenant, path).status() == 404);
		assertThat(b.get(this.tenant, "/processingunits").json().get(0).get("name").asString()).isEqualTo("second");
	}

	private ApiClient startReplica() throws Exception {
		this.replica = startReplica("--mseg.feeds.enabled=false");
		return client(this.replica);
	}

	private static String unit(String name, String address) {
		return json("name", name, "addresses", List.of(address), "associatedTags", List.of("app=grouped"));
	}

	private static String burst(String name, String address) {
		return json("name", name, "addresses", List.of(address), "associatedTags", List.of("app=burst"));
	}

	private long versionOf(String unitId) {
		return this.jdbc
			.sql("select version from policy_changes where kind = 'processingunit' and object_id = ? "
					+ "order by version desc limit 1")
			.param(unitId)
			.query(Long.class)
			.single();
	}

	private List<String> auditedNames(long version) {
		return this.jdbc
			.sql("select a.object_name from audit_records a join policy_changes c on c.object_id = a.object_id "
					+ "where c.version = ? and a.kind = 'processingunit' order by a.id")
			.param(version)
			.query(String.class)
			.list();
	}

	private long policyVersion() {
		return this.jdbc.sql("select version from policy_state where id = 1").query(Long.class).single();
	}

}
