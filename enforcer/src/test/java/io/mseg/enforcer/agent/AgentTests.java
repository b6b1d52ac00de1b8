package io.mseg.enforcer.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.console.EnforcementStatus;
import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.enroll.CaPinner;
import io.mseg.enforcer.nftables.Fixtures;
import io.mseg.enforcer.nftables.RecordingNftClient;
import io.mseg.enforcer.nftables.RejectStyle;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.enforcer.store.StateFiles;
import io.mseg.enforcer.support.FakeConsole;
import io.mseg.enforcer.support.Sectioned;
import io.mseg.enforcer.support.MutableClock;
import io.mseg.enforcer.support.TestPki;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's loop against a scripted console and the recording nft fake.
 */
class AgentTests {

	private static final TestPki PKI = new TestPki("test console CA");

	private static final String TOKEN = "msen_secret." + io.mseg.enforcer.enroll.Pem.fingerprint(PKI.ca());

	@TempDir
	Path state;

	private final MutableClock clock = new MutableClock(Instant.now());

	private final FakeConsole console = new FakeConsole(PKI, this.clock, Duration.ofHours(3));

	private final RecordingNftClient nft = new RecordingNftClient();

	private final AtomicInteger pins = new AtomicInteger();

	private Agent agent;

	private Thread thread;

	@AfterEach
	void stopAgent() throws InterruptedException {
		stop();
	}

	@Test
	void enrollsRegistersTheHostAndAppliesThePolicy() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		assertThat(this.console.enrollments).hasValue(1);
		assertThat(this.nft.last()).isEqualTo(Fixtures.resource("golden/redis.nft"));
		assertThat(this.console.registrations.get(0)).singleElement().satisfies((unit) -> {
			assertThat(unit.name()).isEqualTo("host-1");
			assertThat(unit.type()).isEqualTo("Host");
			assertThat(unit.addresses()).containsExactly("10.233.0.13");
			assertThat(unit.associatedTags()).containsExactly("app=redis");
		});
		await(() -> this.console.pokes.stream().anyMatch((poke) -> poke.lastSyncTime() != null));
		assertThat(this.console.pokes.get(this.console.pokes.size() - 1).enforcementStatus())
			.isEqualTo(EnforcementStatus.ACTIVE);
	}

	@Test
	void keepsItsCredentialsAndThePolicyInPrivateFiles() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		assertThat(Files.getPosixFilePermissions(this.state)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		try (var files = Files.list(this.state)) {
			assertThat(files.map((file) -> file.getFileName().toString()).sorted().toList()).satisfiesExactly(
					(name) -> assertThat(name).isEqualTo("ca.pem"), (name) -> assertThat(name).isEqualTo("client.pem"),
					(name) -> assertThat(name).isEqualTo("identity.json"),
					(name) -> assertThat(name).isEqualTo("policy-index.json"),
					(name) -> assertThat(name).matches("policy-sections-[0-9a-f]{32}\\.pack"),
					(name) -> assertThat(name).isEqualTo("policy.etag"));
		}
		try (var files = Files.list(this.state)) {
			files.forEach((file) -> assertThat(perms(file)).as(file.toString()).isEqualTo("rw-------"));
		}
		assertThat(Files.readString(this.state.resolve("policy-index.json")))
			.isEqualTo(Sectioned.of(Fixtures.resource("documents/redis.json"), 2).index());
		assertThat(Files.readString(this.state.resolve("client.pem"))).contains("BEGIN PRIVATE KEY")
			.contains("BEGIN CERTIFICATE");
	}

	@Test
	void appliesTheStoredPolicyAtStartBeforeTheConsoleAnswers() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		assertThat(restartWithoutTheConsole()).containsExactly(Fixtures.resource("golden/redis.nft"));
		assertThat(this.console.enrollments).hasValue(1);
	}

	@Test
	void anExpiredCertificateStillEnforcesTheStoredPolicyAndSaysHowToRecover() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		stop();
		this.clock.advance(Duration.ofHours(4));
		this.console.reachable(false);
		List<String> logged = new CopyOnWriteArrayList<>();
		Handler handler = new Handler() {
			@Override
			public void publish(LogRecord record) {
				logged.add(record.getMessage());
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		Logger agentLog = Logger.getLogger(Agent.class.getPackageName());
		agentLog.addHandler(handler);
		try {
			RecordingNftClient restarted = new RecordingNftClient();
			assertThat(agent(settings(null), restarted).start()).isEqualTo(Agent.OK);
			assertThat(restarted.scripts()).containsExactly(Fixtures.resource("golden/redis.nft"));
			assertThat(logged).anyMatch((line) -> line.contains("expired") && line.contains("new enrollment token"));
		}
		finally {
			agentLog.removeHandler(handler);
		}
	}

	@Test
	void anUnchangedPolicyDoesNotTouchTheKernel() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		int fetches = this.console.fetches.get();
		this.console.send(new SseEvent("policy", "13", "{\"version\": 13}"));
		await(() -> this.console.fetches.get() == fetches + 1);
		this.console.retag("another-replica");
		this.console.send(new SseEvent("policy", "14", "{\"version\": 14}"));
		await(() -> this.console.fetches.get() == fetches + 2);
		this.console.send(SseEvent.comment("heartbeat"));
		assertThat(this.nft.scripts()).hasSize(1);
	}

	@Test
	void refetchesAndAppliesOnPolicyEvents() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		this.console.policy(Fixtures.resource("documents/mixed.json"));
		this.console.send(new SseEvent("policy", "77", "{\"version\": 77}"));
		await(() -> this.nft.scripts().size() == 2);
		assertThat(this.nft.last()).isEqualTo(Fixtures.update("redis", "mixed"));
		this.console.policy(Fixtures.resource("documents/no-rules.json"));
		this.console.send(new SseEvent("resync", "78", "{\"version\": 78}"));
		await(() -> this.nft.scripts().size() == 3);
		assertThat(this.nft.last()).isEqualTo(Fixtures.update("mixed", "no-rules"));
	}

	@Test
	void aNewVersionFetchesOnlyTheSectionsItDoesNotHold() throws Exception {
		String mixed = Fixtures.resource("documents/mixed.json");
		startEnforcing(mixed);
		assertThat(this.console.sectionRequests.get(0))
			.containsExactlyInAnyOrderElementsOf(Sectioned.of(mixed, 2).sections().keySet());
		String changed = mixed.replace("\"version\": 77", "\"version\": 78").replace("tcp/443", "tcp/444");
		assertThat(changed).isNotEqualTo(mixed);
		this.console.policy(changed);
		this.console.send(new SseEvent("policy", "43", "{\"version\": 43}"));
		await(() -> this.nft.scripts().size() == 2);
		Set<String> held = Sectioned.of(mixed, 2).sections().keySet();
		Set<String> needed = Sectioned.of(changed, 2).sections().keySet();
		assertThat(this.console.sectionRequests.get(1)).isNotEmpty()
			.hasSizeLessThan(needed.size())
			.containsExactlyInAnyOrderElementsOf(needed.stream().filter((name) -> !held.contains(name)).toList());
		assertThat(this.nft.last()).contains("444");
	}

	@Test
	void aSectionThatLeftThePolicyBeforeItWasFetchedMeansANewerIndex() throws Exception {
		this.console.policy(Fixtures.resource("documents/redis.json"));
		this.console.beforeSections = () -> this.console.policy(Fixtures.resource("documents/mixed.json"));
		startAgent(settings(TOKEN));
		await(() -> this.nft.scripts().size() == 1);
		assertThat(this.nft.last()).isEqualTo(Fixtures.resource("golden/mixed.nft"));
		assertThat(this.console.fetches).hasValue(2);
	}

	@Test
	void restartsFromTheSectionsOfSeveralVersions() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		this.console.policy(Fixtures.resource("documents/mixed.json"));
		this.console.send(new SseEvent("policy", "77", "{\"version\": 77}"));
		await(() -> this.nft.scripts().size() == 2);
		assertThat(restartWithoutTheConsole()).containsExactly(Fixtures.resource("golden/mixed.nft"));
	}

	@Test
	void restartsFromTheWholeDocumentAnEarlierVersionKept() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		stop();
		try (var files = Files.list(this.state)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().startsWith("policy")).toList()) {
				Files.delete(file);
			}
		}
		Files.writeString(this.state.resolve("policy.json"), Fixtures.resource("documents/mixed.json"));
		assertThat(restartWithoutTheConsole()).containsExactly(Fixtures.resource("golden/mixed.nft"));
	}

	/** Starts a new agent on the state directory while the console is unreachable. */
	private List<String> restartWithoutTheConsole() throws InterruptedException {
		stop();
		this.console.reachable(false);
		RecordingNftClient restarted = new RecordingNftClient();
		assertThat(agent(settings(null), restarted).start()).isEqualTo(Agent.OK);
		return restarted.scripts();
	}

	@Test
	void keepsEnforcingWhileTheConsoleIsUnreachableAndResumesAfterTheLastEvent() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		this.console.send(new SseEvent("policy", "12", "{\"version\": 12}"));
		await(() -> this.console.fetches.get() >= 2);
		this.console.reachable(false);
		Thread.sleep(600);
		assertThat(this.nft.scripts()).hasSize(1);
		this.console.policy(Fixtures.resource("documents/mixed.json"));
		this.console.reachable(true);
		await(() -> this.nft.scripts().size() == 2);
		assertThat(this.nft.last()).isEqualTo(Fixtures.update("redis", "mixed"));
		assertThat(this.console.lastEventIds).first().isEqualTo("null");
		assertThat(this.console.lastEventIds).last().isEqualTo("12");
	}

	@Test
	void reconnectionsReuseTheClientAndARenewalMakesANewOne() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		int clients = this.console.connections.get();
		this.console.reachable(false);
		Thread.sleep(300);
		this.console.reachable(true);
		await(() -> this.console.lastEventIds.size() >= 2);
		assertThat(this.console.connections).hasValue(clients);
		this.clock.advance(Duration.ofHours(2));
		this.console.send(SseEvent.comment("heartbeat"));
		await(() -> this.console.renewals.get() == 1);
		await(() -> this.console.connections.get() == clients + 1);
		Thread.sleep(100);
		assertThat(this.console.connections).hasValue(clients + 1);
	}

	@Test
	void aSilentStreamIsDeadAfterTheHeartbeatTimeoutAndReopened() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		this.console.send(new SseEvent("policy", "5", "{\"version\": 5}"));
		await(() -> this.console.lastEventIds.size() >= 2);
		assertThat(this.console.lastEventIds.get(1)).isEqualTo("5");
		assertThat(this.nft.scripts()).hasSize(1);
	}

	@Test
	void heartbeatsKeepTheStreamOpen() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		for (int i = 0; i < 8; i++) {
			this.console.send(SseEvent.comment("heartbeat"));
			Thread.sleep(100);
		}
		assertThat(this.console.lastEventIds).hasSize(1);
	}

	@Test
	void pollsThePolicyWithoutEvents() throws Exception {
		this.console.policy(Fixtures.resource("documents/redis.json"));
		startAgent(settings(TOKEN, Duration.ofSeconds(30), Duration.ofMillis(150)));
		await(() -> this.nft.scripts().size() == 1);
		this.console.policy(Fixtures.resource("documents/no-rules.json"));
		await(() -> this.nft.scripts().size() == 2);
		assertThat(this.console.lastEventIds).hasSize(1);
	}

	@Test
	void renewsTheCertificateAfterTwoThirdsOfItsLifetime() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		String before = Files.readString(this.state.resolve("client.pem"));
		this.clock.advance(Duration.ofMinutes(119));
		this.console.send(SseEvent.comment("heartbeat"));
		Thread.sleep(200);
		assertThat(this.console.renewals).hasValue(0);
		this.clock.advance(Duration.ofMinutes(2));
		this.console.send(SseEvent.comment("heartbeat"));
		await(() -> this.console.renewals.get() == 1);
		await(() -> !before.equals(read(this.state.resolve("client.pem"))));
		assertThat(read(this.state.resolve("client.pem"))).contains("BEGIN PRIVATE KEY");
		this.console.send(SseEvent.comment("heartbeat"));
		Thread.sleep(200);
		assertThat(this.console.renewals).hasValue(1);
	}

	@Test
	void aPolicyItCannotEnforceKeepsThePreviousOne() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		this.console.policy(Fixtures.resource("documents/redis.json").replace("tcp/6379", "tcp/99999"));
		this.console.send(new SseEvent("policy", "13", "{\"version\": 13}"));
		await(() -> this.console.pokes.stream()
			.anyMatch((poke) -> poke.enforcementStatus() == EnforcementStatus.FAILED));
		assertThat(this.nft.scripts()).hasSize(1);
		try (var files = Files.list(this.state)) {
			assertThat(files.filter((file) -> file.getFileName().toString().startsWith("policy"))
				.map(AgentTests::read)
				.toList()).isNotEmpty().noneMatch((text) -> text.contains("99999"));
		}
	}

	@Test
	void whenNftRefusesTheKernelKeepsTheOldRulesAndTheAgentRetries() throws Exception {
		startEnforcing(Fixtures.resource("documents/redis.json"));
		this.nft.refuse("Error: Could not process rule: No such file or directory");
		this.console.policy(Fixtures.resource("documents/mixed.json"));
		this.console.send(new SseEvent("policy", "77", "{\"version\": 77}"));
		await(() -> this.console.pokes.stream()
			.anyMatch((poke) -> poke.enforcementStatus() == EnforcementStatus.FAILED));
		this.nft.refuse(null);
		await(() -> this.nft.scripts().size() == 2);
		assertThat(this.nft.last()).isEqualTo(Fixtures.resource("golden/mixed.nft"));
	}

	@Test
	void anUnreachableConsoleAtFirstEnrollmentIsFatal() {
		this.console.reachable(false);
		Agent fresh = agent(settings(TOKEN), this.nft);
		assertThat(fresh.start()).isEqualTo(Agent.NO_ENROLLMENT);
		assertThat(this.nft.scripts()).isEmpty();
	}

	@Test
	void aWrongCaFingerprintIsFatal() {
		Agent fresh = new Agent(settings("msen_secret." + "0".repeat(64)), this.nft, this.console, (fingerprint) -> {
			throw new java.security.GeneralSecurityException("no certificate has the fingerprint");
		}, () -> List.of(), files(), this.clock);
		assertThat(fresh.start()).isEqualTo(Agent.NO_ENROLLMENT);
		assertThat(this.console.enrollments).hasValue(0);
	}

	@Test
	void withoutStateAndWithoutTokenItCannotStart() {
		assertThat(agent(settings(null), this.nft).start()).isEqualTo(Agent.NO_ENROLLMENT);
	}

	@Test
	void aMissingNftIsFatalBeforeAnythingElse() {
		Agent fresh = agent(settings(TOKEN), new RecordingNftClient().missing());
		assertThat(fresh.start()).isEqualTo(Agent.NO_NFT);
		assertThat(this.console.enrollments).hasValue(0);
	}

	@Test
	void theConsoleConnectionIsAlwaysAllowed() throws Exception {
		startEnforcing(Fixtures.resource("documents/no-rules.json"));
		assertThat(this.nft.last()).contains("ip daddr 10.233.0.1 tcp dport 8443 accept comment \"console\"",
				"ip saddr 10.233.0.1 tcp sport 8443 tcp flags != syn / syn,ack accept comment \"console\"");
	}

	/** Serves a policy, starts an enrolling agent and waits for its first apply. */
	private void startEnforcing(String policy) throws InterruptedException {
		this.console.policy(policy);
		startAgent(settings(TOKEN));
		await(() -> this.nft.scripts().size() == 1);
	}

	private void startAgent(Settings settings) {
		this.agent = agent(settings, this.nft);
		assertThat(this.agent.start()).isEqualTo(Agent.OK);
		this.thread = new Thread(this.agent::loop, "agent-under-test");
		this.thread.start();
	}

	private void stop() throws InterruptedException {
		if (this.agent != null) {
			this.agent.stop();
			this.thread.join(5_000);
			assertThat(this.thread.isAlive()).isFalse();
			this.agent = null;
		}
	}

	private Agent agent(Settings settings, RecordingNftClient client) {
		CaPinner pinner = (fingerprint) -> {
			this.pins.incrementAndGet();
			return PKI.ca();
		};
		return new Agent(settings, client, this.console, pinner,
				() -> List.of(new Endpoint(IpAddress.parse("10.233.0.1"), 8443)), files(), this.clock);
	}

	private StateFiles files() {
		try {
			return new StateFiles(this.state);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Settings settings(String token) {
		return settings(token, Duration.ofMillis(400), Duration.ofHours(1));
	}

	private Settings settings(String token, Duration heartbeat, Duration poll) {
		return new Settings(URI.create("https://10.233.0.1:8443"), token, "host-1", List.of("app=redis"),
				List.of("10.233.0.13"), this.state, "mseg", List.of("nft"), ServicePorts.of("tcp/22", "udp/68"),
				ServicePorts.of("udp/53", "tcp/53", "udp/67"), RejectStyle.DROP, heartbeat, poll, Duration.ofMillis(20),
				Duration.ofMillis(100), Duration.ofSeconds(1));
	}

	private static String perms(Path file) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within 5 s");
			}
			Thread.sleep(10);
		}
	}

}
