package io.mseg.enforcer.nftables;

import java.time.Duration;
import java.util.List;

import io.mseg.enforcer.support.Kernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * libnftables in-process, in a network namespace of the test's own: it applies what
 * {@code nft -f} applies, in the namespace it was created in (whichever thread calls it
 * later), refuses what {@code nft} refuses with the same message, leaves the table as it
 * was on a refusal, and never returns one call's output from another.
 */
class LibNftablesClientKernelTests {

	private static final String NS = "mseg-t-lib-" + ProcessHandle.current().pid();

	private static final String SCRIPT = """
			table inet mseg_lib
			delete table inet mseg_lib
			table inet mseg_lib {
			  set port_a { type inet_service; elements = { 53, 67 } }
			  chain input {
			    type filter hook input priority filter; policy accept;
			    udp dport @port_a accept comment "failsafe"
			  }
			}
			""";

	private static boolean created;

	private static LibNftablesClient nft;

	@BeforeAll
	static void createNamespace() throws Exception {
		Kernel.requireOrSkip("LibNftablesClientKernelTests");
		Kernel.run("ip", "netns", "add", NS);
		created = true;
		nft = Kernel.inNamespace(NS, () -> LibNftablesClient.load().orElseThrow());
	}

	@AfterAll
	static void deleteNamespace() throws Exception {
		if (created) {
			Kernel.run("ip", "netns", "delete", NS);
		}
	}

	@Test
	void appliesAScriptInTheNamespaceItWasCreatedInAsNftDoes() throws Exception {
		nft.apply(SCRIPT);
		String table = Kernel.run("ip", "netns", "exec", NS, "nft", "list", "table", "inet", "mseg_lib");
		assertThat(table).contains("elements = { 53, 67 }", "udp dport @port_a accept comment \"failsafe\"");
		assertThat(Kernel.run("nft", "list", "tables")).as("the root namespace").doesNotContain("mseg_lib");
		ProcessNftClient command = new ProcessNftClient(List.of("ip", "netns", "exec", NS, "nft"),
				Duration.ofSeconds(10));
		command.apply(SCRIPT);
		assertThat(Kernel.run("ip", "netns", "exec", NS, "nft", "list", "table", "inet", "mseg_lib")).isEqualTo(table);
	}

	@Test
	void aTerseListingNamesTheSetsWithoutElementsAndEachCallHasItsOwnOutput() throws Exception {
		nft.apply(SCRIPT);
		String terse = nft.query(List.of("-t", "list", "sets", "inet"));
		assertThat(terse).contains("set port_a {").doesNotContain("53");
		assertThat(nft.query(List.of("list", "sets", "inet"))).contains("elements = { 53, 67 }");
		nft.apply("add chain inet mseg_lib other");
		assertThat(KernelTable.read(nft, "mseg_lib").chains()).containsExactlyInAnyOrder("input", "other");
		assertThat(nft.query(List.of("-t", "list", "sets", "inet"))).isEqualTo(terse);
	}

	@Test
	void aRefusedScriptFailsWithNftsMessageAndChangesNothing() throws Exception {
		nft.apply(SCRIPT);
		String before = Kernel.run("ip", "netns", "exec", NS, "nft", "list", "table", "inet", "mseg_lib");
		assertThatThrownBy(() -> nft.apply(SCRIPT.replace("udp dport @port_a", "udp dport @port_a nonsense")))
			.isInstanceOf(NftException.class)
			.hasMessageContaining("Error: syntax error");
		assertThatThrownBy(() -> nft.apply("add element inet mseg_lib port_a { 70000 }"))
			.isInstanceOf(NftException.class)
			.hasMessageContaining("Error:");
		assertThat(Kernel.run("ip", "netns", "exec", NS, "nft", "list", "table", "inet", "mseg_lib")).isEqualTo(before);
		nft.apply("add element inet mseg_lib port_a { 68 }");
		assertThat(Kernel.run("ip", "netns", "exec", NS, "nft", "list", "set", "inet", "mseg_lib", "port_a"))
			.contains("53, 67, 68");
	}

}
