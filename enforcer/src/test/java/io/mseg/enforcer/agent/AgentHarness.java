package io.mseg.enforcer.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.enroll.CaPinner;
import io.mseg.enforcer.enroll.Pem;
import io.mseg.enforcer.nftables.RecordingNftClient;
import io.mseg.enforcer.nftables.RejectStyle;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.enforcer.store.StateFiles;
import io.mseg.enforcer.workload.DirectoryWorkloads;
import io.mseg.enforcer.workload.WorkloadSource;
import io.mseg.enforcer.support.FakeConsole;
import io.mseg.enforcer.support.FakeTime;
import io.mseg.enforcer.support.TestPki;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent on its own thread against a {@link FakeConsole} and the recording nft fake, on
 * a {@link FakeTime} the test moves: after each step the test waits until the agent waits
 * again ({@link FakeTime#awaitIdle()}), then looks at what it did. Nothing waits in real
 * time.
 */
final class AgentHarness implements AutoCloseable {

	static final TestPki PKI = new TestPki("test console CA");

	static final String TOKEN = "msen_secret." + Pem.fingerprint(PKI.ca());

	/** The certificate lifetime the fake console issues: renewal after 2 h. */
	static final Duration LIFETIME = Duration.ofHours(3);

	/** The console's heartbeat interval. */
	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	/** The defaults of the command line. */
	static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(45);

	static final Duration POLL_INTERVAL = Duration.ofMinutes(10);

	static final Duration RECONNECT_MIN = Duration.ofSeconds(1);

	static final Duration RECONNECT_MAX = Duration.ofSeconds(60);

	final Path state;

	/** Whole seconds, as in certificates: renewal falls on an exact instant. */
	final FakeTime time = new FakeTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	final FakeConsole console = new FakeConsole(PKI, this.time, LIFETIME);

	final RecordingNftClient nft = new RecordingNftClient();

	private Agent agent;

	private Thread thread;

	AgentHarness(Path state) {
		this.state = state;
	}

	/** Serves a policy, starts an enrolling agent and waits for its first apply. */
	void startEnforcing(String policy) throws InterruptedException {
		this.console.policy(policy);
		start(settings(TOKEN));
		assertThat(this.nft.scripts()).hasSize(1);
	}

	/** Starts an agent and waits until it waits. */
	void start(Settings settings) throws InterruptedException {
		this.agent = agent(settings, this.nft);
		assertThat(this.agent.start()).isEqualTo(Agent.OK);
		this.thread = new Thread(this.agent::loop, "agent-under-test");
		this.thread.start();
		settle();
	}

	/** Waits until the agent did all it can do at this time. */
	void settle() throws InterruptedException {
		this.time.awaitIdle();
	}

	/** Time passes without a heartbeat. */
	void advance(Duration duration) throws InterruptedException {
		this.time.advanceAndSettle(duration);
	}

	/** The console sends an event, the agent handles it. */
	void send(SseEvent event) throws InterruptedException {
		this.console.send(event);
		settle();
	}

	/** Time passes with the console's heartbeat every 15 s. */
	void heartbeatsFor(Duration duration) throws InterruptedException {
		for (Duration left = duration; left.compareTo(HEARTBEAT) >= 0; left = left.minus(HEARTBEAT)) {
			advance(HEARTBEAT);
			send(SseEvent.comment("heartbeat"));
		}
	}

	/** Stops the agent (the kernel keeps the rules) and waits for its thread. */
	void stop() throws InterruptedException {
		if (this.agent != null) {
			this.agent.stop();
			this.thread.join(Duration.ofSeconds(10).toMillis());
			assertThat(this.thread.isAlive()).as("the agent stopped").isFalse();
			this.agent = null;
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	/** Starts a new agent on the state directory while the console is unreachable. */
	List<String> restartWithoutTheConsole() throws InterruptedException {
		stop();
		this.console.reachable(false);
		RecordingNftClient restarted = new RecordingNftClient();
		assertThat(agent(settings(null), restarted).start()).isEqualTo(Agent.OK);
		return restarted.scripts();
	}

	Agent agent(Settings settings, RecordingNftClient client) {
		return agent(settings, client, (fingerprint) -> PKI.ca());
	}

	Agent agent(Settings settings, RecordingNftClient client, CaPinner pinner) {
		WorkloadSource workloads = (settings.workloads() != null)
				? new DirectoryWorkloads(settings.workloads().directory()) : null;
		return new Agent(settings, client, this.console, pinner,
				() -> List.of(new Endpoint(IpAddress.parse("10.233.0.1"), 8443)), files(), this.time, workloads);
	}

	/**
	 * The command line's defaults in node mode.
	 * @param workloads the directory of workload files
	 * @param interfaces the workload interfaces
	 */
	Settings nodeSettings(Path workloads, String... interfaces) {
		Settings host = settings(TOKEN);
		return new Settings(host.console(), host.token(), host.name(), host.tags(), host.addresses(),
				host.stateDirectory(), host.nftTable(), host.nftCommand(), host.failsafeInbound(),
				host.failsafeOutbound(), host.reject(), host.heartbeatTimeout(), host.pollInterval(),
				host.reconnectMin(), host.reconnectMax(), host.requestTimeout(), host.dns(), host.flows(),
				new Settings.Workloads(workloads, false, List.of(interfaces)));
	}

	/** The command line's defaults. */
	Settings settings(String token) {
		return settings(token, HEARTBEAT_TIMEOUT, POLL_INTERVAL);
	}

	Settings settings(String token, Duration heartbeatTimeout, Duration pollInterval) {
		return new Settings(URI.create("https://10.233.0.1:8443"), token, "host-1", List.of("app=redis"),
				List.of("10.233.0.13"), this.state, "mseg", List.of("nft"), ServicePorts.of("tcp/22", "udp/68"),
				ServicePorts.of("udp/53", "tcp/53", "udp/67"), RejectStyle.DROP, heartbeatTimeout, pollInterval,
				RECONNECT_MIN, RECONNECT_MAX, Duration.ofSeconds(10), Settings.Dns.DEFAULTS, null, null);
	}

	private StateFiles files() {
		try {
			return new StateFiles(this.state);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
