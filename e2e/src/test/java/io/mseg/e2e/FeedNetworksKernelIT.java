package io.mseg.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.FeedPublisher;
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
 * External networks fed from published lists, as deployed: the console (in its own host)
 * fetches the feeds over HTTPS from a publisher of the test ({@link FeedPublisher},
 * reached through a relay out of the console's host), and an address added to a feed
 * becomes reachable (Allow) or blocked (Reject, a blocklist propagated from
 * {@code /acme}) in the kernel of the protected host {@code web} without any API call.
 * Hosts {@code partner}, {@code other} and {@code attacker} have no enforcer: to
 * {@code web} they are external hosts.
 * <ul>
 * <li>{@code lab} ({@code /acme/prod}): the whole lab, a feed that never changes (the
 * console's conditional requests get 304); allowed to and from {@code web} on tcp/443,
 * which lets the attacker in until the blocklist names it.</li>
 * <li>{@code partners} ({@code /acme/prod}, servicePorts tcp/8080): at first the partner,
 * then the other host as well; allowed in to {@code web}.</li>
 * <li>{@code malicious} ({@code /acme}, propagated): at first a TEST-NET address, then
 * the attacker's; two propagated Reject policies in {@code /acme}, incoming and outgoing,
 * block it in both directions, over the Allow of {@code lab}.</li>
 * <li>{@code late} ({@code /acme/prod}): its feed answers 503 until the test publishes
 * it: until then the network has no entries, its Allow (tcp/6379) allows nothing and the
 * enforcer applies the rest without an error; then it lets the partner in.</li>
 * </ul>
 * The console looks for due sources every second; a source is fetched at once when it is
 * created, then one refresh interval (1 min, ±10%) after its last fetch, and a failed
 * fetch is retried after 1 min: a change published after a fetch is in the kernel about a
 * minute later.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(KernelPrerequisites.class)
class FeedNetworksKernelIT {

	private static final Duration CONVERGENCE = Duration.ofSeconds(20);

	/**
	 * The next fetch of a feed is at most one refresh interval and 10% after the last one
	 * (or after a failure), whenever the feed changed: room for that, the poll and the
	 * fetch.
	 */
	private static final Duration REFRESH = Duration.ofSeconds(120);

	private static final String PARTNERS = "/partners.txt";

	private static final String MALICIOUS = "/malicious.txt";

	private static final String LAB = "/lab.txt";

	private static final String LATE = "/late.txt";

	private static World world;

	private static FeedPublisher feeds;

	private static Host web;

	private static Host partner;

	private static Host other;

	private static Host attacker;

	/** The networks' IDs by feed path. */
	private static final Map<String, String> networks = new LinkedHashMap<>();

	/** The networks' namespaces by feed path. */
	private static final Map<String, String> namespaces = new LinkedHashMap<>();

	/** The ETags of the feeds' first lists. */
	private static final Map<String, String> firstEtags = new LinkedHashMap<>();

	@BeforeAll
	static void startTheWorld() {
		world = World.create("feeds", (w) -> {
			feeds = w.feeds();
			web = w.host("web", 1);
			partner = w.host("partner", 100);
			other = w.host("other", 101);
			attacker = w.host("attacker", 102);
			w.startConsole();
			// Refused with ICMP: a blocked probe fails at once, however often tried.
			w.enforce(web, World.PROD, w.console().uri(), List.of("--reject-with", "icmp"), "app=web")
				.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
		});
		firstEtags.put(LAB, feeds.publish(LAB, """
				# the lab's bridge (e2e)
				10.233.0.0/24
				fd00:233::/64
				"""));
		firstEtags.put(PARTNERS, feeds.publish(PARTNERS, String.join("\n", "# partners of acme (e2e)",
				partner.v4() + "   ; the partner's server", partner.v6() + "/128", "")));
		firstEtags.put(MALICIOUS, feeds.publish(MALICIOUS, """
				; known bad (e2e): TEST-NET addresses, nobody's
				192.0.2.66
				2001:db8::66/128
				"""));
		feeds.fail(LATE, 503);

		network(LAB, World.PROD, "lab", map());
		network(PARTNERS, World.PROD, "partners", map("servicePorts", List.of("tcp/8080")));
		network(MALICIOUS, "/acme", "malicious", map("propagate", true));
		network(LATE, World.PROD, "late", map());
		world.create(World.PROD, "/networkaccesspolicies",
				map("name", "the lab may reach web on 443", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("ext:name=lab")), "object", List.of(List.of("app=web")), "ports",
						List.of("tcp/443")));
		world.create(World.PROD, "/networkaccesspolicies",
				map("name", "web may reach the lab on 443", "applyPolicyMode", "OutgoingTraffic", "subject",
						List.of(List.of("app=web")), "object", List.of(List.of("ext:name=lab")), "ports",
						List.of("tcp/443")));
		world.create(World.PROD, "/networkaccesspolicies",
				map("name", "partners may reach web", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("ext:name=partners", "$identity=externalnetwork")), "object",
						List.of(List.of("app=web"))));
		world.create(World.PROD, "/networkaccesspolicies",
				map("name", "the late network may reach web on 6379", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("ext:name=late")), "object", List.of(List.of("app=web")), "ports",
						List.of("tcp/6379")));
		world.create("/acme", "/networkaccesspolicies",
				map("name", "nothing from the malicious", "action", "Reject", "applyPolicyMode", "IncomingTraffic",
						"propagate", true, "subject", List.of(List.of("ext:name=malicious")), "object",
						List.of(List.of("$identity=processingunit"))));
		world.create("/acme", "/networkaccesspolicies",
				map("name", "nothing to the malicious", "action", "Reject", "applyPolicyMode", "OutgoingTraffic",
						"propagate", true, "subject", List.of(List.of("$identity=processingunit")), "object",
						List.of(List.of("ext:name=malicious"))));

		for (String path : List.of(LAB, PARTNERS, MALICIOUS)) {
			world.awaitSourceStatus(namespaces.get(path), networks.get(path), "the first fetch of " + path, CONVERGENCE,
					(status) -> status.has("lastSuccessTime") && status.path("entryCount").asInt() == 2);
		}
		world.awaitSourceStatus(World.PROD, networks.get(LATE), "the first (failed) fetch of " + LATE, CONVERGENCE,
				(status) -> status.has("lastAttemptTime"));
		// Versions apply whole and in order: once this policy is in the kernel, so
		// is every list fetched before it.
		String marker = world.create(World.PROD, "/networkaccesspolicies", map("name", "convergence marker", "subject",
				List.of(List.of("app=web")), "object", List.of(List.of("app=web")), "ports", List.of("tcp/20000")));
		world.awaitRules(marker, true, CONVERGENCE, web);
	}

	private static void network(String path, String namespace, String name, Map<String, Object> more) {
		Map<String, Object> body = map("name", name, "associatedTags", List.of("ext:name=" + name), "source",
				world.feedSource(path));
		body.putAll(more);
		networks.put(path, world.create(namespace, "/externalnetworks", body));
		namespaces.put(path, namespace);
	}

	@AfterAll
	static void stopTheWorld() {
		if (world != null) {
			world.close();
		}
	}

	@Test
	@Order(1)
	void theFeedsFirstListsDecideAndANetworkNotFetchedYetMatchesNothing() {
		Probe.check(allowed(partner, web, "tcp", 8080), allowed(partner, web, "tcp", 8080).v6(),
				// the partners' servicePorts
				blocked(partner, web, "tcp", 6380),
				// the late network has no entries yet
				blocked(partner, web, "tcp", 6379), blocked(partner, web, "tcp", 6379).v6(),
				blocked(other, web, "tcp", 8080), blocked(other, web, "tcp", 8080).v6(),
				allowed(other, web, "tcp", 443), allowed(attacker, web, "tcp", 443),
				allowed(attacker, web, "tcp", 443).v6(), blocked(attacker, web, "tcp", 8080),
				allowed(web, attacker, "tcp", 443), allowed(web, attacker, "tcp", 443).v6(),
				blocked(web, attacker, "tcp", 8080));

		JsonNode late = network(LATE);
		assertThat(late.get("entries").isEmpty()).as("entries of %s", late).isTrue();
		JsonNode status = late.get("sourceStatus");
		assertThat(status.path("error").asString()).as("%s", status).contains("503");
		assertThat(status.has("lastSuccessTime")).as("%s", status).isFalse();
		assertThat(feeds.requests(LATE)).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.status()).isEqualTo(503));
		// The enforcer has applied the version with the empty network and its policy (the
		// marker came later), without a complaint.
		assertThat(problems(world.enforcer(web).log())).isEmpty();
	}

	@Test
	@Order(2)
	void addressesAddedToTheFeedsAreAllowedOrRejectedWithoutAnyApiCall() {
		Instant changed = Instant.now();
		int appliedBefore = EnforcerProcess.count(world.enforcer(web).log(), "Applied policy version");
		String partners = feeds.publish(PARTNERS,
				String.join("\n", "# partners of acme (e2e)", partner.v4() + "   ; the partner's server",
						partner.v6() + "/128", other.v4() + " # a new partner", other.v6(), ""));
		String malicious = feeds.publish(MALICIOUS, String.join("\n", "; known bad (e2e)", "192.0.2.66",
				"2001:db8::66/128", attacker.v4() + "/32", attacker.v6(), ""));
		String late = feeds.publish(LATE, partner.v4() + "\n" + partner.v6() + "\n");

		// Nothing but the feeds changed: the console picks them up at their next fetch.
		Duration fetched = Await.until("the new lists fetched and the unchanged one answered 304", REFRESH,
				() -> feeds.answered(PARTNERS, 200, partners) && feeds.answered(MALICIOUS, 200, malicious)
						&& feeds.answered(LATE, 200, late) && feeds.answered(LAB, 304, firstEtags.get(LAB)),
				() -> "requests: " + requests() + "\n" + world.logs());
		long fetchedAt = System.nanoTime();
		awaitTraffic(allowed(other, web, "tcp", 8080));
		awaitTraffic(allowed(other, web, "tcp", 8080).v6());
		awaitTraffic(blocked(attacker, web, "tcp", 443));
		awaitTraffic(blocked(attacker, web, "tcp", 443).v6());
		awaitTraffic(blocked(web, attacker, "tcp", 443));
		awaitTraffic(blocked(web, attacker, "tcp", 443).v6());
		awaitTraffic(allowed(partner, web, "tcp", 6379));
		awaitTraffic(allowed(partner, web, "tcp", 6379).v6());
		Duration kernel = Duration.ofNanos(System.nanoTime() - fetchedAt);
		Probe.check(allowed(partner, web, "tcp", 8080), allowed(partner, web, "tcp", 8080).v6(),
				allowed(other, web, "tcp", 8080), allowed(other, web, "tcp", 8080).v6(),
				blocked(other, web, "tcp", 6379), allowed(other, web, "tcp", 443), allowed(partner, web, "tcp", 6379),
				allowed(partner, web, "tcp", 6379).v6(), allowed(partner, web, "tcp", 443),
				// the Reject wins over the lab's Allow, both ways
				blocked(attacker, web, "tcp", 443), blocked(attacker, web, "tcp", 443).v6(),
				blocked(attacker, web, "tcp", 8080), blocked(web, attacker, "tcp", 443),
				blocked(web, attacker, "tcp", 443).v6(), allowed(web, other, "tcp", 443),
				allowed(web, other, "tcp", 443).v6());

		assertFetched(PARTNERS, 4, changed, other.v4(), other.v6());
		assertFetched(MALICIOUS, 4, changed, attacker.v4(), attacker.v6());
		assertFetched(LATE, 2, changed, partner.v4(), partner.v6());
		JsonNode lab = network(LAB).get("sourceStatus");
		assertThat(lab.path("entryCount").asInt()).isEqualTo(2);
		assertThat(lab.has("error")).as("%s", lab).isFalse();
		assertThat(Instant.parse(lab.get("lastAttemptTime").asString())).isAfter(changed);

		// The console asked conditionally: with the ETag of the list it had.
		assertThat(feeds.requests(PARTNERS)).anySatisfy((request) -> {
			assertThat(request.ifNoneMatch()).isEqualTo(firstEtags.get(PARTNERS));
			assertThat(request.status()).isEqualTo(200);
		});
		assertThat(feeds.requests(MALICIOUS))
			.anySatisfy((request) -> assertThat(request.ifNoneMatch()).isEqualTo(firstEtags.get(MALICIOUS)));
		// ... and none until it had a list.
		List<FeedPublisher.Request> lateRequests = feeds.requests(LATE);
		int firstGood = lateRequests
			.indexOf(lateRequests.stream().filter((request) -> request.status() == 200).findFirst().orElseThrow());
		assertThat(lateRequests.subList(0, firstGood + 1))
			.allSatisfy((request) -> assertThat(request.ifNoneMatch()).isNull());

		// Every change since is the feeds' own.
		List<JsonNode> records = api("/auditrecords?recursive=true&pagesize=100", "/acme").valueStream()
			.filter((record) -> Instant.parse(record.get("time").asString()).isAfter(changed))
			.toList();
		assertThat(records).extracting((record) -> record.get("principal").asString())
			.contains("feed " + world.feedUrl(PARTNERS), "feed " + world.feedUrl(MALICIOUS),
					"feed " + world.feedUrl(LATE))
			.allSatisfy((principal) -> assertThat(principal).startsWith("feed "));

		// Pushed to the enforcer as changes of its sets, not a new table.
		List<String> applied = world.enforcer(web)
			.log()
			.lines()
			.filter((line) -> line.contains("Applied policy version"))
			.skip(appliedBefore)
			.toList();
		assertThat(applied).isNotEmpty().allSatisfy((line) -> assertThat(line).contains("incrementally"));
		assertThat(problems(world.enforcer(web).log())).isEmpty();
		System.out.printf(
				"Feeds: the new lists were fetched within %d s of their publication, "
						+ "and every verdict had flipped %d ms after the last fetch%n",
				fetched.toSeconds(), kernel.toMillis());
	}

	/**
	 * Waits until a probe behaves as expected (each attempt refused at once or passing).
	 */
	private static void awaitTraffic(Probe probe) {
		Await.until(probe.toString(), CONVERGENCE, () -> probe.attempt(Probe.TIMEOUT) == probe.allowed(),
				() -> web.table(EnforcerProcess.TABLE) + "\n" + world.logs());
	}

	private static void assertFetched(String path, int entryCount, Instant after, String... entries) {
		JsonNode network = network(path);
		JsonNode status = network.get("sourceStatus");
		assertThat(status.path("entryCount").asInt()).as("%s", network).isEqualTo(entryCount);
		assertThat(status.has("error")).as("%s", network).isFalse();
		assertThat(Instant.parse(status.get("lastSuccessTime").asString())).isAfter(after);
		List<String> listed = new ArrayList<>();
		network.get("entries").forEach((entry) -> listed.add(entry.asString()));
		for (String entry : entries) {
			assertThat(listed).as("entries of %s", path).anySatisfy((e) -> assertThat(e).startsWith(entry));
		}
	}

	/** The warnings and errors of an enforcer's log. */
	private static List<String> problems(String log) {
		return log.lines().filter((line) -> line.contains(" WARNING ") || line.contains(" SEVERE ")).toList();
	}

	private static JsonNode network(String path) {
		return api("/externalnetworks/" + networks.get(path), namespaces.get(path));
	}

	private static JsonNode api(String path, String namespace) {
		return world.api().get(namespace, path);
	}

	private static String requests() {
		StringBuilder text = new StringBuilder();
		for (String path : List.of(LAB, PARTNERS, MALICIOUS, LATE)) {
			feeds.requests(path).forEach((request) -> text.append("\n  ").append(request));
		}
		return text.toString();
	}

}
