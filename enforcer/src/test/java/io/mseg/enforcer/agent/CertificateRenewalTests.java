package io.mseg.enforcer.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import io.mseg.enforcer.nftables.Fixtures;
import io.mseg.enforcer.support.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client certificate renewed after 2/3 of its lifetime (3 h here: after 2 h), during
 * a session that heartbeats keep open; a new console client for the new certificate only.
 */
class CertificateRenewalTests extends AgentTestCase {

	private static final Duration MS = Duration.ofMillis(1);

	private static final Duration TWO_THIRDS = AgentHarness.LIFETIME.multipliedBy(2).dividedBy(3);

	@Test
	void renewsTheCertificateAtTwoThirdsOfItsLifetime() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		String before = read(this.state.resolve("client.pem"));
		this.agent.heartbeatsFor(TWO_THIRDS.minus(AgentHarness.HEARTBEAT));
		this.agent.advance(AgentHarness.HEARTBEAT.minus(MS));
		assertThat(this.agent.console.renewals).hasValue(0);
		this.agent.advance(MS);
		assertThat(this.agent.console.renewals).hasValue(1);
		assertThat(read(this.state.resolve("client.pem"))).isNotEqualTo(before).contains("BEGIN PRIVATE KEY");
		this.agent.heartbeatsFor(TWO_THIRDS.minus(AgentHarness.HEARTBEAT));
		assertThat(this.agent.console.renewals).hasValue(1);
		assertThat(this.agent.console.lastEventIds).hasSize(1);
	}

	@Test
	void aFailedRenewalIsRetriedEveryMinute() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.renewalsRefused = true;
		try (LogCapture log = new LogCapture()) {
			this.agent.heartbeatsFor(TWO_THIRDS);
			assertThat(this.agent.console.renewalAttempts).hasValue(1);
			assertThat(log.messages(Level.WARNING)).singleElement()
				.asString()
				.startsWith("Certificate renewal failed (valid until ")
				.endsWith("), retrying in 60 s: renewal failed: the console answered 503: renewals paused");
		}
		this.agent.console.renewalsRefused = false;
		this.agent.heartbeatsFor(CertificateRenewal.RETRY.minus(AgentHarness.HEARTBEAT));
		this.agent.advance(AgentHarness.HEARTBEAT.minus(MS));
		assertThat(this.agent.console.renewalAttempts).hasValue(1);
		this.agent.advance(MS);
		assertThat(this.agent.console.renewals).hasValue(1);
		assertThat(this.agent.console.lastEventIds).hasSize(1);
	}

	@Test
	void reconnectionsReuseTheClientAndARenewalMakesANewOne() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		int clients = this.agent.console.connections.get();
		this.agent.console.reachable(false);
		this.agent.settle();
		this.agent.advance(AgentHarness.RECONNECT_MIN);
		this.agent.console.reachable(true);
		this.agent.advance(AgentHarness.RECONNECT_MIN.multipliedBy(2));
		assertThat(this.agent.console.lastEventIds).hasSize(2);
		assertThat(this.agent.console.connections).hasValue(clients);
		this.agent.heartbeatsFor(TWO_THIRDS);
		assertThat(this.agent.console.renewals).hasValue(1);
		assertThat(this.agent.console.connections).hasValue(clients + 1);
		this.agent.heartbeatsFor(Duration.ofMinutes(30));
		assertThat(this.agent.console.connections).hasValue(clients + 1);
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file);
	}

}
