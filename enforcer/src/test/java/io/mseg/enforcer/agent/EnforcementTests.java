package io.mseg.enforcer.agent;

import java.time.Instant;
import java.util.List;

import io.mseg.enforcer.dns.DnsInterception;
import io.mseg.enforcer.nftables.Fixtures;
import io.mseg.enforcer.nftables.NftException;
import io.mseg.enforcer.nftables.RecordingNftClient;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.enforcer.support.FakeTime;
import io.mseg.policy.network.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnforcementTests {

	private final RecordingNftClient nft = new RecordingNftClient();

	private final DnsInterception dns = DnsTesting.interception();

	private final Enforcement enforcement = new Enforcement(this.nft, Fixtures.OPTIONS, new FakeTime(Instant.EPOCH),
			this.dns);

	@AfterEach
	void stopIntercepting() {
		this.dns.close();
	}

	@Test
	void domainEntriesRedirectTheHostsDnsQueriesToTheEnforcer() throws NftException {
		assertThat(this.enforcement.enforce(Fixtures.document("domains"), "test")).isTrue();
		assertThat(this.nft.last()).contains("type nat hook output priority -100", "redirect to :",
				"elements = { 53 timeout 15s expires 15s }", "set dns_v4_", "set dns_v6_");
		assertThat(this.dns.status().interception()).isEqualTo("Active");
		assertThat(this.dns.failed()).isFalse();
	}

	@Test
	void aKernelThatRefusesTheRedirectStillGetsEveryOtherRuleAndDomainEntriesAllowNothing() throws NftException {
		this.nft.refuseContaining("redirect to");
		assertThat(this.enforcement.enforce(Fixtures.document("domains"), "test")).isTrue();
		assertThat(this.nft.last()).contains("198.51.100.0/24", "set dns_v4_")
			.doesNotContain("redirect to", "dns_intercept");
		assertThat(this.dns.failed()).isTrue();
		assertThat(this.dns.status().interception()).isEqualTo("Failed");
		assertThat(this.dns.status().error()).contains("the kernel refused the DNS redirect");
	}

	@Test
	void aLongRefusalIsCutToWhatTheConsoleAccepts() throws NftException {
		this.nft.refuseContaining("redirect to");
		this.enforcement.enforce(Fixtures.document("domains"), "test");
		this.dns.redirectRefused("x".repeat(5000));
		assertThat(this.dns.status().error()).hasSize(1024)
			.startsWith("DNS interception could not start")
			.endsWith("…");
	}

	@Test
	void theFirstApplyReplacesTheTableAndTheNextOnesAreIncremental() throws NftException {
		assertThat(this.enforcement.enforce(Fixtures.document("redis"), "test")).isTrue();
		assertThat(this.nft.last()).isEqualTo(Fixtures.resource("golden/redis.nft"));
		assertThat(this.enforcement.enforce(Fixtures.document("mixed"), "test")).isTrue();
		assertThat(this.nft.last()).isEqualTo(Fixtures.update("redis", "mixed")).doesNotContain("delete table");
		assertThat(this.enforcement.enforce(Fixtures.document("mixed"), "test")).isFalse();
		assertThat(this.nft.scripts()).hasSize(2);
	}

	@Test
	void aRefusedIncrementalChangeIsRetriedAtOnceAsAFullReplace() throws NftException {
		this.enforcement.enforce(Fixtures.document("redis"), "test");
		this.nft.refuseOnce("Error: No such file or directory; did you mean table 'mseg' in family inet?");
		assertThat(this.enforcement.enforce(Fixtures.document("mixed"), "test")).isTrue();
		assertThat(this.nft.scripts()).hasSize(2);
		assertThat(this.nft.last()).isEqualTo(Fixtures.resource("golden/mixed.nft"));
	}

	@Test
	void afterAFailureTheNextApplyReplacesTheWholeTableEvenForTheSameRules() throws NftException {
		this.enforcement.enforce(Fixtures.document("redis"), "test");
		this.nft.refuse("Error: out of memory");
		assertThatExceptionOfType(NftException.class)
			.isThrownBy(() -> this.enforcement.enforce(Fixtures.document("mixed"), "test"));
		this.nft.refuse(null);
		assertThat(this.enforcement.enforce(Fixtures.document("redis"), "test")).isTrue();
		assertThat(this.nft.last()).isEqualTo(Fixtures.resource("golden/redis.nft"));
		this.enforcement.enforce(Fixtures.document("mixed"), "test");
		assertThat(this.nft.last()).isEqualTo(Fixtures.update("redis", "mixed"));
	}

	@Test
	void otherOptionsReplaceTheWholeTable() throws NftException {
		this.enforcement.enforce(Fixtures.document("redis"), "test");
		assertThat(this.enforcement.consoleMoved(List.of(new Endpoint(IpAddress.parse("10.233.0.2"), 8443)))).isTrue();
		assertThat(this.nft.last()).startsWith("table inet mseg\ndelete table inet mseg\n")
			.contains("ip daddr 10.233.0.2 tcp dport 8443 accept");
		this.enforcement.enforce(Fixtures.document("mixed"), "test");
		assertThat(this.nft.last()).startsWith("add table inet mseg\n").doesNotContain("delete table");
	}

}
