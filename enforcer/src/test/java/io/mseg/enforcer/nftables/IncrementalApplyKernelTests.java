package io.mseg.enforcer.nftables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.support.Kernel;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real kernel (two network namespaces joined by a veth pair): an incremental apply
 * leaves exactly the table a full apply of the same ruleset leaves, and connections are
 * decided the same way, also across a sharded external network. Needs root, {@code nft}
 * and {@code ip}: skipped with the reason otherwise, a failure with
 * {@code MSEG_REQUIRE_KERNEL_TESTS=true}.
 */
class IncrementalApplyKernelTests {

	private static final String HOST = "mseg-t-apply-" + ProcessHandle.current().pid();

	private static final String PEER = HOST + "-p";

	private static final String HOST_ADDRESS = "10.233.78.1";

	private static final String PEER_ADDRESS = "10.233.78.2";

	private static final Pattern COUNTER = Pattern.compile("counter packets \\d+ bytes \\d+");

	private static boolean created;

	private final NftClient nft = new ProcessNftClient(List.of("ip", "netns", "exec", HOST, "nft"),
			java.time.Duration.ofSeconds(30));

	@BeforeAll
	static void createNamespaces() throws Exception {
		Kernel.requireOrSkip("IncrementalApplyKernelTests");
		String veth = "mta" + (ProcessHandle.current().pid() % 100_000);
		run("ip", "netns", "add", HOST);
		created = true;
		run("ip", "netns", "add", PEER);
		run("ip", "link", "add", veth, "netns", HOST, "type", "veth", "peer", "name", veth + "p", "netns", PEER);
		run("ip", "-n", HOST, "addr", "add", HOST_ADDRESS + "/24", "dev", veth);
		run("ip", "-n", PEER, "addr", "add", PEER_ADDRESS + "/24", "dev", veth + "p");
		for (String[] link : new String[][] { { HOST, veth }, { PEER, veth + "p" }, { HOST, "lo" }, { PEER, "lo" } }) {
			run("ip", "-n", link[0], "link", "set", link[1], "up");
		}
	}

	@AfterAll
	static void deleteNamespaces() throws Exception {
		if (created) {
			run("ip", "netns", "delete", HOST);
			run("ip", "netns", "delete", PEER);
		}
	}

	@Test
	void anIncrementalApplyLeavesTheTableAFullApplyLeavesAndDecidesTheSame() throws Exception {
		List<String> big = new ArrayList<>();
		for (int i = 0; i < 2 * Shards.SPLIT_ABOVE; i++) {
			big.add("100." + (64 + i / 65_536) + "." + ((i / 256) % 256) + "." + (i % 256));
		}
		PolicyDocument first = document(big, false);
		List<String> bigWithPeer = new ArrayList<>(big);
		bigWithPeer.add(PEER_ADDRESS);
		PolicyDocument second = document(bigWithPeer, true);

		Ruleset one = build(first, Shards.NONE);
		this.nft.apply(NftRenderer.script(one));
		assertThat(decisions()).containsExactly(true, false, false);

		Ruleset two = build(second, one.shards());
		assertThat(two.shards()).isEqualTo(one.shards());
		NftRenderer.Plan update = NftRenderer.update(one, two);
		assertThat(update.text()).doesNotContain("delete table").contains("flush chain");
		assertThat(update.text().lines().filter((line) -> line.startsWith("add set inet mseg remote_v4_s"))).hasSize(1);
		apply(update);
		String incremental = table();
		assertThat(decisions()).containsExactly(false, true, true);
		this.nft.apply(NftRenderer.script(two));
		assertThat(table()).isEqualTo(incremental);
		assertThat(decisions()).containsExactly(false, true, true);

		Ruleset back = build(first, two.shards());
		apply(NftRenderer.update(two, back));
		String backAgain = table();
		assertThat(decisions()).containsExactly(true, false, false);
		this.nft.apply(NftRenderer.script(back));
		assertThat(table()).isEqualTo(backAgain);

		// a table known only by its names (start-up, after a failure): same result again
		KernelTable kernel = KernelTable.read(this.nft, "mseg");
		assertThat(kernel.sets()).containsExactlyInAnyOrderElementsOf(
				back.sets().stream().filter((set) -> !set.map()).map(NftSet::name).toList());
		assertThat(kernel.maps())
			.containsExactlyInAnyOrderElementsOf(back.sets().stream().filter(NftSet::map).map(NftSet::name).toList())
			.isNotEmpty();
		apply(NftRenderer.replace(kernel, two));
		assertThat(table()).isEqualTo(incremental);
		assertThat(decisions()).containsExactly(false, true, true);
	}

	@Test
	void largeSetsAreStagedBeforeTheTransactionThatSwitchesTheRules() throws Exception {
		List<String> big = new ArrayList<>();
		for (int i = 0; i < 3 * NftRenderer.STAGE_ELEMENTS / 2; i++) {
			big.add("100." + (64 + i / 65_536) + "." + ((i / 256) % 256) + "." + (i % 256));
		}
		big.add(PEER_ADDRESS);
		Ruleset two = build(document(big, true), Shards.NONE);
		this.nft.apply(NftRenderer.script(build(document(List.of("192.0.2.1"), false), Shards.NONE)));
		NftRenderer.Plan plan = NftRenderer.replace(KernelTable.read(this.nft, "mseg"), two);
		assertThat(plan.stages()).hasSizeGreaterThan(1);
		assertThat(plan.commit()).doesNotContain("add set");
		apply(plan);
		String staged = table();
		assertThat(decisions()).containsExactly(false, true, true);
		this.nft.apply(NftRenderer.script(two));
		assertThat(table()).isEqualTo(staged);
	}

	private void apply(NftRenderer.Plan plan) throws NftException {
		for (String stage : plan.stages()) {
			this.nft.apply(stage);
		}
		this.nft.apply(plan.commit());
	}

	@Test
	void aKnownUnitIsNeverMatchedByAnExternalNetworkThatCoversIt() throws Exception {
		// enough known units that the verdict map is sharded: the packet meets 16 lookups
		List<String> known = new ArrayList<>(List.of(HOST_ADDRESS, PEER_ADDRESS));
		for (int i = 0; i < Shards.SPLIT_ABOVE + 1000; i++) {
			known.add("10.50." + (i / 250) + "." + (i % 250 + 1));
		}
		List<RenderedRemoteProcessingUnit> peer = List
			.of(new RenderedRemoteProcessingUnit("peer", "peer", "/", List.of(PEER_ADDRESS)));
		List<Rule> incoming = List.of(new Rule("a", "allow 7001", "/", null, "Allow", false, false, false,
				List.of("tcp/7001"), peer, List.of()), network("n", "Allow", "tcp/7003", List.of("10.233.78.0/24")));
		Ruleset sharded = build(hostDocument(incoming, known, 1), Shards.NONE);
		assertThat(sharded.sets().stream().filter(NftSet::map)).hasSize(Shards.MAX_SHARDS);
		this.nft.apply(NftRenderer.script(sharded));
		assertThat(decisions()).containsExactly(true, false, false);
		// a known unit that no rule names is not matched by the network either
		this.nft.apply(NftRenderer.script(build(hostDocument(incoming.subList(1, 2), known, 2), Shards.NONE)));
		assertThat(decisions()).containsExactly(false, false, false);
		// an address that is no unit is
		this.nft.apply(
				NftRenderer.script(build(hostDocument(incoming.subList(1, 2), List.of(HOST_ADDRESS), 3), Shards.NONE)));
		assertThat(decisions()).containsExactly(false, false, true);
	}

	/**
	 * The host allows tcp/7001 from the peer as a processing unit; in the second version
	 * the peer is no unit but an entry of a sharded external network, which is refused
	 * tcp/7001 and allowed tcp/7002 and tcp/7003.
	 */
	private static PolicyDocument document(List<String> big, boolean second) {
		List<Rule> incoming = new ArrayList<>();
		if (second) {
			incoming.add(network("r", "Reject", "tcp/7001", big));
			incoming.add(network("b", "Allow", "tcp/7002", big));
		}
		else {
			incoming.add(new Rule("a", "allow 7001", "/", null, "Allow", false, false, false, List.of("tcp/7001"),
					List.of(new RenderedRemoteProcessingUnit("peer", "peer", "/", List.of(PEER_ADDRESS))), List.of()));
		}
		incoming.add(network("n", "Allow", "tcp/7003", big));
		return hostDocument(incoming, List.of(HOST_ADDRESS), second ? 2 : 1);
	}

	private static Rule network(String id, String action, String port, List<String> entries) {
		return new Rule(id, action + " " + port, "/", null, action, false, false, false, List.of(port), List.of(),
				List.of(new RemoteNetwork("big", "big", "/", entries, List.of(), List.of(), List.of(), List.of(port))));
	}

	private static PolicyDocument hostDocument(List<Rule> incoming, List<String> known, long version) {
		return new PolicyDocument("e", version,
				List.of(new UnitPolicy(new RenderedPolicyTarget("host", "host", "/", List.of(HOST_ADDRESS), List.of()),
						incoming, List.of())),
				known);
	}

	private static Ruleset build(PolicyDocument document, Shards shards) {
		RulesetOptions options = new RulesetOptions("mseg", List.of(), null, null, RejectStyle.DROP);
		return new RulesetBuilder(options, (warning) -> {
		}).build(document, shards);
	}

	/**
	 * Whether the peer reaches tcp/7001, 7002, 7003 (nothing listens: refused = let
	 * through).
	 */
	private static List<Boolean> decisions() throws Exception {
		List<Boolean> passed = new ArrayList<>();
		for (int port = 7001; port <= 7003; port++) {
			Process process = new ProcessBuilder("ip", "netns", "exec", PEER, "timeout", "1", "bash", "-c",
					"echo > /dev/tcp/" + HOST_ADDRESS + "/" + port)
				.redirectErrorStream(true)
				.start();
			process.getInputStream().readAllBytes();
			assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
			passed.add(process.exitValue() != 124);
		}
		return passed;
	}

	/**
	 * The table as the kernel lists it, its sets and chains sorted by name (an
	 * incremental apply adds them in another order) and counters cut off.
	 */
	private static String table() throws Exception {
		String text = run("ip", "netns", "exec", HOST, "nft", "list", "table", "inet", "mseg");
		List<String> blocks = new ArrayList<>();
		StringBuilder block = null;
		for (String line : text.lines().toList()) {
			if (line.startsWith("\tset ") || line.startsWith("\tmap ") || line.startsWith("\tchain ")) {
				block = new StringBuilder();
			}
			if (block != null) {
				block.append(COUNTER.matcher(line).replaceAll("counter")).append('\n');
				if (line.equals("\t}")) {
					blocks.add(block.toString());
					block = null;
				}
			}
		}
		blocks.sort(null);
		return String.join("", blocks);
	}

	private static String run(String... command) throws Exception {
		return Kernel.run(command);
	}

}
