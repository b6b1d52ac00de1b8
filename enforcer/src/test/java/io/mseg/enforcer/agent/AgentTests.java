package io.mseg.enforcer.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;

import io.mseg.enforcer.console.EnforcementStatus;
import io.mseg.enforcer.nftables.Fixtures;
import io.mseg.enforcer.support.Sectioned;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole agent against a scripted console and the recording nft fake, on fake time.
 */
class AgentTests extends AgentTestCase {

	@Test
	void enrollsRegistersTheHostAndAppliesThePolicy() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		assertThat(this.agent.console.enrollments).hasValue(1);
		assertThat(this.agent.nft.last()).isEqualTo(Fixtures.resource("golden/redis.nft"));
		assertThat(this.agent.console.registrations).singleElement().satisfies((units) -> {
			assertThat(units).singleElement().satisfies((unit) -> {
				assertThat(unit.name()).isEqualTo("host-1");
				assertThat(unit.type()).isEqualTo("Host");
				assertThat(unit.addresses()).containsExactly("10.233.0.13");
				assertThat(unit.associatedTags()).containsExactly("app=redis");
			});
		});
		assertThat(this.log.messages(Level.INFO))
			.contains("Connected to the console at https://10.233.0.1:8443 (event stream)");
	}

	@Test
	void reportsItEnforcesThePolicyAndWhenItSynchronised() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		assertThat(this.agent.console.pokes).isNotEmpty().allSatisfy((poke) -> {
			assertThat(poke.enforcementStatus()).isEqualTo(EnforcementStatus.ACTIVE);
			assertThat(poke.startTime()).isEqualTo(this.agent.time.now());
			assertThat(poke.lastSyncTime()).isEqualTo(this.agent.time.now());
			assertThat(poke.currentVersion()).isNotBlank();
		});
	}

	@Test
	void keepsItsCredentialsAndThePolicyInPrivateFiles() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
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
	void theConsoleConnectionIsAlwaysAllowed() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/no-rules.json"));
		assertThat(this.agent.nft.last()).contains("ip daddr 10.233.0.1 tcp dport 8443 accept comment \"console\"",
				"ip saddr 10.233.0.1 tcp sport 8443 tcp flags != syn / syn,ack accept comment \"console\"");
	}

	@Test
	void stoppingEndsTheSessionAndLeavesTheRulesInTheKernel() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.stop();
		assertThat(this.agent.console.openStreams()).isZero();
		assertThat(this.agent.nft.scripts()).hasSize(1);
	}

	private static String perms(Path file) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
