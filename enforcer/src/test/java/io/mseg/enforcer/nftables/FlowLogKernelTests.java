package io.mseg.enforcer.nftables;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.flow.FlowLog;
import io.mseg.enforcer.nftables.RulesetOptions.FlowLogOptions;
import io.mseg.enforcer.support.Kernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow logs in a network namespace, the flow log running inside the namespace it
 * protects: connections from a peer namespace are allowed, rejected, observed or refused
 * by the default reject, and each logged one arrives in a batch with the policy that
 * decided it, counted per interval; a policy without {@code logsEnabled} logs nothing,
 * and the kernel's rate limit keeps the rest from the log and counts it.
 */
class FlowLogKernelTests {

	private static final String SUFFIX = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());

	private static final String HOST = "msegflow-h-" + SUFFIX;

	private static final String PEER = "msegflow-p-" + SUFFIX;

	@TempDir
	Path state;

	@BeforeAll
	static void namespaces() throws Exception {
		Kernel.requireOrSkip("FlowLogKernelTests");
		Kernel.run("ip", "netns", "add", HOST);
		Kernel.run("ip", "netns", "add", PEER);
		Kernel.run("ip", "link", "add", "eth0", "netns", HOST, "type", "veth", "peer", "name", "eth0", "netns", PEER);
		Kernel.run("ip", "netns", "exec", HOST, "ip", "addr", "add", "10.98.0.1/24", "dev", "eth0");
		Kernel.run("ip", "netns", "exec", PEER, "ip", "addr", "add", "10.98.0.2/24", "dev", "eth0");
		Kernel.run("ip", "netns", "exec", PEER, "ip", "addr", "add", "10.98.0.3/24", "dev", "eth0");
		for (String ns : List.of(HOST, PEER)) {
			Kernel.run("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
			Kernel.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
		}
	}

	@AfterAll
	static void cleanUp() throws Exception {
		Kernel.run("ip", "netns", "del", HOST);
		Kernel.run("ip", "netns", "del", PEER);
	}

	private static Rule rule(String id, String action, boolean observed, boolean logs, String port,
			List<RemoteNetwork> networks) {
		return new Rule(id, id, "/", null, action, false, observed, logs, List.of(port),
				networks.isEmpty() ? RulesetBuilderTests.remote("10.98.0.2") : List.of(), networks);
	}

	private static PolicyDocument document() {
		RemoteNetwork network = new RemoteNetwork("n1", "lan", "/", List.of("10.98.0.0/24"), List.of(), List.of(),
				List.of(), List.of("tcp/83"));
		return RulesetBuilderTests.document(RulesetBuilderTests.unit("10.98.0.1"),
				List.of(rule("p-allow", "Allow", false, true, "tcp/80", List.of()),
						rule("p-quiet", "Allow", false, false, "tcp/81", List.of()),
						rule("p-reject", "Reject", false, true, "tcp/82", List.of()),
						rule("p-observe", "Reject", true, true, "tcp/80", List.of()),
						rule("p-net", "Allow", false, true, "tcp/83", List.of(network))),
				List.of());
	}

	@Test
	void eachLoggedConnectionArrivesWithThePolicyThatDecidedIt() throws Exception {
		List<String> batches = new CopyOnWriteArrayList<>();
		Settings.Flows settings = new Settings.Flows(27, 10_000, 2_000, Duration.ofSeconds(2), 10_000);
		RulesetOptions options = Fixtures.OPTIONS.withFlowLog(new FlowLogOptions(27, 10_000, 2_000));
		PolicyDocument document = document();
		FlowLog flowLog = Kernel.inNamespace(HOST, () -> {
			try {
				NftClient nft = LibNftablesClient.load().orElseThrow();
				nft.apply(NftRenderer.script(new RulesetBuilder(options, (warning) -> {
				}).build(document)));
				FlowLog started = new FlowLog(settings, this.state.resolve("flows"), () -> document,
						(address) -> List.of(), batches::add, nft, "mseg", Instant::now);
				assertThat(started.start()).isTrue();
				return started;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		List<ServerSocket> listeners = Kernel.inNamespace(HOST, () -> {
			List<ServerSocket> opened = new ArrayList<>();
			try {
				for (int port = 80; port <= 84; port++) {
					opened.add(new ServerSocket(port, 50, InetAddress.getByName("10.98.0.1")));
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return opened;
		});
		try {
			Kernel.inNamespace(PEER, () -> {
				assertThat(connect("10.98.0.2", 80)).as("allowed").isTrue();
				assertThat(connect("10.98.0.2", 80)).isTrue();
				assertThat(connect("10.98.0.2", 80)).isTrue();
				assertThat(connect("10.98.0.2", 81)).as("allowed, not logged").isTrue();
				assertThat(connect("10.98.0.2", 82)).as("rejected").isFalse();
				assertThat(connect("10.98.0.3", 83)).as("allowed through the network").isTrue();
				assertThat(connect("10.98.0.2", 84)).as("default reject").isFalse();
				return null;
			});
			List<JsonNode> records = awaitRecords(batches, 5);
			records.forEach((record) -> {
				assertThat(record.get("processingUnitID").asString()).isEqualTo("pu");
				assertThat(record.get("direction").asString()).isEqualTo("Incoming");
				assertThat(record.get("protocol").asString()).isEqualTo("tcp");
				assertThat(record.get("destinationAddress").asString()).isEqualTo("10.98.0.1");
			});
			check(find(records, 80, false), (record) -> {
				assertThat(record.get("action").asString()).isEqualTo("Allow");
				assertThat(record.get("reason").asString()).isEqualTo("Policy");
				assertThat(record.get("policyID").asString()).isEqualTo("p-allow");
				assertThat(record.get("sourceAddress").asString()).isEqualTo("10.98.0.2");
			});
			assertThat(records.stream()
				.filter((record) -> record.get("destinationPort").asInt() == 80 && !record.get("observed").asBoolean())
				.mapToLong((record) -> record.get("count").asLong())
				.sum()).as("three connections, counted").isEqualTo(3);
			check(find(records, 80, true), (record) -> {
				assertThat(record.get("action").asString()).isEqualTo("Reject");
				assertThat(record.get("policyID").asString()).isEqualTo("p-observe");
			});
			assertThat(records).noneMatch((record) -> record.get("destinationPort").asInt() == 81);
			assertThat(find(records, 82, false).get("policyID").asString()).isEqualTo("p-reject");
			assertThat(find(records, 82, false).get("action").asString()).isEqualTo("Reject");
			check(find(records, 83, false), (record) -> {
				assertThat(record.get("policyID").asString()).isEqualTo("p-net");
				assertThat(record.get("externalNetworkID").asString()).isEqualTo("n1");
				assertThat(record.get("sourceAddress").asString()).isEqualTo("10.98.0.3");
			});
			check(find(records, 84, false), (record) -> {
				assertThat(record.get("reason").asString()).isEqualTo("DefaultReject");
				assertThat(record.get("action").asString()).isEqualTo("Reject");
				assertThat(record.has("policyID")).isFalse();
			});
			assertThat(flowLog.logged()).isGreaterThanOrEqualTo(7);
		}
		finally {
			flowLog.close();
			for (ServerSocket listener : listeners) {
				listener.close();
			}
		}
	}

	@Test
	void beyondTheRateTheKernelCountsInsteadOfLoggingAndTheEnforcerReportsIt() throws Exception {
		List<String> batches = new CopyOnWriteArrayList<>();
		RulesetOptions options = Fixtures.OPTIONS.withFlowLog(new FlowLogOptions(28, 1, 1));
		FlowLog flowLog = Kernel.inNamespace(HOST, () -> {
			try {
				NftClient nft = LibNftablesClient.load().orElseThrow();
				nft.apply(NftRenderer.script(new RulesetBuilder(options, (warning) -> {
				}).build(document())));
				FlowLog started = new FlowLog(new Settings.Flows(28, 1, 1, Duration.ofSeconds(2), 10_000),
						this.state.resolve("flows"), FlowLogKernelTests::document, (address) -> List.of(), batches::add,
						nft, "mseg", Instant::now);
				assertThat(started.start()).isTrue();
				return started;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		try {
			// the first reading of the counter (the baseline) was taken by start()
			Kernel.inNamespace(PEER, () -> {
				for (int i = 0; i < 10; i++) {
					connect("10.98.0.2", 84);
				}
				return null;
			});
			String counter = Kernel.run("ip", "netns", "exec", HOST, "nft", "list", "counter", "inet", "mseg",
					"flowlog_unrecorded");
			long unrecorded = Long.parseLong(counter.replaceAll("(?s).*packets (\\d+).*", "$1"));
			assertThat(unrecorded).isGreaterThanOrEqualTo(5);
			assertThat(Kernel.run("ip", "netns", "exec", HOST, "nft", "list", "table", "inet", "mseg"))
				.contains("limit name \"flowlog_1_1\"")
				.contains("log prefix \"- I D\" group 28");
			// read every 10 s, reported with the next batch, or in one of its own
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			long reported = 0;
			long recorded = 0;
			while (System.nanoTime() < deadline && reported < unrecorded) {
				Thread.sleep(500);
				reported = 0;
				recorded = 0;
				for (String batch : batches) {
					JsonNode body = PolicyDocuments.json().readTree(batch);
					reported += body.get("dropped").get("flows").asLong();
					for (JsonNode record : body.get("records")) {
						recorded += record.get("count").asLong();
					}
				}
			}
			assertThat(reported).as("what the kernel did not log is reported").isEqualTo(unrecorded);
			// the namespace's own packets (IPv6 router solicitations) may meet the
			// default
			// reject too
			assertThat(recorded + reported).as("every connection recorded or reported").isGreaterThanOrEqualTo(10);
		}
		finally {
			flowLog.close();
		}
	}

	private static void check(JsonNode record, java.util.function.Consumer<JsonNode> assertions) {
		assertions.accept(record);
	}

	private static boolean connect(String source, int port) {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(source, 0));
			socket.connect(new InetSocketAddress("10.98.0.1", port), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static JsonNode find(List<JsonNode> records, int port, boolean observed) {
		return records.stream()
			.filter((record) -> record.get("destinationPort").asInt() == port
					&& record.get("observed").asBoolean() == observed)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no record for port " + port + " in " + records));
	}

	private static List<JsonNode> awaitRecords(List<String> batches, int distinct) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<JsonNode> records = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			records.clear();
			for (String batch : batches) {
				JsonNode body = PolicyDocuments.json().readTree(batch);
				assertThat(body.get("batchID").asString()).isNotBlank();
				body.get("records").forEach(records::add);
			}
			long ports = records.stream()
				.map((record) -> record.get("destinationPort").asInt() + "/" + record.get("observed").asBoolean())
				.distinct()
				.count();
			if (ports >= distinct) {
				Thread.sleep(2500);
				records.clear();
				for (String batch : batches) {
					PolicyDocuments.json().readTree(batch).get("records").forEach(records::add);
				}
				return records;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("expected " + distinct + " flows, got " + records);
	}

}
