package io.mseg.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mseg.e2e.support.Await;
import io.mseg.e2e.support.KernelPrerequisites;
import io.mseg.e2e.support.ResolvingClient;
import io.mseg.e2e.support.ResolvingClient.Outcome;
import io.mseg.e2e.support.Shell;
import io.mseg.e2e.support.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Temporary: proves the DNS lab of DomainEnforcementKernelIT without any enforcer. */
@ExtendWith(KernelPrerequisites.class)
class DnsLabKernelIT {

	@Test
	void theDnsLabWorksWithoutEnforcers() {
		String prefix;
		List<Path> resolvConfs;
		try (World world = World.create("dns-lab", DomainEnforcementKernelIT::buildLab)) {
			var client = DomainEnforcementKernelIT.client;
			prefix = client.ns().substring(0, client.ns().lastIndexOf('-'));
			resolvConfs = List.of(Path.of("/etc/netns", client.ns(), "resolv.conf"),
					Path.of("/etc/netns", DomainEnforcementKernelIT.broken.ns(), "resolv.conf"));
			assertThat(resolvConfs).allMatch(Files::exists);
			System.out.println("dnsmasq log (head): " + DomainEnforcementKernelIT.dns.log().lines().limit(12).toList());
			System.out.println("resolv.conf seen in the namespace: "
					+ Shell.run(Duration.ofSeconds(5), "ip", "netns", "exec", client.ns(), "cat", "/etc/resolv.conf")
						.output());

			// 1,000 resolve-then-connect attempts, distinct names and addresses.
			long start = System.nanoTime();
			Outcome race = ResolvingClient.run(client, Duration.ofSeconds(180),
					ResolvingClient.options(443, "--count", "1000", "--timeout-ms", "2000"), "n%d.race.mseg.test");
			long millis = (System.nanoTime() - start) / 1_000_000;
			System.out.println("race without enforcer: " + race.describe() + " in " + millis + " ms");
			assertThat(race.failures()).as(race.describe()).isZero();
			assertThat(race.attempts()).hasSize(1000);
			assertThat(race.addresses()).hasSize(1000)
				.contains(DomainEnforcementKernelIT.raceAddress(1), DomainEnforcementKernelIT.raceAddress(1000));

			// A refused connection and an unknown name are reported as failures.
			Outcome refused = ResolvingClient.connect(client, 9, "api.mseg.test", "nope.mseg.test");
			System.out.println("refused/unknown: " + refused.output());
			assertThat(refused.failures()).isEqualTo(2);
			assertThat(refused.attempts().get(0).resolved()).isTrue();
			assertThat(refused.attempts().get(1).resolved()).isFalse();

			// Held connection to the echo listener.
			Outcome held = ResolvingClient.run(client, Duration.ofSeconds(30), ResolvingClient.options(
					DomainEnforcementKernelIT.ECHO_PORT, "--hold-ms", "2000", "--every-ms", "250"), "brief.mseg.test");
			System.out.println("held: " + held.output());
			assertThat(held.failures()).isZero();
			assertThat(held.exchanges()).hasSizeGreaterThan(5).allMatch(ResolvingClient.Exchange::ok);

			// The learned-set parser and the expiry observation, on a set made by hand.
			client.nft("add", "table", "inet", "mseg");
			client.nft("add", "set", "inet", "mseg", "dns_v4_0123abcd", "{ type ipv4_addr; flags timeout; }");
			client.nft("add", "set", "inet", "mseg", "dns_v6_0123abcd", "{ type ipv6_addr; flags timeout; }");
			client.nft("add", "element", "inet", "mseg", "dns_v4_0123abcd",
					"{ 10.233.0.110 timeout 3s, 10.233.0.1 timeout 60s }");
			client.nft("add", "element", "inet", "mseg", "dns_v6_0123abcd", "{ fd00:233::68 timeout 60s }");
			System.out.println("learned: " + DomainEnforcementKernelIT.learned(client));
			assertThat(DomainEnforcementKernelIT.isLearned(client, "10.233.0.110")).isTrue();
			assertThat(DomainEnforcementKernelIT.isLearned(client, "10.233.0.11")).isFalse();
			assertThat(DomainEnforcementKernelIT.isLearned(client, "fd00:233::68")).isTrue();
			assertThat(DomainEnforcementKernelIT.isLearned(client, "fd00:233::6")).isFalse();
			Instant added = Instant.now();
			Await.until("expired", Duration.ofSeconds(10),
					() -> !DomainEnforcementKernelIT.isLearned(client, "10.233.0.110"));
			System.out.println("element with timeout 3s observed gone after "
					+ Duration.between(added, Instant.now()).toMillis() + " ms");
			assertThat(DomainEnforcementKernelIT.isLearned(client, "10.233.0.1")).isTrue();

			// The port the failure test occupies.
			DomainEnforcementKernelIT.broken.socat("udp", 15353, "-u", "UDP4-RECV:15353,bind=127.0.0.1",
					"OPEN:/dev/null");
		}
		assertThat(resolvConfs).noneMatch(Files::exists);
		assertThat(Shell.run(Duration.ofSeconds(5), "ip", "netns", "list").output()).doesNotContain(prefix);
		assertThat(Shell.run(Duration.ofSeconds(5), "pgrep", "-af", "dnsmasq").output()).as("no dnsmasq left")
			.doesNotContain("mseg-e2e-dns-lab");
	}

}
