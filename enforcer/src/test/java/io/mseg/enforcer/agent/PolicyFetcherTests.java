package io.mseg.enforcer.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.mseg.enforcer.console.EnforcementStatus;
import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.nftables.Fixtures;
import io.mseg.enforcer.support.Sectioned;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy fetched in sections, with ETags, checked, stored and applied.
 */
class PolicyFetcherTests extends AgentTestCase {

	@Test
	void anUnchangedPolicyDoesNotTouchTheKernel() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		int fetches = this.agent.console.fetches.get();
		this.agent.send(new SseEvent("policy", "13", "{\"version\": 13}"));
		assertThat(this.agent.console.fetches).hasValue(fetches + 1);
		this.agent.console.retag("another-replica");
		this.agent.send(new SseEvent("policy", "14", "{\"version\": 14}"));
		assertThat(this.agent.console.fetches).hasValue(fetches + 2);
		assertThat(this.agent.console.sectionRequests).as("no section fetched again").hasSize(1);
		assertThat(this.agent.nft.scripts()).hasSize(1);
	}

	@Test
	void refetchesAndAppliesOnPolicyEvents() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.policy(Fixtures.resource("documents/mixed.json"));
		this.agent.send(new SseEvent("policy", "77", "{\"version\": 77}"));
		assertThat(this.agent.nft.scripts()).hasSize(2);
		assertThat(this.agent.nft.last()).isEqualTo(Fixtures.update("redis", "mixed"));
		this.agent.console.policy(Fixtures.resource("documents/no-rules.json"));
		this.agent.send(new SseEvent("resync", "78", "{\"version\": 78}"));
		assertThat(this.agent.nft.scripts()).hasSize(3);
		assertThat(this.agent.nft.last()).isEqualTo(Fixtures.update("mixed", "no-rules"));
	}

	@Test
	void otherEventsFetchNothing() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		int fetches = this.agent.console.fetches.get();
		this.agent.send(new SseEvent("message", "15", "{}"));
		this.agent.send(SseEvent.comment("heartbeat"));
		assertThat(this.agent.console.fetches).hasValue(fetches);
	}

	@Test
	void aNewVersionFetchesOnlyTheSectionsItDoesNotHold() throws Exception {
		String mixed = Fixtures.resource("documents/mixed.json");
		this.agent.startEnforcing(mixed);
		assertThat(this.agent.console.sectionRequests.get(0))
			.containsExactlyInAnyOrderElementsOf(Sectioned.of(mixed, 2).sections().keySet());
		String changed = mixed.replace("\"version\": 77", "\"version\": 78").replace("tcp/443", "tcp/444");
		assertThat(changed).isNotEqualTo(mixed);
		this.agent.console.policy(changed);
		this.agent.send(new SseEvent("policy", "43", "{\"version\": 43}"));
		assertThat(this.agent.nft.scripts()).hasSize(2);
		Set<String> held = Sectioned.of(mixed, 2).sections().keySet();
		Set<String> needed = Sectioned.of(changed, 2).sections().keySet();
		assertThat(this.agent.console.sectionRequests.get(1)).isNotEmpty()
			.hasSizeLessThan(needed.size())
			.containsExactlyInAnyOrderElementsOf(needed.stream().filter((name) -> !held.contains(name)).toList());
		assertThat(this.agent.nft.last()).contains("444");
	}

	@Test
	void aSectionThatLeftThePolicyBeforeItWasFetchedMeansANewerIndex() throws Exception {
		this.agent.console.policy(Fixtures.resource("documents/redis.json"));
		this.agent.console.beforeSections = () -> this.agent.console.policy(Fixtures.resource("documents/mixed.json"));
		this.agent.start(this.agent.settings(AgentHarness.TOKEN));
		assertThat(this.agent.nft.scripts()).singleElement().isEqualTo(Fixtures.resource("golden/mixed.nft"));
		assertThat(this.agent.console.fetches).hasValue(2);
	}

	@Test
	void aPolicyItCannotEnforceKeepsThePreviousOneAndReportsFailed() throws Exception {
		this.agent.startEnforcing(Fixtures.resource("documents/redis.json"));
		this.agent.console.policy(Fixtures.resource("documents/redis.json").replace("tcp/6379", "tcp/99999"));
		this.agent.send(new SseEvent("policy", "13", "{\"version\": 13}"));
		assertThat(this.agent.console.pokes).last()
			.satisfies((poke) -> assertThat(poke.enforcementStatus()).isEqualTo(EnforcementStatus.FAILED));
		assertThat(this.agent.nft.scripts()).hasSize(1);
		try (var files = Files.list(this.state)) {
			assertThat(files.filter((file) -> file.getFileName().toString().startsWith("policy"))
				.map(PolicyFetcherTests::read)
				.toList()).isNotEmpty().noneMatch((text) -> text.contains("99999"));
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

}
