package io.mseg.enforcer.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.logging.Level;

import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.nftables.Fixtures;
import io.mseg.enforcer.nftables.RecordingNftClient;
import io.mseg.enforcer.support.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before the first session: the stored policy enforced, enrollment, the exit codes.
 */
class StartupTests extends AgentTestCase {

	@Test
	void appliesTheStoredPolicyAtStartBeforeTheConsoleAnswers() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		assertThat(this.agent.restartWithoutTheConsole()).containsExactly(Fixtures.resource("golden/redis.nft"));
		assertThat(this.agent.console.enrollments).hasValue(1);
	}

	@Test
	void anExpiredCertificateStillEnforcesTheStoredPolicyAndSaysHowToRecover() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.stop();
		this.agent.time.advance(Duration.ofHours(4));
		try (LogCapture log = new LogCapture()) {
			assertThat(this.agent.restartWithoutTheConsole()).containsExactly(Fixtures.resource("golden/redis.nft"));
			assertThat(log.messages(Level.SEVERE))
				.anyMatch((line) -> line.contains("expired") && line.contains("new enrollment token"));
		}
	}

	@Test
	void restartsFromTheSectionsOfSeveralVersions() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.policy(Fixtures.resource("documents/mixed.json"));
		this.agent.send(new SseEvent("policy", "77", "{\"version\": 77}"));
		assertThat(this.agent.nft.scripts()).hasSize(2);
		assertThat(this.agent.restartWithoutTheConsole()).containsExactly(Fixtures.resource("golden/mixed.nft"));
	}

	@Test
	void restartsFromTheWholeDocumentAnEarlierVersionKept() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.stop();
		try (var files = Files.list(this.state)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().startsWith("policy")).toList()) {
				Files.delete(file);
			}
		}
		Files.writeString(this.state.resolve("policy.json"), Fixtures.resource("documents/mixed.json"));
		assertThat(this.agent.restartWithoutTheConsole()).containsExactly(Fixtures.resource("golden/mixed.nft"));
	}

	@Test
	void anUnreachableConsoleAtFirstEnrollmentIsFatal() {
		this.agent.console.reachable(false);
		Agent fresh = this.agent.agent(this.agent.settings(AgentHarness.TOKEN), this.agent.nft);
		assertThat(fresh.start()).isEqualTo(Agent.NO_ENROLLMENT);
		assertThat(this.agent.nft.scripts()).isEmpty();
	}

	@Test
	void aWrongCaFingerprintIsFatal() {
		Agent fresh = this.agent.agent(this.agent.settings("msen_secret." + "0".repeat(64)), this.agent.nft,
				(fingerprint) -> {
					throw new GeneralSecurityException("no certificate has the fingerprint");
				});
		assertThat(fresh.start()).isEqualTo(Agent.NO_ENROLLMENT);
		assertThat(this.agent.console.enrollments).hasValue(0);
	}

	@Test
	void withoutStateAndWithoutTokenItCannotStart() {
		assertThat(this.agent.agent(this.agent.settings(null), this.agent.nft).start()).isEqualTo(Agent.NO_ENROLLMENT);
	}

	@Test
	void aMissingNftIsFatalBeforeAnythingElse() {
		Agent fresh = this.agent.agent(this.agent.settings(AgentHarness.TOKEN), new RecordingNftClient().missing());
		assertThat(fresh.start()).isEqualTo(Agent.NO_NFT);
		assertThat(this.agent.console.enrollments).hasValue(0);
	}

}
