package io.mseg.enforcer.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import io.mseg.enforcer.console.ReportedUnit;
import io.mseg.enforcer.console.Status;
import io.mseg.enforcer.console.WorkloadStatus;
import io.mseg.enforcer.nftables.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node mode: the agent declares its host and every workload of its directory source, and
 * follows the workloads coming and going within a second, in the kernel first, then at
 * the console. The source runs in real time (a real directory); the agent on fake time.
 */
class NodeModeAgentTests extends AgentTestCase {

	private static final Duration WITHIN = Duration.ofSeconds(1);

	/** workloads.json with names a file can have: web-1, api-1, old-1. */
	private static final String POLICY = Fixtures.resource("documents/workloads.json").replace("shop/", "");

	@TempDir
	Path workloads;

	@Test
	void declaresTheHostAndItsWorkloadsAndEnforcesThemOnTheirInterfaces() throws Exception {
		write("web-1", "10.244.1.10\", \"fd00:244:1::10", "frontend", "cali1a2b3c4d5e6");
		write("api-1", "10.244.1.11", "backend", "vapi1");
		startNode();

		assertThat(this.agent.console.registrations).singleElement().satisfies((units) -> {
			assertThat(units).extracting(ReportedUnit::name).containsExactly("host-1", "api-1", "web-1");
			assertThat(units.get(1).type()).isEqualTo("Container");
			assertThat(units.get(1).addresses()).containsExactly("10.244.1.11");
			assertThat(units.get(1).associatedTags()).containsExactly("app=backend");
			assertThat(units.get(2).addresses()).containsExactly("10.244.1.10", "fd00:244:1::10");
		});
		String script = this.agent.nft.last();
		// old-1 of the policy is on no interface of this node: its chains are not even
		// built
		assertThat(script)
			.contains("\"cali1a2b3c4d5e6\" . 10.244.1.10 : jump u1_out",
					"\"cali1a2b3c4d5e6\" . fd00:244:1::10 : jump u1_out", "\"vapi1\" . 10.244.1.11 : jump u2_in",
					"iifname \"cali*\" counter drop comment \"unknown workload\"")
			.doesNotContain("chain u3_");
	}

	@Test
	void followsWorkloadsComingAndGoingWithinASecond() throws Exception {
		write("web-1", "10.244.1.10", "frontend", "cali1a2b3c4d5e6");
		startNode();
		int applied = this.agent.nft.scripts().size();

		write("old-1", "10.244.1.12", "backend", "vold1");
		await(() -> lastDeclared().contains("old-1") && this.agent.nft.last().contains("\"vold1\" . 10.244.1.12"));
		assertThat(this.agent.nft.scripts().size()).isGreaterThan(applied);
		// incremental: the workload chains rewritten, the table kept
		assertThat(this.agent.nft.last()).doesNotContain("delete table");

		Files.delete(this.workloads.resolve("web-1.json"));
		await(() -> !lastDeclared().contains("web-1") && !this.agent.nft.last().contains("\"cali1a2b3c4d5e6\" . "));
		assertThat(lastDeclared()).containsExactly("host-1", "old-1");
	}

	@Test
	void aWorkloadWithTheHostsNameOrAddressIsNotDeclaredAndTheOthersAre() throws Exception {
		write("web-1", "10.244.1.10", "frontend", "cali1a2b3c4d5e6");
		write("host-1", "10.244.1.20", "frontend", "calihost");
		write("copy", "10.233.0.13", "frontend", "calicopy");
		startNode();
		assertThat(lastDeclared()).containsExactly("host-1", "web-1");
		assertThat(this.log.messages(Level.WARNING))
			.anySatisfy((line) -> assertThat(line).contains("Workload host-1 is not declared: it has the host's name"))
			.anySatisfy((line) -> assertThat(line)
				.contains("Workload copy is not declared: its address 10.233.0.13 is the host's"));
	}

	@Test
	void reportsTheWorkloadsAndTheSourcesProblemsInItsStatus() throws Exception {
		write("web-1", "10.244.1.10", "frontend", "cali1a2b3c4d5e6");
		startNode();
		assertThat(this.agent.console.pokes.get(this.agent.console.pokes.size() - 1).workloads())
			.satisfies((status) -> {
				assertThat(status.source()).isEqualTo("directory:" + this.workloads);
				assertThat(status.count()).isEqualTo(1);
				assertThat(status.problems()).isEmpty();
			});

		Files.writeString(this.workloads.resolve("web-1.json"), "{\"addresses\": [\"10.244.1.10\"]}");
		await(() -> !lastPoke().problems().isEmpty());
		assertThat(lastPoke().count()).isEqualTo(1);
		assertThat(lastPoke().problems()).singleElement()
			.asString()
			.contains("web-1.json", "interface: the host side", "its last good version stays");
	}

	@Test
	void aChangeWhileTheConsoleIsAwayIsEnforcedAndDeclaredByTheNextSession() throws Exception {
		write("web-1", "10.244.1.10", "frontend", "cali1a2b3c4d5e6");
		startNode();
		this.agent.console.reachable(false);
		write("api-1", "10.244.1.11", "backend", "vapi1");
		await(() -> this.agent.nft.last().contains("\"vapi1\" . 10.244.1.11"));
		this.agent.console.reachable(true);
		// the stream broke: the next session declares the units again
		this.agent.advance(AgentHarness.HEARTBEAT_TIMEOUT);
		this.agent.advance(AgentHarness.RECONNECT_MAX);
		assertThat(lastDeclared()).containsExactly("host-1", "api-1", "web-1");
	}

	private void startNode() throws InterruptedException {
		this.agent.console.policy(POLICY);
		this.agent.start(this.agent.nodeSettings(this.workloads, "cali*"));
	}

	private WorkloadStatus lastPoke() {
		List<Status> pokes = this.agent.console.pokes;
		return pokes.get(pokes.size() - 1).workloads();
	}

	private List<String> lastDeclared() {
		List<List<ReportedUnit>> all = this.agent.console.registrations;
		return all.isEmpty() ? List.of() : all.get(all.size() - 1).stream().map(ReportedUnit::name).toList();
	}

	private void write(String name, String addresses, String app, String iface) throws IOException {
		Files.writeString(this.workloads.resolve(name + ".json"), "{\"addresses\": [\"" + addresses
				+ "\"], \"labels\": {\"app\": \"" + app + "\"}, \"interface\": \"" + iface + "\"}");
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("within " + WITHIN).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
