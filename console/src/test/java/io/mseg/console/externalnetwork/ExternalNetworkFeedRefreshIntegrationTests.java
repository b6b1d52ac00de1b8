package io.mseg.console.externalnetwork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.FeedServer;
import io.mseg.console.support.FeedServer.Feed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The refresher against a real HTTPS feed publisher on loopback: each format, changes
 * between fetches, ETag and 304, every kind of failure, the mass-removal guard and its
 * acceptance, and the address guard. Each test drives a refresher of its own (the shared
 * context's is off) and makes its sources due by moving their next attempt to now, as the
 * passing of an interval would.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExternalNetworkFeedRefreshIntegrationTests extends ConsoleIntegrationTest {

	private static final Duration SOON = Duration.ofSeconds(30);

	@Autowired
	private FeedClaims claims;

	@Autowired
	private ExternalNetworkService service;

	@Autowired
	private JdbcClient jdbc;

	private final FeedServer feeds = new FeedServer();

	private FeedRefresher refresher;

	@BeforeEach
	void refresher() {
		// Sources of other tests (on names that do not resolve here) are not this test's.
		this.jdbc
			.sql("update external_networks set source_next_attempt_time = now() + interval '1 day' "
					+ "where source is not null")
			.update();
		this.refresher = refresher(properties(List.of("127.0.0.1"), DataSize.ofMegabytes(1), 1000, 0.5));
	}

	@AfterEach
	void stop() {
		this.refresher.destroy();
		this.feeds.close();
	}

	@Test
	void aTextFeedBecomesTheEntriesAndItsChangesFollowWithoutAnyApiCall() {
		Feed feed = this.feeds.serve("/drop.txt", "; Spamhaus-style DROP list\n192.0.2.0/24 ; SBL1\n\n"
				+ "# a comment\n198.51.100.7\n2001:db8:bad::/48\n");
		String id = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "drop", "associatedTags", List.of("ext:name=drop"), "source",
							source("/drop.txt", "text")))
			.expectStatus(201)
			.id();
		String etagBefore = read(id).header("ETag");

		refreshAll();
		Response first = read(id);
		assertThat(entries(first)).containsExactly("192.0.2.0/24", "198.51.100.7/32", "2001:db8:bad::/48");
		JsonNode status = first.json().get("sourceStatus");
		assertThat(status.get("entryCount").asInt()).isEqualTo(3);
		assertThat(status.get("error")).isNull();
		assertThat(status.get("lastSuccessTime").asString()).isEqualTo(status.get("lastAttemptTime").asString());
		assertThat(first.header("ETag")).isNotEqualTo(etagBefore);

		// Explain sees the network as any other: an address the feed adds is matched.
		String web = this.api
			.post(this.tenant, "/processingunits",
					json("name", "web", "addresses", List.of("10.9.0.1"), "associatedTags", List.of("app=web")))
			.expectStatus(201)
			.id();
		this.api
			.post(this.tenant, "/networkaccesspolicies",
					json("name", "feed to web", "applyPolicyMode", "IncomingTraffic", "subject",
							List.of(List.of("ext:name=drop")), "object", List.of(List.of("app=web"))))
			.expectStatus(201);
		String explain = json("source", Map.of("address", "203.0.113.9"), "destination",
				Map.of("processingUnitID", web), "protocol", "tcp", "port", 443);
		assertThat(this.api.post(this.tenant, "/explain", explain).expectStatus(200).json().get("verdict").asString())
			.isEqualTo("Reject");

		feed.body("192.0.2.0/24\n198.51.100.7\n2001:db8:bad::/48\n203.0.113.0/24\n");
		makeDue(id);
		refreshAll();
		JsonNode explained = this.api.post(this.tenant, "/explain", explain).expectStatus(200).json();
		assertThat(explained.get("verdict").asString()).isEqualTo("Allow");
		assertThat(explained.get("incoming").get("decidingPolicies").get(0).get("externalNetworkID").asString())
			.isEqualTo(id);
		assertThat(entries(read(id))).containsExactly("192.0.2.0/24", "198.51.100.7/32", "2001:db8:bad::/48",
				"203.0.113.0/24");
		JsonNode audit = this.api.get(this.tenant, "/auditrecords?objectID=" + id).expectStatus(200).json();
		List<JsonNode> byFeed = audit.valueStream()
			.filter((record) -> record.get("principal").asString().equals("feed " + this.feeds.url("/drop.txt")))
			.toList();
		assertThat(byFeed).hasSize(2);
		// The audit trail records what the feed changed, not two copies of the list.
		JsonNode change = byFeed.stream()
			.filter((record) -> record.get("after").get("entries").size() == 1)
			.findFirst()
			.orElseThrow();
		assertThat(change.get("after").get("entries").get(0).asString()).isEqualTo("203.0.113.0/24");
		assertThat(change.get("before").get("entries").size()).isZero();
	}

	@Test
	void awsIpRangesAreFilteredOnServiceAndRegionBothFamilies() {
		this.feeds.serve("/ip-ranges.json",
				"""
						{"syncToken": "1", "createDate": "2026-12-05-00-00-00",
						 "prefixes": [
						  {"ip_prefix": "192.0.2.0/24", "region": "GLOBAL", "service": "CLOUDFRONT", "network_border_group": "GLOBAL"},
						  {"ip_prefix": "192.0.2.0/24", "region": "GLOBAL", "service": "AMAZON", "network_border_group": "GLOBAL"},
						  {"ip_prefix": "198.51.100.0/24", "region": "us-east-1", "service": "CLOUDFRONT", "network_border_group": "us-east-1"},
						  {"ip_prefix": "203.0.113.0/24", "region": "GLOBAL", "service": "EC2", "network_border_group": "GLOBAL"}],
						 "ipv6_prefixes": [
						  {"ipv6_prefix": "2001:db8:cf::/48", "region": "GLOBAL", "service": "CLOUDFRONT", "network_border_group": "GLOBAL"},
						  {"ipv6_prefix": "2001:db8:ec2::/48", "region": "GLOBAL", "service": "EC2", "network_border_group": "GLOBAL"}]}
						""");
		Map<String, Object> source = source("/ip-ranges.json", "aws-ip-ranges");
		source.put("service", "CLOUDFRONT");
		source.put("region", "GLOBAL");
		String id = create("cloudfront", source);

		refreshAll();
		assertThat(entries(read(id))).containsExactly("192.0.2.0/24", "2001:db8:cf::/48");
	}

	@Test
	void aJsonFeedIsReadAtItsPath() {
		this.feeds.serve("/ranges.json", """
				{"result": {"ipv4_cidrs": ["192.0.2.0/24", "198.51.100.0/24"], "ipv6_cidrs": ["2001:db8::/32"]}}
				""");
		Map<String, Object> source = source("/ranges.json", "json");
		source.put("path", "result.ipv4_cidrs[]");
		String id = create("cloudflare", source);

		refreshAll();
		assertThat(entries(read(id))).containsExactly("192.0.2.0/24", "198.51.100.0/24");
	}

	@Test
	void anUnchangedFeedIsAskedWithItsEtagAndA304ChangesOnlyTheStatus() {
		Feed feed = this.feeds.serve("/list.txt", "192.0.2.0/24\n");
		String id = create("list", source("/list.txt", "text"));
		refreshAll();
		Response first = read(id);
		assertThat(feed.lastIfNoneMatch()).isNull();

		makeDue(id);
		refreshAll();
		Response second = read(id);
		assertThat(feed.requests()).isEqualTo(2);
		assertThat(feed.lastIfNoneMatch()).startsWith("\"");
		assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
		assertThat(Instant.parse(second.json().get("sourceStatus").get("lastAttemptTime").asString()))
			.isAfter(Instant.parse(first.json().get("sourceStatus").get("lastAttemptTime").asString()));
		assertThat(nextAttempt(id)).isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(Duration.ofMinutes(7)));
	}

	@Test
	void everyKindOfFailureKeepsTheLastGoodEntriesSaysWhyAndBacksOff() {
		Feed feed = this.feeds.serve("/list.txt", "192.0.2.0/24\n198.51.100.0/24\n").etags(false);
		String id = create("list", source("/list.txt", "text"));
		refreshAll();
		String etag = read(id).header("ETag");

		String bigBody = "192.0.2.0/24\n# " + "x".repeat(1_100_000) + "\n";
		String manyEntries = IntStream.range(0, 1001)
			.mapToObj((i) -> "10." + (i / 256) + "." + (i % 256) + ".0/24")
			.collect(Collectors.joining("\n"));
		Map<Runnable, String> failures = new java.util.LinkedHashMap<>();
		failures.put(() -> feed.status(503), "the feed answered HTTP 503");
		failures.put(() -> feed.body("192.0.2.0/24\n300.1.2.3\n"), "line 2: ");
		failures.put(() -> feed.body("{\"prefixes\": []}"), "line 1: ");
		failures.put(() -> feed.body(bigBody), "over the limit of 1048576");
		failures.put(() -> feed.body(manyEntries), "1001 entries, more than the limit of 1000");
		failures.put(() -> feed.body("# nothing left\n"), "the feed has no entries");

		int failuresInARow = 0;
		for (Map.Entry<Runnable, String> failure : failures.entrySet()) {
			failure.getKey().run();
			makeDue(id);
			refreshAll();
			failuresInARow++;
			Response after = read(id);
			assertThat(entries(after)).containsExactly("192.0.2.0/24", "198.51.100.0/24");
			assertThat(after.header("ETag")).isEqualTo(etag);
			assertThat(after.json().get("sourceStatus").get("error").asString()).contains(failure.getValue());
			// 1m, 2m, 4m ... (give or take 10%), never longer than the interval.
			Duration backoff = Duration.ofMinutes(Math.min(60, 1L << (failuresInARow - 1)));
			assertThat(nextAttempt(id)).isCloseTo(Instant.now().plus(backoff),
					within(backoff.dividedBy(10).plusSeconds(10)));
		}

		this.feeds.close();
		makeDue(id);
		refreshAll();
		assertThat(read(id).json().get("sourceStatus").get("error").asString()).startsWith("cannot fetch the feed");
		assertThat(entries(read(id))).containsExactly("192.0.2.0/24", "198.51.100.0/24");
	}

	@Test
	void aListRemovingMoreThanHalfIsHeldUntilAnAdminAcceptsIt() {
		Feed feed = this.feeds.serve("/list.txt", addresses(0, 10));
		String id = create("list", source("/list.txt", "text"));
		refreshAll();
		String etag = read(id).header("ETag");

		feed.body(addresses(0, 3));
		makeDue(id);
		refreshAll();
		Response held = read(id);
		assertThat(entries(held)).hasSize(10);
		assertThat(held.header("ETag")).isEqualTo(etag);
		JsonNode status = held.json().get("sourceStatus");
		assertThat(status.get("error").asString()).startsWith("held: the feed would remove 7 of 10 entries (70%)");
		assertThat(status.get("held").get("entryCount").asInt()).isEqualTo(3);
		assertThat(status.get("held").get("removedCount").asInt()).isEqualTo(7);

		String editor = token("editor");
		this.api.withToken(editor)
			.post(this.tenant, "/externalnetworks/" + id + "/source/accept", "")
			.expectProblem(403);
		this.api
			.send("POST", this.tenant, "/externalnetworks/" + id + "/source/accept", "", Map.of("If-Match", "\"999\""))
			.expectProblem(412);

		Response accepted = this.api.post(this.tenant, "/externalnetworks/" + id + "/source/accept", "")
			.expectStatus(200);
		assertThat(entries(accepted)).hasSize(3);
		assertThat(accepted.json().get("sourceStatus").get("held")).isNull();
		assertThat(accepted.json().get("sourceStatus").get("error")).isNull();
		assertThat(accepted.header("ETag")).isNotEqualTo(etag);
		this.api.post(this.tenant, "/externalnetworks/" + id + "/source/accept", "").expectProblem(409);
	}

	@Test
	void aHeldListFetchedAgainAnIntervalLaterIsAppliedButNotByAnEarlyRetry() {
		Feed feed = this.feeds.serve("/list.txt", addresses(0, 10));
		String id = create("list", source("/list.txt", "text"));
		refreshAll();
		feed.body(addresses(8, 10));
		makeDue(id);
		refreshAll();
		assertThat(entries(read(id))).hasSize(10);

		// A retry sooner than an interval (as after a failure) does not confirm it.
		makeDue(id);
		refreshAll();
		assertThat(entries(read(id))).hasSize(10);
		assertThat(read(id).json().get("sourceStatus").get("held").get("entryCount").asInt()).isEqualTo(2);

		// Another truncated list replaces the held one.
		feed.body(addresses(6, 10));
		makeDue(id);
		refreshAll();
		assertThat(read(id).json().get("sourceStatus").get("held").get("entryCount").asInt()).isEqualTo(4);

		this.jdbc
			.sql("update external_networks set source_held_time = source_held_time - interval '1 hour' "
					+ "where id = ?")
			.param(UUID.fromString(id))
			.update();
		makeDue(id);
		refreshAll();
		Response applied = read(id);
		assertThat(entries(applied)).hasSize(4);
		assertThat(applied.json().get("sourceStatus").get("held")).isNull();
		assertThat(applied.json().get("sourceStatus").get("error")).isNull();
	}

	@Test
	void loopbackIsRefusedUnlessAllowedAndAnUntrustedCertificateToo() {
		FeedRefresher guarded = refresher(properties(List.of(), DataSize.ofMegabytes(1), 1000, 0.5));
		try {
			this.feeds.serve("/list.txt", "192.0.2.0/24\n");
			String id = create("list", source("/list.txt", "text"));
			refreshAll(guarded);
			assertThat(read(id).json().get("sourceStatus").get("error").asString()).contains("127.0.0.1")
				.contains("mseg.feeds.allowed-hosts");
			assertThat(entries(read(id))).isEmpty();
		}
		finally {
			guarded.destroy();
		}

		Map<String, Object> untrusted = source("/list.txt", "text");
		untrusted.remove("caCertificate");
		String other = create("untrusted", untrusted);
		refreshAll();
		assertThat(read(other).json().get("sourceStatus").get("error").asString()).startsWith("cannot fetch the feed")
			.containsIgnoringCase("certificat");
		assertThat(entries(read(other))).isEmpty();
	}

	@Test
	void logsNameTheFeedsHostNeverItsQuery(CapturedOutput output) {
		this.feeds.serve("/list.txt", "192.0.2.0/24\n300.0.0.0\n");
		Map<String, Object> source = source("/list.txt", "text");
		source.put("url", source.get("url") + "?key=secret-feed-key-123");
		create("keyed", source);
		refreshAll();
		assertThat(output.getAll()).contains("fetching from 127.0.0.1 failed").doesNotContain("secret-feed-key-123");
	}

	private FeedRefresher refresher(FeedProperties properties) {
		return new FeedRefresher(this.claims, this.service, properties, java.time.Clock.systemUTC(),
				new SimpleMeterRegistry());
	}

	private static FeedProperties properties(List<String> allowedHosts, DataSize maxSize, int maxEntries,
			double maxRemovalShare) {
		return new FeedProperties(false, allowedHosts, false, Duration.ofSeconds(15), Duration.ofSeconds(10), maxSize,
				maxEntries, maxRemovalShare, 4);
	}

	private void refreshAll() {
		refreshAll(this.refresher);
	}

	// Other tests' sources share the database: each pass takes what is due, until this
	// test's are done (they are due at once when new, or made due).
	private void refreshAll(FeedRefresher refresher) {
		try {
			for (int pass = 0; pass < 50 && refresher.refreshDue() > 0; pass++) {
				assertThat(refresher.awaitIdle(SOON)).isTrue();
			}
			assertThat(refresher.awaitIdle(SOON)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, Object> source(String path, String format) {
		Map<String, Object> source = new java.util.HashMap<>();
		source.put("url", this.feeds.url(path));
		source.put("format", format);
		source.put("caCertificate", this.feeds.caCertificate());
		return source;
	}

	private String create(String name, Map<String, Object> source) {
		return this.api.post(this.tenant, "/externalnetworks", json("name", name, "source", source))
			.expectStatus(201)
			.id();
	}

	private Response read(String id) {
		return this.api.get(this.tenant, "/externalnetworks/" + id).expectStatus(200);
	}

	private void makeDue(String id) {
		this.jdbc.sql("update external_networks set source_next_attempt_time = now() where id = ?")
			.param(UUID.fromString(id))
			.update();
	}

	private Instant nextAttempt(String id) {
		return this.jdbc.sql("select source_next_attempt_time from external_networks where id = ?")
			.param(UUID.fromString(id))
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
	}

	private String token(String role) {
		return this.api.post(this.tenant, "/apitokens", json("name", role + "-" + UUID.randomUUID(), "role", role))
			.expectStatus(201)
			.json()
			.get("token")
			.asString();
	}

	private static List<String> entries(Response network) {
		return network.json().get("entries").valueStream().map(JsonNode::asString).toList();
	}

	private static String addresses(int from, int to) {
		return IntStream.range(from, to).mapToObj((i) -> "192.0.2." + i + "\n").collect(Collectors.joining());
	}

}
