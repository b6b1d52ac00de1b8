package io.mseg.enforcer.nftables;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.flow.FlowLog;
import io.mseg.enforcer.nftables.RulesetOptions.FlowLogOptions;
import io.mseg.enforcer.support.Kernel;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: how many new connections a second the flow log records without loss, and what
 * it costs. A protected namespace with the enforcer's table (flow logs on, the command
 * line's defaults: 10,000/s, burst 2,000) and its flow log reading the NFLOG group inside
 * it; a peer namespace sends UDP datagrams to a port the default reject refuses, each
 * from a new socket (a new source port: a new connection for conntrack), paced at
 * {@code flows.rate} a second for {@code flows.seconds} seconds. Reported: the
 * connections sent, read from the kernel, lost (sequence gaps, the kernel's counter of
 * unlogged ones, the aggregator), counted in the records, and the CPU time of the flow
 * log's threads (reader and tick) over the run.
 * <p>
 * Not part of the build's tests. Run it as root with {@code ./mvnw -B -o test -pl
 * policy,enforcer -Dpolicy.skipTests -Dtest=FlowLogBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FlowLogBenchmark {

	private static final String SUFFIX = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());

	private static final String HOST = "msegfb-h-" + SUFFIX;

	private static final String PEER = "msegfb-p-" + SUFFIX;

	private final int rate = Integer.getInteger("flows.rate", 5000);

	private final int seconds = Integer.getInteger("flows.seconds", 20);

	@Test
	void newConnectionsPerSecondRecordedAndTheirCost() throws Exception {
		Kernel.requireOrSkip("FlowLogBenchmark");
		Kernel.run("ip", "netns", "add", HOST);
		Kernel.run("ip", "netns", "add", PEER);
		Path state = Files.createTempDirectory("flow-bench");
		try {
			Kernel.run("ip", "link", "add", "eth0", "netns", HOST, "type", "veth", "peer", "name", "eth0", "netns",
					PEER);
			Kernel.run("ip", "netns", "exec", HOST, "ip", "addr", "add", "10.97.0.1/24", "dev", "eth0");
			Kernel.run("ip", "netns", "exec", PEER, "ip", "addr", "add", "10.97.0.2/24", "dev", "eth0");
			for (String ns : List.of(HOST, PEER)) {
				Kernel.run("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
				Kernel.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
			}
			Kernel.run("ip", "netns", "exec", PEER, "sysctl", "-q", "-w", "net.ipv4.ip_local_port_range=1024 65000");
			List<String> batches = new CopyOnWriteArrayList<>();
			Settings.Flows settings = Settings.Flows.DEFAULTS;
			RulesetOptions options = Fixtures.OPTIONS
				.withFlowLog(new FlowLogOptions(settings.group(), settings.rate(), settings.burst()));
			FlowLog flowLog = Kernel.inNamespace(HOST, () -> {
				try {
					NftClient nft = LibNftablesClient.load().orElseThrow();
					nft.apply(NftRenderer.script(new RulesetBuilder(options, (warning) -> {
					}).build(RulesetBuilderTests.document(RulesetBuilderTests.unit("10.97.0.1"), List.of(),
							List.of()))));
					FlowLog started = new FlowLog(
							settings, state.resolve("flows"), () -> RulesetBuilderTests
								.document(RulesetBuilderTests.unit("10.97.0.1"), List.of(), List.of()),
							(address) -> List.of(), batches::add, nft, "mseg", Instant::now);
					started.start();
					return started;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(500);
			long cpuBefore = flowLogCpu();
			long start = System.nanoTime();
			int sent = Kernel.inNamespace(PEER, this::send);
			double elapsed = (System.nanoTime() - start) / 1e9;
			// the last interval closes, the tick sends it
			Thread.sleep(settings.interval().toMillis() + 3000);
			long cpu = flowLogCpu() - cpuBefore;
			flowLog.close();
			long recorded = 0;
			long droppedFlows = 0;
			for (String batch : batches) {
				var body = PolicyDocuments.json().readTree(batch);
				droppedFlows += body.get("dropped").get("flows").asLong();
				for (var record : body.get("records")) {
					recorded += record.get("count").asLong();
				}
			}
			String counter = Kernel.run("ip", "netns", "exec", HOST, "nft", "list", "counter", "inet", "mseg",
					"flowlog_unrecorded");
			String report = String.format(
					"flow log benchmark: %d new connections sent in %.1f s (%.0f/s); read from the kernel %d; "
							+ "recorded in records %d; lost %d (reported as dropped %d, kernel counter: %s); "
							+ "CPU of the flow log's threads %.2f s, %.3f core over the load's %.1f s",
					sent, elapsed, sent / elapsed, flowLog.logged(), recorded, sent - recorded, droppedFlows,
					counter.replaceAll("(?s).*(packets \\d+).*", "$1"), cpu / 1e9, cpu / 1e9 / elapsed, elapsed);
			System.out.println(report);
			Files.writeString(Path.of("target", "flow-log-benchmark.txt"), report + "\n");
		}
		finally {
			Kernel.run("ip", "netns", "del", HOST);
			Kernel.run("ip", "netns", "del", PEER);
		}
	}

	private int send() {
		try {
			InetSocketAddress target = new InetSocketAddress(InetAddress.getByName("10.97.0.1"), 9);
			byte[] payload = new byte[16];
			int total = this.rate * this.seconds;
			long start = System.nanoTime();
			for (int i = 0; i < total; i++) {
				long due = start + (long) (i * (1e9 / this.rate));
				while (System.nanoTime() < due) {
					Thread.onSpinWait();
				}
				try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("10.97.0.2", 0))) {
					socket.send(new DatagramPacket(payload, payload.length, target));
				}
			}
			return total;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long flowLogCpu() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("flow-log")) {
				total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return total;
	}

}
