package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.nftables.RulesetOptions.FlowLogOptions;
import io.mseg.enforcer.support.Kernel;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real kernel (two network namespaces joined by a veth pair): rules naming an
 * external network without entries (a source not fetched yet) are a table {@code nft}
 * accepts, and match no address in either direction: an Allow of it lets nothing through,
 * a Reject of it (or of a network of exclusions alone) stops nothing another policy
 * allows. When the network gets an entry and loses it again, the incremental applies
 * leave the tables a full apply leaves, deciding the same. Needs root, {@code nft} and
 * {@code ip}: skipped with the reason otherwise, a failure with
 * {@code MSEG_REQUIRE_KERNEL_TESTS=true}.
 */
class EmptyExternalNetworkKernelTests {

	private static final String HOST = "mseg-t-empty-" + ProcessHandle.current().pid();

	private static final String PEER = HOST + "-p";

	private static final String HOST_ADDRESS = "10.233.79.1";

	private static final String PEER_ADDRESS = "10.233.79.2";

	private static final Pattern COUNTER = Pattern.compile("counter packets \\d+ bytes \\d+");

	/** Flow logs on, so that a logged rule of an empty network is in the table too. */
	private static final RulesetOptions OPTIONS = new RulesetOptions("mseg", List.of(), null, null, RejectStyle.DROP)
		.withFlowLog(new FlowLogOptions(27, 100, 20));

	private static boolean created;

	private final NftClient nft = new ProcessNftClient(List.of("ip", "netns", "exec", HOST, "nft"),
			java.time.Duration.ofSeconds(30));

	@BeforeAll
	static void createNamespaces() throws Exception {
		Kernel.requireOrSkip("EmptyExternalNetworkKernelTests");
		String veth = "mte" + (ProcessHandle.current().pid() % 100_000);
		Kernel.run("ip", "netns", "add", HOST);
		created = true;
		Kernel.run("ip", "netns", "add", PEER);
		Kernel.run("ip", "link", "add", veth, "netns", HOST, "type", "veth", "peer", "name", veth + "p", "netns", PEER);
		Kernel.run("ip", "-n", HOST, "addr", "add", HOST_ADDRESS + "/24", "dev", veth);
		Kernel.run("ip", "-n", PEER, "addr", "add", PEER_ADDRESS + "/24", "dev", veth + "p");
		for (String[] link : new String[][] { { HOST, veth }, { PEER, veth + "p" }, { HOST, "lo" }, { PEER, "lo" } }) {
			Kernel.run("ip", "-n", link[0], "link", "set", link[1], "up");
		}
	}

	@AfterAll
	static void deleteNamespaces() throws Exception {
		if (created) {
			Kernel.run("ip", "netns", "delete", HOST);
			Kernel.run("ip", "netns", "delete", PEER);
		}
	}

	@Test
	void incomingRulesOfAnEmptyNetworkMatchNoAddressUntilItHasOne() throws Exception {
		fillAndEmpty(true);
	}

	@Test
	void outgoingRulesOfAnEmptyNetworkMatchNoAddressUntilItHasOne() throws Exception {
		fillAndEmpty(false);
	}

	/**
	 * Empty, then the peer's address, then empty again; tcp/7001 allowed from the feed,
	 * tcp/7002 rejected from it and allowed from the peer's subnet, tcp/7003 allowed from
	 * the subnet and any port rejected from a network of exclusions alone.
	 */
	private void fillAndEmpty(boolean incoming) throws Exception {
		RulesetBuilder builder = new RulesetBuilder(OPTIONS, (warning) -> {
		});
		PolicyDocument none = document(incoming, List.of());
		PolicyDocument peer = document(incoming, List.of(PEER_ADDRESS));

		Ruleset empty = builder.build(none);
		assertThat(empty.sets()).noneMatch((set) -> set.name().startsWith("remote_") && set.elements().isEmpty());
		this.nft.apply(NftRenderer.script(empty));
		assertThat(decisions(incoming)).containsExactly(false, true, true);
		String emptyTable = table();

		Ruleset filled = builder.build(peer);
		apply(NftRenderer.update(empty, filled));
		assertThat(decisions(incoming)).containsExactly(true, false, true);
		String filledTable = table();
		this.nft.apply(NftRenderer.script(filled));
		assertThat(table()).isEqualTo(filledTable);

		Ruleset emptyAgain = builder.build(none);
		apply(NftRenderer.update(filled, emptyAgain));
		assertThat(decisions(incoming)).containsExactly(false, true, true);
		assertThat(table()).isEqualTo(emptyTable);
		this.nft.apply(NftRenderer.script(emptyAgain));
		assertThat(table()).isEqualTo(emptyTable);
	}

	private void apply(NftRenderer.Plan plan) throws NftException {
		for (String stage : plan.stages()) {
			this.nft.apply(stage);
		}
		this.nft.apply(plan.commit());
	}

	private static PolicyDocument document(boolean incoming, List<String> feed) {
		RemoteNetwork exclusionsOnly = new RemoteNetwork("x", "x", "/", List.of(), List.of("10.233.79.0/24"), List.of(),
				List.of(), List.of());
		List<Rule> rules = List.of(rule("reject-feed", "Reject", false, List.of("tcp/7002"), network("feed", feed)),
				rule("reject-exclusions", "Reject", false, List.of(), exclusionsOnly),
				rule("allow-feed", "Allow", true, List.of("tcp/7001"), network("feed", feed)), rule("allow-subnet",
						"Allow", false, List.of("tcp/7002", "tcp/7003"), network("subnet", List.of("10.233.79.0/24"))));
		return new PolicyDocument("e", feed.isEmpty() ? 1 : 2,
				List.of(new UnitPolicy(new RenderedPolicyTarget("host", "host", "/", List.of(HOST_ADDRESS), List.of()),
						incoming ? rules : List.of(), incoming ? List.of() : rules)),
				List.of(HOST_ADDRESS));
	}

	private static Rule rule(String id, String action, boolean logged, List<String> ports, RemoteNetwork network) {
		RemoteNetwork covered = new RemoteNetwork(network.id(), network.name(), network.namespace(), network.entries(),
				network.excluded(), network.domains(), network.servicePorts(), ports);
		return new Rule(id, id, "/", null, action, false, false, logged, ports, List.of(), List.of(covered));
	}

	private static RemoteNetwork network(String id, List<String> entries) {
		return new RemoteNetwork(id, id, "/", entries, List.of(), List.of(), List.of(), List.of());
	}

	/**
	 * Whether tcp/7001, 7002, 7003 get through, from the peer to the host (incoming) or
	 * from the host to the peer (outgoing): nothing listens, so a refused connection got
	 * through and a dropped one times out.
	 */
	private static List<Boolean> decisions(boolean incoming) throws Exception {
		List<Boolean> passed = new ArrayList<>();
		for (int port = 7001; port <= 7003; port++) {
			Process process = new ProcessBuilder("ip", "netns", "exec", incoming ? PEER : HOST, "timeout", "1", "bash",
					"-c", "echo > /dev/tcp/" + (incoming ? HOST_ADDRESS : PEER_ADDRESS) + "/" + port)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
			passed.add(output.contains("Connection refused"));
		}
		return passed;
	}

	/**
	 * The table as the kernel lists it, its sets and chains sorted by name (an
	 * incremental apply adds them in another order) and counters cut off.
	 */
	private static String table() throws Exception {
		String text = Kernel.run("ip", "netns", "exec", HOST, "nft", "list", "table", "inet", "mseg");
		List<String> blocks = new ArrayList<>();
		StringBuilder block = null;
		for (String line : text.lines().toList()) {
			// the named counter's values move with the traffic: left out
			if (line.startsWith("\tset ") || line.startsWith("\tmap ") || line.startsWith("\tchain ")
					|| line.startsWith("\tlimit ")) {
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

}
