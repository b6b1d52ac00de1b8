package io.mseg.enforcer.agent;

import java.time.Duration;
import java.util.logging.Level;

import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.nftables.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session follows the event stream: heartbeats, the dead-stream timeout, polls,
 * resuming after the last event. All on fake time, with the command line's defaults.
 */
class SessionTests extends AgentTestCase {

	private static final Duration MS = Duration.ofMillis(1);

	@Test
	void aSilentStreamIsDeadAfterTheHeartbeatTimeoutAndReopenedAfterTheLastEvent() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.send(new SseEvent("policy", "5", "{\"version\": 5}"));
		this.agent.advance(AgentHarness.HEARTBEAT_TIMEOUT.minus(MS));
		assertThat(this.log.messages(Level.WARNING)).isEmpty();
		this.agent.advance(MS);
		assertThat(this.log.messages(Level.WARNING)).singleElement()
			.asString()
			.matches("Console session ended: no heartbeat for 45 s: the event stream is dead; "
					+ "still enforcing policy version 12; reconnecting in \\d+ ms");
		this.agent.advance(AgentHarness.RECONNECT_MIN);
		assertThat(this.agent.console.lastEventIds).containsExactly("null", "5");
		assertThat(this.log.messages(Level.INFO)).contains(
				"Connected to the console at https://10.233.0.1:8443 (event stream resumed after event 5, after 1 failed attempts)");
		assertThat(this.agent.nft.scripts()).hasSize(1);
	}

	@Test
	void heartbeatsKeepTheStreamOpen() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.heartbeatsFor(Duration.ofMinutes(30));
		assertThat(this.agent.console.lastEventIds).hasSize(1);
	}

	@Test
	void theHeartbeatTimeoutCountsMonotonicTimeNotTheWallClock() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.time.stepWall(Duration.ofMinutes(30));
		this.agent.settle();
		assertThat(this.log.messages(Level.WARNING)).isEmpty();
		this.agent.advance(AgentHarness.HEARTBEAT_TIMEOUT);
		assertThat(this.log.messages(Level.WARNING)).singleElement().asString().contains("no heartbeat for 45 s");
	}

	@Test
	void pollsThePolicyEveryPollIntervalWithoutEvents() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.policy(Fixtures.resource("documents/no-rules.json"));
		this.agent.heartbeatsFor(AgentHarness.POLL_INTERVAL.minus(AgentHarness.HEARTBEAT));
		this.agent.advance(AgentHarness.HEARTBEAT.minus(MS));
		assertThat(this.agent.nft.scripts()).hasSize(1);
		this.agent.advance(MS);
		assertThat(this.agent.nft.scripts()).hasSize(2);
		assertThat(this.agent.nft.last()).isEqualTo(Fixtures.update("redis", "no-rules"));
		assertThat(this.agent.console.lastEventIds).hasSize(1);
	}

	@Test
	void aPolicyEventPostponesTheNextPoll() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.heartbeatsFor(Duration.ofMinutes(5));
		this.agent.send(new SseEvent("policy", "6", "{\"version\": 6}"));
		int fetches = this.agent.console.fetches.get();
		this.agent.heartbeatsFor(AgentHarness.POLL_INTERVAL.minus(AgentHarness.HEARTBEAT));
		assertThat(this.agent.console.fetches).hasValue(fetches);
		this.agent.advance(AgentHarness.HEARTBEAT);
		assertThat(this.agent.console.fetches).hasValue(fetches + 1);
	}

	@Test
	void keepsEnforcingWhileTheConsoleIsUnreachableAndResumesAfterTheLastEvent() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.send(new SseEvent("policy", "12", "{\"version\": 12}"));
		this.agent.console.reachable(false);
		this.agent.settle();
		for (int i = 0; i < 10; i++) {
			this.agent.advance(AgentHarness.RECONNECT_MAX);
		}
		assertThat(this.agent.console.refused).hasValue(10);
		assertThat(this.agent.nft.scripts()).hasSize(1);
		this.agent.console.policy(Fixtures.resource("documents/mixed.json"));
		this.agent.console.reachable(true);
		this.agent.advance(AgentHarness.RECONNECT_MAX);
		assertThat(this.agent.nft.scripts()).hasSize(2);
		assertThat(this.agent.nft.last()).isEqualTo(Fixtures.update("redis", "mixed"));
		assertThat(this.agent.console.lastEventIds).containsExactly("null", "12");
	}

}
