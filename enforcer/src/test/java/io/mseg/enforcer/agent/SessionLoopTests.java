package io.mseg.enforcer.agent;

import java.time.Duration;
import java.util.logging.Level;

import io.mseg.enforcer.console.EnforcementStatus;
import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.nftables.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Between sessions: the backoff with jitter, the console's Retry-After, what is logged,
 * and nft refusals. All on fake time, with the command line's defaults (1 s to 60 s).
 */
class SessionLoopTests extends AgentTestCase {

	private static final Duration MS = Duration.ofMillis(1);

	@Test
	void reconnectsAfterABackoffThatDoublesUpToReconnectMaxWithJitter() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.reachable(false);
		this.agent.settle();
		for (int failures = 1; failures <= 9; failures++) {
			Duration ceiling = AgentHarness.RECONNECT_MIN.multipliedBy(1L << Math.min(failures - 1, 20));
			ceiling = (ceiling.compareTo(AgentHarness.RECONNECT_MAX) > 0) ? AgentHarness.RECONNECT_MAX : ceiling;
			Duration half = ceiling.dividedBy(2);
			this.agent.advance(half.minus(MS));
			assertThat(this.agent.console.refused).as("attempts before half of %s", ceiling).hasValue(failures - 1);
			this.agent.advance(ceiling.minus(half).plus(MS));
			assertThat(this.agent.console.refused).as("attempts by %s", ceiling).hasValue(failures);
		}
	}

	@Test
	void theBackoffStartsFromTheShortestAgainOnceASessionIsEstablished() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.reachable(false);
		this.agent.settle();
		for (int i = 0; i < 5; i++) {
			this.agent.advance(AgentHarness.RECONNECT_MAX);
		}
		this.agent.console.reachable(true);
		this.agent.advance(AgentHarness.RECONNECT_MAX);
		assertThat(this.agent.console.lastEventIds).hasSize(2);
		this.agent.console.reachable(false);
		this.agent.settle();
		int refused = this.agent.console.refused.get();
		this.agent.advance(AgentHarness.RECONNECT_MIN);
		assertThat(this.agent.console.refused).hasValue(refused + 1);
	}

	@Test
	void waitsTheConsolesRetryAfterWhenLongerThanTheBackoff() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.unavailable(Duration.ofSeconds(30));
		this.agent.settle();
		this.agent.advance(AgentHarness.RECONNECT_MIN);
		assertThat(this.agent.console.refused).hasValue(1);
		assertThat(this.log.messages(Level.WARNING)).last()
			.isEqualTo("Console session ended: the console answered 503: shutting down; "
					+ "still enforcing policy version 12; reconnecting in 30000 ms (attempt 2)");
		this.agent.advance(Duration.ofSeconds(30).minus(MS));
		assertThat(this.agent.console.refused).hasValue(1);
		this.agent.advance(MS);
		assertThat(this.agent.console.refused).hasValue(2);
	}

	@Test
	void anAbsurdRetryAfterIsHonouredUpToFifteenMinutes() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.unavailable(Duration.ofSeconds(Long.MAX_VALUE / 1000));
		this.agent.settle();
		this.agent.advance(AgentHarness.RECONNECT_MIN);
		assertThat(this.agent.console.refused).hasValue(1);
		assertThat(this.log.messages(Level.WARNING)).last()
			.asString()
			.endsWith("reconnecting in 900000 ms (attempt 2)");
		this.agent.advance(Duration.ofMinutes(15));
		assertThat(this.agent.console.refused).hasValue(2);
	}

	@Test
	void warnsAtTheFirstFailureAtADifferentOneAndAtEveryTenth() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.reachable(false);
		this.agent.settle();
		for (int i = 0; i < 10; i++) {
			this.agent.advance(AgentHarness.RECONNECT_MAX);
		}
		assertThat(this.log.messages(Level.WARNING)).satisfiesExactly(
				(line) -> assertThat(line).startsWith("Console session ended: the console closed the event stream;")
					.doesNotContain("attempt"),
				(line) -> assertThat(line)
					.startsWith("Console session ended: cannot reach the console: Connection refused;")
					.endsWith("(attempt 2)"),
				(line) -> assertThat(line).endsWith("(attempt 10)"));
		assertThat(this.log.messages(Level.FINE)).filteredOn((line) -> line.startsWith("Console session ended"))
			.hasSize(8);
	}

	@Test
	void whenNftRefusesTheKernelKeepsTheOldRulesAndTheAgentRetries() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.nft.refuse("Error: Could not process rule: No such file or directory");
		this.agent.console.policy(Fixtures.resource("documents/mixed.json"));
		this.agent.send(new SseEvent("policy", "77", "{\"version\": 77}"));
		assertThat(this.agent.console.pokes).last()
			.satisfies((poke) -> assertThat(poke.enforcementStatus()).isEqualTo(EnforcementStatus.FAILED));
		assertThat(this.log.messages(Level.SEVERE))
			.anyMatch((line) -> line.startsWith("nft refused the ruleset, the kernel keeps the previous one"));
		this.agent.nft.refuse(null);
		this.agent.advance(AgentHarness.RECONNECT_MIN);
		assertThat(this.agent.nft.scripts()).hasSize(2);
		assertThat(this.agent.nft.last()).isEqualTo(Fixtures.resource("golden/mixed.nft"));
		assertThat(this.agent.console.pokes).last()
			.satisfies((poke) -> assertThat(poke.enforcementStatus()).isEqualTo(EnforcementStatus.ACTIVE));
	}

	@Test
	void stoppingEndsABackoffWaitAtOnce() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.reachable(false);
		this.agent.settle();
		this.agent.advance(AgentHarness.RECONNECT_MAX);
		this.agent.stop();
		assertThat(this.agent.console.refused).hasValue(1);
	}

}
