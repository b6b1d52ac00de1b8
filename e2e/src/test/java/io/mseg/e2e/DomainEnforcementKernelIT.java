package io.mseg.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.DnsServer;
import io.mseg.e2e.support.EnforcerProcess;
import io.mseg.e2e.support.Host;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.Probe;
import io.mseg.e2e.support.ResolvingClient;
import io.mseg.e2e.support.ResolvingClient.Attempt;
import io.mseg.e2e.support.ResolvingClient.Outcome;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * External networks given by domain names allow, in the kernel, exactly the addresses the
 * protected host's own lookups returned for matching names: a real DNS server (dnsmasq in
 * a host of its own) answers the host's system resolver, the enforcer running inside the
 * host's namespace sees the answers on the way, and the addresses are in its table before
 * the answer reaches the application. Targets are hosts without enforcers ({@code ext}
 * with many addresses); the records are in {@link #zone()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(KernelPrerequisites.class)
class DomainEnforcementKernelIT {

	private static final Duration CONVERGENCE = Duration.ofSeconds(10);

	/** Long enough to outlast every test that does not wait for an expiry. */
	private static final int TTL = 120;

	/** With TTL 1: learned for max(1 s, floor) + grace = 3 s. */
	private static final List<String> CLIENT_OPTIONS = List.of("--reject-with", "icmp", "--dns-ttl-floor", "2s",
			"--dns-grace", "1s");

	/** Where an external host echoes every line, for connections held open. */
	private static final int ECHO_PORT = 7007;

	private static final int RACE_NAMES = 1000;

	/** Given to {@code ext} as a local route (AnyIP): every address in it answers. */
	private static final String ANY_IP = "10.233.16.0/20";

	/** The addresses of {@code ext} besides its own, one set per test. */
	private static final List<String> EXT_V4 = List.of("10.233.0.101", "10.233.0.102", "10.233.0.103", "10.233.0.104",
			"10.233.0.105", "10.233.0.106", "10.233.0.107", "10.233.0.108", "10.233.0.110", "10.233.0.111",
			"10.233.0.112", "10.233.0.113", "10.233.0.114");

	private static final List<String> EXT_V6 = List.of("fd00:233::68", "fd00:233::69", "fd00:233::6f");

	/**
	 * Threads of their own: a probe must not wait behind a client holding its connection.
	 */
	private static final ExecutorService PROBES = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "domain-probe");
		thread.setDaemon(true);
		return thread;
	});

	private static World world;

	private static DnsServer dns;

	/** Protected; resolves through {@link #dns}. */
	private static Host client;

	/** Protected: a processing unit a name resolves to. */
	private static Host peer;

	/** Protected, by an enforcer whose interception cannot start. */
	private static Host broken;

	/**
	 * Not protected: answers on all of {@link #EXT_V4}, {@link #EXT_V6} and
	 * {@link #ANY_IP}.
	 */
	private static Host ext;

	private static EnforcerProcess clientEnforcer;

	@BeforeAll
	static void startTheWorld() {
		world = World.create("domains", (w) -> {
			buildLab(w);
			w.startConsole();
			clientEnforcer = w.enforce(client, World.PROD, w.console().uri(), CLIENT_OPTIONS, "app=client");
			EnforcerProcess peerEnforcer = w.enforce(peer, World.PROD, w.console().uri(),
					List.of("--reject-with", "icmp"), "app=peer");
			for (EnforcerProcess enforcer : List.of(clientEnforcer, peerEnforcer)) {
				enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
			}
		});
	}

	/**
	 * The hosts, the DNS server and its clients, and a check that without enforcers every
	 * name resolves as {@link #zone()} says and every address answers: what the tests
	 * below block, the enforcers block.
	 * @param w the world
	 */
	private static void buildLab(World w) {
		ext = w.host("ext", 100);
		for (String address : EXT_V4) {
			ext.ip("addr", "add", address + "/24", "dev", "eth0");
		}
		for (String address : EXT_V6) {
			ext.ip("-6", "addr", "add", address + "/64", "dev", "eth0", "nodad");
		}
		ext.ip("route", "add", "local", ANY_IP, "dev", "lo");
		ext.socat("tcp", ECHO_PORT, "TCP6-LISTEN:" + ECHO_PORT + ",fork,reuseaddr,ipv6only=0", "PIPE");
		client = w.host("client", 10);
		client.ip("route", "add", ANY_IP, "via", ext.v4());
		peer = w.host("peer", 20);
		broken = w.host("broken", 30);
		broken.ip("route", "add", ANY_IP, "via", ext.v4());
		dns = w.dnsServer("dns", 53, zone());
		dns.serve(client);
		dns.serve(broken);

		long tcpBefore = dns.tcpConnections();
		Outcome outcome = ResolvingClient.run(client, Duration.ofSeconds(60), ResolvingClient.options(443, "--all"),
				answers().keySet().toArray(String[]::new));
		assertThat(outcome.failed()).as("without enforcers: %s", outcome.output()).isEmpty();
		answers().forEach((name, addresses) -> assertThat(addressesOf(outcome, name)).as("answer for " + name)
			.containsExactlyInAnyOrderElementsOf(addresses));
		assertThat(dns.tcpConnections()).as("big.mseg.test's answer is truncated and retried over TCP")
			.isGreaterThan(tcpBefore);
		Probe.check(allowed(client, ext, "tcp", 443), allowed(ext, client, "tcp", 443),
				allowed(client, peer, "tcp", 443), allowed(client, peer, "tcp", 443).v6());
	}

	/**
	 * The DNS server's records: each test has names and addresses of its own, so that an
	 * address learned in one test cannot make another pass.
	 * @return the zone
	 */
	private static DnsServer.Zone zone() {
		DnsServer.Zone zone = new DnsServer.Zone().local("mseg.test")
			.local("elsewhere.test")
			.localTtl(TTL)
			.host("api.mseg.test", TTL, "10.233.0.101")
			.host("other.mseg.test", TTL, "10.233.0.102")
			.cname("alias.mseg.test", "hop.mseg.test", TTL)
			.cname("hop.mseg.test", "end.elsewhere.test", TTL)
			.host("end.elsewhere.test", TTL, "10.233.0.103")
			.host("multi.mseg.test", TTL, "10.233.0.104", "10.233.0.105", "fd00:233::68", "fd00:233::69")
			.host("peer.mseg.test", TTL, "10.233.0.20", "fd00:233::14")
			// The bare domain has an address of its own; every name under deep.wild is
			// answered by the wildcard.
			.host("wild.mseg.test", TTL, "10.233.0.107")
			.host("one.wild.mseg.test", TTL, "10.233.0.106")
			.wildcard("deep.wild.mseg.test", "10.233.0.108")
			.host("brief.mseg.test", 1, "10.233.0.110")
			.host("kept.mseg.test", TTL, "10.233.0.111")
			.host("fail.mseg.test", TTL, "10.233.0.112")
			.host("seen.mseg.test", TTL, "10.233.0.114")
			.host("inbound.mseg.test", TTL, "10.233.0.100")
			.host("big.mseg.test", TTL, bigAddresses().toArray(String[]::new));
		for (int n = 1; n <= RACE_NAMES; n++) {
			zone.host("n" + n + ".race.mseg.test", TTL, raceAddress(n));
		}
		return zone;
	}

	/** What the names the tests use resolve to. */
	private static Map<String, List<String>> answers() {
		Map<String, List<String>> answers = new LinkedHashMap<>();
		answers.put("api.mseg.test", List.of("10.233.0.101"));
		answers.put("other.mseg.test", List.of("10.233.0.102"));
		answers.put("alias.mseg.test", List.of("10.233.0.103"));
		answers.put("multi.mseg.test", List.of("10.233.0.104", "10.233.0.105", "fd00:233::68", "fd00:233::69"));
		answers.put("peer.mseg.test", List.of("10.233.0.20", "fd00:233::14"));
		answers.put("wild.mseg.test", List.of("10.233.0.107"));
		answers.put("one.wild.mseg.test", List.of("10.233.0.106"));
		answers.put("two.deep.wild.mseg.test", List.of("10.233.0.108"));
		answers.put("brief.mseg.test", List.of("10.233.0.110"));
		answers.put("kept.mseg.test", List.of("10.233.0.111"));
		answers.put("fail.mseg.test", List.of("10.233.0.112"));
		answers.put("seen.mseg.test", List.of("10.233.0.114"));
		answers.put("inbound.mseg.test", List.of("10.233.0.100"));
		answers.put("big.mseg.test", bigAddresses());
		answers.put("n1.race.mseg.test", List.of(raceAddress(1)));
		answers.put("n1000.race.mseg.test", List.of(raceAddress(RACE_NAMES)));
		return answers;
	}

	/** 60 A records: 12 + 35 + 60 x 16 bytes, more than a 512 byte UDP answer holds. */
	private static List<String> bigAddresses() {
		List<String> addresses = new ArrayList<>();
		for (int i = 1; i <= 60; i++) {
			addresses.add("10.233.20." + i);
		}
		return addresses;
	}

	/** n1..n1000: 10.233.16.1 .. 10.233.19.250, a distinct address each. */
	private static String raceAddress(int n) {
		return "10.233." + (16 + (n - 1) / 250) + "." + (1 + (n - 1) % 250);
	}

	@AfterAll
	static void stopTheWorld() {
		if (world != null) {
			world.close();
		}
	}

	@AfterEach
	void deleteObjects() {
		world.deleteObjects();
		Await.until("no policy rule left in " + client, CONVERGENCE,
				() -> !client.table(EnforcerProcess.TABLE).contains("allow:"), world::logs);
	}

	@Test
	@Order(1)
	void anAddressIsAllowedOnlyAfterItsNameWasResolvedOverUdp() {
		allowOutgoing(client, domainNetwork("api", "api.mseg.test"), "tcp/443");
		expect(client, 443, List.of(), List.of("10.233.0.101", "10.233.0.102"));
		long tcpBefore = dns.tcpConnections();
		long udpBefore = dns.udpQueries();

		Outcome outcome = ResolvingClient.connect(client, 443, "api.mseg.test", "other.mseg.test");

		assertThat(attempt(outcome, "api.mseg.test").ok()).as(outcome.output()).isTrue();
		assertThat(attempt(outcome, "other.mseg.test").resolved()).as("other.mseg.test resolves").isTrue();
		assertThat(attempt(outcome, "other.mseg.test").ok()).as("a name the network does not name").isFalse();
		assertThat(dns.tcpConnections()).as("the lookups went over UDP only").isEqualTo(tcpBefore);
		assertThat(dns.udpQueries()).isGreaterThan(udpBefore);
		expect(client, 443, List.of("10.233.0.101"), List.of("10.233.0.102"));
		expect(client, 8080, List.of(), List.of("10.233.0.101"));
		assertThat(isLearned(client, "10.233.0.101")).as(learned(client)).isTrue();
		assertThat(isLearned(client, "10.233.0.102")).as(learned(client)).isFalse();
		assertThat(learnedSets(client)).as("learned sets have per-element timeouts")
			.isNotEmpty()
			.allSatisfy((set) -> assertThat(set).containsPattern("flags [a-z,]*timeout"));
	}

	@Test
	@Order(2)
	void aTruncatedAnswerRetriedOverTcpAllowsEveryAddressInIt() {
		allowOutgoing(client, domainNetwork("big", "big.mseg.test"), "tcp/443");
		expect(client, 443, List.of(), List.of("10.233.20.1", "10.233.20.60"));
		long tcpBefore = dns.tcpConnections();

		Outcome outcome = ResolvingClient.run(client, Duration.ofSeconds(60),
				ResolvingClient.options(443, "--all", "--family", "v4"), "big.mseg.test");

		assertThat(dns.tcpConnections()).as("the client retried over TCP").isGreaterThan(tcpBefore);
		assertThat(outcome.attempts()).as(outcome.output()).hasSize(60).allMatch(Attempt::ok);
		expect(client, 443, List.of("10.233.20.1", "10.233.20.60"), List.of("10.233.20.61"));
	}

	@Test
	@Order(3)
	void theAddressesAtTheEndOfACnameChainAreAllowed() {
		allowOutgoing(client, domainNetwork("alias", "alias.mseg.test"), "tcp/443");
		expect(client, 443, List.of(), List.of("10.233.0.103"));

		Outcome outcome = ResolvingClient.connect(client, 443, "alias.mseg.test");

		assertThat(outcome.attempts()).as(outcome.output()).singleElement().matches(Attempt::ok);
		expect(client, 443, List.of("10.233.0.103"), List.of());
	}

	@Test
	@Order(4)
	void everyAAndAaaaAddressOfAnAnswerIsAllowedOverIpv4AndIpv6() {
		allowOutgoing(client, domainNetwork("multi", "multi.mseg.test"), "tcp/443");
		List<String> answer = List.of("10.233.0.104", "10.233.0.105", "fd00:233::68", "fd00:233::69");
		expect(client, 443, List.of(), answer);

		Outcome outcome = ResolvingClient.run(client, Duration.ofSeconds(60), ResolvingClient.options(443, "--all"),
				"multi.mseg.test");

		assertThat(outcome.addresses()).as(outcome.output()).containsExactlyInAnyOrderElementsOf(answer);
		assertThat(outcome.failed()).as(outcome.output()).isEmpty();
		expect(client, 443, answer, List.of("fd00:233::6f"));
	}

	@Test
	@Order(5)
	void aNameResolvingToAProcessingUnitDoesNotOpenThatUnit() {
		allowOutgoing(client, domainNetwork("peer-name", "peer.mseg.test"), "tcp/443");
		// The peer accepts the client: only the client's own side decides.
		String accepts = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "peer accepts the client", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("app=client")), "object", List.of(List.of("app=peer"))));
		world.awaitRules(accepts, true, CONVERGENCE, peer);

		Outcome outcome = ResolvingClient.run(client, Duration.ofSeconds(60), ResolvingClient.options(443, "--all"),
				"peer.mseg.test");

		assertThat(outcome.addresses()).as(outcome.output()).contains(peer.v4(), peer.v6());
		assertThat(outcome.attempts()).as(outcome.output()).noneMatch(Attempt::ok);
		Probe.check(blocked(client, peer, "tcp", 443), blocked(client, peer, "tcp", 443).v6());

		// The same connection passes once a policy names the unit itself.
		String byTag = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "client may call the peer", "applyPolicyMode", "OutgoingTraffic", "subject",
						List.of(List.of("app=client")), "object", List.of(List.of("app=peer")), "ports",
						List.of("tcp/443")));
		world.awaitRules(byTag, true, CONVERGENCE, client);
		Probe.check(allowed(client, peer, "tcp", 443), allowed(client, peer, "tcp", 443).v6());
	}

	@Test
	@Order(6)
	void aWildcardMatchesSubdomainsOneAndTwoLabelsDeepButNotTheBareDomain() {
		allowOutgoing(client, domainNetwork("wild", "*.wild.mseg.test"), "tcp/443");
		expect(client, 443, List.of(), List.of("10.233.0.106", "10.233.0.107", "10.233.0.108"));

		Outcome outcome = ResolvingClient.connect(client, 443, "wild.mseg.test", "one.wild.mseg.test",
				"two.deep.wild.mseg.test");

		assertThat(attempt(outcome, "wild.mseg.test").resolved()).as(outcome.output()).isTrue();
		assertThat(attempt(outcome, "wild.mseg.test").ok()).as("the bare domain").isFalse();
		assertThat(attempt(outcome, "one.wild.mseg.test").ok()).as(outcome.output()).isTrue();
		assertThat(attempt(outcome, "two.deep.wild.mseg.test").ok()).as(outcome.output()).isTrue();
		expect(client, 443, List.of("10.233.0.106", "10.233.0.108"), List.of("10.233.0.107"));
	}

	@Test
	@Order(7)
	void aDomainEntryNeverAllowsIncomingConnections() {
		String inbound = domainNetwork("inbound", "inbound.mseg.test");
		allowOutgoing(client, inbound, "tcp/443");
		// Rendered or not, it must match nothing: no rule of it to wait for.
		world.create(World.PROD, "/networkaccesspolicies",
				map("name", "inbound.mseg.test may call the client", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("ext:name=inbound", "$identity=externalnetwork")), "object",
						List.of(List.of("app=client")), "ports", List.of("tcp/443")));
		// The same host by its address may call the client on 8080: incoming probes do
		// pass when a rule allows them.
		world.create(World.PROD, "/externalnetworks", map("name", "ext-address", "entries", List.of(ext.v4() + "/32"),
				"associatedTags", List.of("ext:name=ext-address")));
		String byAddress = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "ext by address may call the client", "applyPolicyMode", "IncomingTraffic", "subject",
						List.of(List.of("ext:name=ext-address", "$identity=externalnetwork")), "object",
						List.of(List.of("app=client")), "ports", List.of("tcp/8080")));
		world.awaitRules(byAddress, true, CONVERGENCE, client);
		Probe.check(blocked(client, ext, "tcp", 443), blocked(ext, client, "tcp", 443),
				allowed(ext, client, "tcp", 8080));

		Outcome outcome = ResolvingClient.connect(client, 443, "inbound.mseg.test");

		assertThat(outcome.attempts()).as(outcome.output()).singleElement().matches(Attempt::ok);
		Probe.check(allowed(client, ext, "tcp", 443), blocked(ext, client, "tcp", 443),
				allowed(ext, client, "tcp", 8080));
	}

	@Test
	@Order(8)
	void theConsoleShowsWhatTheEnforcerLearned() {
		allowOutgoing(client, domainNetwork("seen", "seen.mseg.test"), "tcp/443");

		Outcome outcome = ResolvingClient.connect(client, 443, "seen.mseg.test");

		assertThat(outcome.attempts()).as(outcome.output()).singleElement().matches(Attempt::ok);
		String id = world.enforcerId(client.name());
		Await.until("the console shows learned names and addresses of " + client, Duration.ofSeconds(30), () -> {
			JsonNode dnsStatus = world.api().get(World.PROD, "/enforcers/" + id).path("dns");
			return dnsStatus.path("learnedNames").asLong(0) > 0 && dnsStatus.path("learnedAddresses").asLong(0) > 0;
		}, world::logs);
		JsonNode enforcer = world.api().get(World.PROD, "/enforcers/" + id);
		assertThat(enforcer.path("dns").path("interception").asString()).as(enforcer.toString()).isEqualTo("Active");
		JsonNode error = enforcer.path("dns").path("error");
		assertThat(error.isNull() || error.isMissingNode()).as("no error: " + enforcer).isTrue();
		assertThat(enforcer.path("enforcementStatus").asString()).as(enforcer.toString()).isEqualTo("Active");
	}

	@Test
	@Order(9)
	void aThousandLookupsEachFollowedAtOnceByAConnectionAllSucceed() {
		allowOutgoing(client, domainNetwork("race", "*.race.mseg.test"), "tcp/443");
		expect(client, 443, List.of(), List.of(raceAddress(1), raceAddress(RACE_NAMES)));

		long start = System.nanoTime();
		Outcome outcome = ResolvingClient.run(client, Duration.ofSeconds(180),
				ResolvingClient.options(443, "--count", Integer.toString(RACE_NAMES), "--timeout-ms", "2000"),
				"n%d.race.mseg.test");
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(outcome.failures()).as(outcome.describe()).isZero();
		assertThat(outcome.attempts()).hasSize(RACE_NAMES);
		assertThat(outcome.addresses()).as("a new address each time").hasSize(RACE_NAMES);
		// In the range the target answers on, never in an answer:
		expect(client, 443, List.of(raceAddress(1)), List.of("10.233.19.251"));
		System.out.println(
				RACE_NAMES + " lookups, each followed at once by a connection: " + took.toMillis() + " ms, 0 failures");
	}

	@Test
	@Order(10)
	void aLearnedAddressExpiresAfterTtlPlusFloorWhileAConnectionOpenedBeforeKeepsWorking() {
		allowOutgoing(client, domainNetwork("brief", "brief.mseg.test"), "tcp/443", "tcp/" + ECHO_PORT);
		expect(client, 443, List.of(), List.of("10.233.0.110"));

		CompletableFuture<Outcome> held = ResolvingClient.start(client, Duration.ofSeconds(40),
				ResolvingClient.options(ECHO_PORT, "--hold-ms", "9000", "--every-ms", "250"), "brief.mseg.test");
		Await.until("10.233.0.110 learned", CONVERGENCE, () -> isLearned(client, "10.233.0.110"), world::logs);
		Instant learnedAt = Instant.now();
		expect(client, 443, List.of("10.233.0.110"), List.of());
		Await.until("10.233.0.110 expired", CONVERGENCE, () -> !isLearned(client, "10.233.0.110"), world::logs);
		Instant expiredAt = Instant.now();
		expect(client, 443, List.of(), List.of("10.233.0.110"));
		Outcome outcome = held.join();

		// TTL 1 s, floor 2 s, grace 1 s: 3 s (a little less as observed, polling).
		assertThat(Duration.between(learnedAt, expiredAt)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(6));
		assertThat(outcome.attempts()).as(outcome.output()).singleElement().matches(Attempt::ok);
		assertThat(outcome.exchanges()).as(outcome.output()).allMatch(ResolvingClient.Exchange::ok);
		assertThat(outcome.exchanges()).as("lines exchanged a second after the expiry: " + outcome.output())
			.anyMatch((exchange) -> exchange.time().isAfter(expiredAt.plusSeconds(1)));
	}

	@Test
	@Order(11)
	void learnedAddressesSurviveAPolicyChangeAnEnforcerRestartAndAConsoleOutage() {
		allowOutgoing(client, domainNetwork("kept", "kept.mseg.test"), "tcp/443");
		Outcome outcome = ResolvingClient.connect(client, 443, "kept.mseg.test");
		assertThat(outcome.attempts()).as(outcome.output()).singleElement().matches(Attempt::ok);

		String unrelated = world.create(World.PROD, "/networkaccesspolicies",
				map("name", "an unrelated change", "applyPolicyMode", "OutgoingTraffic", "subject",
						List.of(List.of("app=client")), "object", List.of(List.of("app=peer")), "ports",
						List.of("tcp/6381")));
		world.awaitRules(unrelated, true, CONVERGENCE, client);
		expect(client, 443, List.of("10.233.0.111"), List.of("10.233.0.102"));

		// A restart after the table was lost (as after a reboot): the learned address
		// comes
		// back from the state directory, not from the kernel.
		int started = EnforcerProcess.count(clientEnforcer.log(), "from the state directory");
		clientEnforcer.stop();
		client.nft("delete", "table", "inet", EnforcerProcess.TABLE);
		clientEnforcer.start();
		clientEnforcer.awaitLog("from the state directory", started + 1, CONVERGENCE);
		world.awaitRules(unrelated, true, CONVERGENCE, client);
		Await.until("10.233.0.111 learned again", CONVERGENCE, () -> isLearned(client, "10.233.0.111"), world::logs);
		expect(client, 443, List.of("10.233.0.111"), List.of("10.233.0.102"));

		// The console goes away: what was learned stays allowed, lookups still pass
		// through
		// the enforcer and connect.
		int sessions = EnforcerProcess.count(clientEnforcer.log(), "Console session ended");
		int connected = EnforcerProcess.count(clientEnforcer.log(), "Connected to the console");
		world.console().stop();
		try {
			clientEnforcer.awaitLog("Console session ended", sessions + 1, CONVERGENCE);
			expect(client, 443, List.of("10.233.0.111"), List.of("10.233.0.102"));
			Outcome during = ResolvingClient.connect(client, 443, "kept.mseg.test");
			assertThat(during.attempts()).as(during.output()).singleElement().matches(Attempt::ok);
		}
		finally {
			world.console().start();
		}
		clientEnforcer.awaitLog("Connected to the console", connected + 1, CONVERGENCE);
	}

	@Test
	@Order(12)
	void whenInterceptionCannotStartDomainEntriesAllowNothingAndOtherRulesKeepWorking() {
		// The port the enforcer redirects queries to is taken before it starts.
		broken.socat("udp", 15353, "-u", "UDP4-RECV:15353,bind=127.0.0.1", "OPEN:/dev/null");
		EnforcerProcess enforcer = world.enforce(broken, World.PROD, world.console().uri(),
				List.of("--reject-with", "icmp"), "app=broken");
		enforcer.awaitLog("Applied policy version", 1, Duration.ofSeconds(60));
		allowOutgoing(broken, domainNetwork("fail", "fail.mseg.test"), "tcp/443");
		world.create(World.PROD, "/externalnetworks", map("name", "by-address", "entries", List.of("10.233.0.113/32"),
				"associatedTags", List.of("ext:name=by-address")));
		allowOutgoing(broken, "by-address", "tcp/443");

		String id = world.enforcerId(broken.name());
		Await.until("the console shows the failed interception of " + broken, Duration.ofSeconds(30),
				() -> "Failed".equals(
						world.api().get(World.PROD, "/enforcers/" + id).path("dns").path("interception").asString()),
				world::logs);
		JsonNode status = world.api().get(World.PROD, "/enforcers/" + id);
		assertThat(status.path("enforcementStatus").asString()).as(status.toString()).isEqualTo("Failed");
		assertThat(status.path("dns").path("error").asString()).as(status.toString()).isNotBlank();
		assertThat(enforcer.log()).as("the enforcer's log says why").contains("15353");

		Outcome outcome = ResolvingClient.connect(broken, 443, "fail.mseg.test");

		assertThat(attempt(outcome, "fail.mseg.test").resolved()).as("lookups still work: " + outcome.output())
			.isTrue();
		assertThat(attempt(outcome, "fail.mseg.test").ok()).as(outcome.output()).isFalse();
		expect(broken, 443, List.of("10.233.0.113"), List.of("10.233.0.112"));
	}

	/**
	 * Creates an external network of domain entries in {@value World#PROD}.
	 * @param name its name, also its tag {@code ext:name=<name>}
	 * @param entries its entries
	 * @return the name
	 */
	private static String domainNetwork(String name, String... entries) {
		world.create(World.PROD, "/externalnetworks",
				map("name", name, "entries", List.of(entries), "associatedTags", List.of("ext:name=" + name)));
		return name;
	}

	/**
	 * Lets a unit initiate connections to an external network, and waits for the rules.
	 * @param from the unit's host ({@code app=<name>})
	 * @param network the network's name
	 * @param ports the ports
	 */
	private static void allowOutgoing(Host from, String network, String... ports) {
		String policy = world.create(World.PROD, "/networkaccesspolicies",
				map("name", from.name() + " may call " + network, "applyPolicyMode", "OutgoingTraffic", "subject",
						List.of(List.of("app=" + from.name())), "object",
						List.of(List.of("ext:name=" + network, "$identity=externalnetwork")), "ports", List.of(ports)));
		world.awaitRules(policy, true, CONVERGENCE, from);
	}

	/**
	 * Tries TCP connections by address (no lookup) in parallel and reports every
	 * mismatch.
	 * @param from the host
	 * @param port the port
	 * @param allowed addresses that must answer
	 * @param blocked addresses that must not
	 */
	private static void expect(Host from, int port, List<String> allowed, List<String> blocked) {
		Map<String, CompletableFuture<Boolean>> results = new LinkedHashMap<>();
		for (String address : allowed) {
			results.put(address, CompletableFuture.supplyAsync(() -> from.tcp(address, port, Probe.TIMEOUT), PROBES));
		}
		for (String address : blocked) {
			results.put(address, CompletableFuture.supplyAsync(() -> from.tcp(address, port, Probe.TIMEOUT), PROBES));
		}
		List<String> wrong = new ArrayList<>();
		results.forEach((address, result) -> {
			boolean expected = allowed.contains(address);
			if (result.join() != expected) {
				wrong.add(from.name() + " -> " + address + ":" + port + (expected ? " was blocked" : " passed"));
			}
		});
		if (!wrong.isEmpty()) {
			throw new AssertionError("traffic not as expected:\n  " + String.join("\n  ", wrong) + "\nlearned:\n"
					+ learned(from) + "\n" + world.logs());
		}
	}

	private static Attempt attempt(Outcome outcome, String name) {
		return outcome.attempts()
			.stream()
			.filter((attempt) -> attempt.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no attempt for " + name + ":\n" + outcome.output()));
	}

	private static List<String> addressesOf(Outcome outcome, String name) {
		return outcome.attempts()
			.stream()
			.filter((attempt) -> attempt.name().equals(name))
			.map(Attempt::address)
			.distinct()
			.toList();
	}

	/** The learned-address sets of a host's enforcer table, one text per set. */
	private static List<String> learnedSets(Host host) {
		List<String> sets = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?s)\\bset (dns_v[46]_\\w+) \\{.*?\\n\\t}")
			.matcher(host.table(EnforcerProcess.TABLE));
		while (matcher.find()) {
			sets.add(matcher.group());
		}
		return sets;
	}

	/** Every learned-address set's text. */
	private static String learned(Host host) {
		return String.join("\n", learnedSets(host));
	}

	private static boolean isLearned(Host host, String address) {
		return Pattern.compile("(?<![0-9a-f:.])" + Pattern.quote(address) + "(?![0-9a-f:.])")
			.matcher(learned(host))
			.find();
	}

}
