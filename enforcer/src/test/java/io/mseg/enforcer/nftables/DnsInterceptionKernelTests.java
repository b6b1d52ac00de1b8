package io.mseg.enforcer.nftables;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.mseg.enforcer.dns.DnsInterception;
import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.nftables.LibNftablesClient;
import io.mseg.enforcer.nftables.NftClient;
import io.mseg.enforcer.nftables.NftRenderer;
import io.mseg.enforcer.nftables.Ruleset;
import io.mseg.enforcer.nftables.RulesetBuilder;
import io.mseg.enforcer.store.StateFiles;
import io.mseg.enforcer.support.Kernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DNS interception in a network namespace: a client namespace whose table redirects its
 * queries to the interception running inside it, and a resolver (dnsmasq) in another
 * namespace. Queries are answered unchanged, over UDP and TCP, IPv4 and IPv6; the
 * addresses of matching names are in the kernel's set when the answer arrives, others
 * never.
 */
class DnsInterceptionKernelTests {

	private static final String SUFFIX = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());

	private static final String CLIENT = "msegdns-c-" + SUFFIX;

	private static final String RESOLVER = "msegdns-r-" + SUFFIX;

	private static final int PORT = 15353;

	private static final int EARLY_PORT = 40053;

	private static Process dnsmasq;

	private static Process stub;

	@TempDir
	Path state;

	@BeforeAll
	static void namespaces() throws Exception {
		Kernel.requireOrSkip("DnsInterceptionKernelTests");
		Kernel.run("ip", "netns", "add", CLIENT);
		Kernel.run("ip", "netns", "add", RESOLVER);
		Kernel.run("ip", "link", "add", "eth0", "netns", CLIENT, "type", "veth", "peer", "name", "eth0", "netns",
				RESOLVER);
		for (String[] side : new String[][] { { CLIENT, "10.99.0.1", "fd99::1" },
				{ RESOLVER, "10.99.0.53", "fd99::53" } }) {
			Kernel.run("ip", "netns", "exec", side[0], "ip", "addr", "add", side[1] + "/24", "dev", "eth0");
			Kernel.run("ip", "netns", "exec", side[0], "ip", "-6", "addr", "add", side[2] + "/64", "dev", "eth0",
					"nodad");
			Kernel.run("ip", "netns", "exec", side[0], "ip", "link", "set", "eth0", "up");
			Kernel.run("ip", "netns", "exec", side[0], "ip", "link", "set", "lo", "up");
		}
		List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", RESOLVER, "dnsmasq",
				"--keep-in-foreground", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=10.99.0.53",
				"--listen-address=fd99::53", "--local-ttl=30", "--pid-file", "--user=root",
				"--host-record=api.example.test,10.99.0.80,fd99::80", "--host-record=other.example.test,10.99.0.81",
				"--host-record=late.example.test,10.99.0.82", "--host-record=stub.example.test,10.99.0.83",
				"--cname=alias.example.test,api.example.test"));
		for (int i = 1; i <= 60; i++) {
			command.add("--host-record=many.example.test,10.99.1." + i);
		}
		// a local stub resolver in the client, as systemd-resolved's 127.0.0.53
		stub = new ProcessBuilder("ip", "netns", "exec", CLIENT, "dnsmasq", "--keep-in-foreground", "--no-resolv",
				"--no-hosts", "--bind-interfaces", "--listen-address=127.0.0.53", "--server=10.99.0.53",
				"--cache-size=0", "--pid-file", "--user=root")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		dnsmasq = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		Thread.sleep(500);
	}

	@AfterAll
	static void cleanUp() throws Exception {
		for (Process process : new Process[] { dnsmasq, stub }) {
			if (process != null) {
				process.destroyForcibly();
			}
		}
		Kernel.run("ip", "netns", "del", CLIENT);
		Kernel.run("ip", "netns", "del", RESOLVER);
	}

	@Test
	void answersPassUnchangedAndMatchingAddressesAreInTheKernelFirst() throws Exception {
		Kernel.inNamespace(CLIENT, () -> {
			try {
				NftClient nft = LibNftablesClient.load().orElseThrow();
				DnsInterception dns = new DnsInterception(PORT, Duration.ofSeconds(60), Duration.ofSeconds(10), "mseg",
						new StateFiles(this.state), Instant::now);
				PolicyDocument document = RulesetBuilderTests
					.document(RulesetBuilderTests.unit("10.99.0.1", "fd99::1"), List.of(),
							List.of(RulesetBuilderTests.rule("p", "Allow", List.of(), List.of(),
									List.of(new PolicyDocument.RemoteNetwork("n", "api", "/", List.of(), List.of(),
											List.of("api.example.test", "alias.example.test", "many.example.test",
													"late.example.test", "stub.example.test"),
											List.of(), List.of())))));
				Ruleset ruleset = new RulesetBuilder(Fixtures.OPTIONS.withDnsPort(dns.port(true)), (warning) -> {
				}).build(document);
				// A flow to the resolver opened before the redirect, while the table
				// exists (conntrack runs), from a port a later query reuses: the
				// enforcer must forget it when it installs the redirect.
				nft.apply(NftRenderer.script(new RulesetBuilder(Fixtures.OPTIONS, (warning) -> {
				}).build(null)));
				ask(EARLY_PORT, "other.example.test.");
				synchronized (dns.learning().kernelLock()) {
					nft.apply(NftRenderer.script(ruleset, dns.learning().seeds(ruleset)));
					dns.learning().applied(ruleset, Set.of());
				}
				try {
					ask(EARLY_PORT, "late.example.test.");
					assertThat(nft.query(List.of("list", "table", "inet", "mseg")))
						.as("a query on a flow opened before the redirect is intercepted too")
						.contains("10.99.0.82");
					check(nft, "10.99.0.53", false);
					check(nft, "fd99::53", false);
					// through the local stub: its query upstream and its answer are both
					// intercepted
					Message stubbed = new SimpleResolver(InetAddress.getByName("127.0.0.53")).send(Message
						.newQuery(Record.newRecord(Name.fromString("stub.example.test."), Type.A, DClass.IN)));
					assertThat(stubbed.getSection(Section.ANSWER)).extracting(Record::rdataToString)
						.containsExactly("10.99.0.83");
					assertThat(nft.query(List.of("list", "table", "inet", "mseg"))).contains("10.99.0.83");
					check(nft, "10.99.0.53", true);
					assertThat(dns.status().learnedNames()).isGreaterThanOrEqualTo(2);
					// the redirect outlives its first timeout: the enforcer renews it
					Thread.sleep((DnsInterceptionRules.ALIVE_SECONDS + 3) * 1000L);
					SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("10.99.0.53"));
					resolver.send(Message
						.newQuery(Record.newRecord(Name.fromString("late.example.test."), Type.A, DClass.IN)));
					assertThat(nft.query(List.of("list", "table", "inet", "mseg"))).contains("10.99.0.82");
				}
				finally {
					dns.close();
				}
				return null;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** A query from a fixed source port, as a long-lived resolver socket sends it. */
	private static void ask(int sourcePort, String name) throws IOException {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(sourcePort))) {
			socket.setSoTimeout(3000);
			byte[] query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)).toWire();
			socket.send(new DatagramPacket(query, query.length, InetAddress.getByName("10.99.0.53"), 53));
			socket.receive(new DatagramPacket(new byte[512], 512));
		}
	}

	private static void check(NftClient nft, String resolverAddress, boolean tcp) throws Exception {
		SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(resolverAddress));
		resolver.setTCP(tcp);
		resolver.setTimeout(Duration.ofSeconds(3));
		Message answer = resolver
			.send(Message.newQuery(Record.newRecord(Name.fromString("api.example.test."), Type.A, 1)));
		assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("10.99.0.80");
		String sets = nft.query(List.of("list", "table", "inet", "mseg"));
		assertThat(sets).contains("10.99.0.80");
		Message other = resolver
			.send(Message.newQuery(Record.newRecord(Name.fromString("other.example.test."), Type.A, 1)));
		assertThat(other.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("10.99.0.81");
		assertThat(nft.query(List.of("list", "table", "inet", "mseg"))).doesNotContain("10.99.0.81");
		if (tcp) {
			Message many = resolver
				.send(Message.newQuery(Record.newRecord(Name.fromString("many.example.test."), Type.A, 1)));
			assertThat(many.getSection(Section.ANSWER)).hasSize(60);
			assertThat(nft.query(List.of("list", "table", "inet", "mseg"))).contains("10.99.1.60");
		}
	}

}
