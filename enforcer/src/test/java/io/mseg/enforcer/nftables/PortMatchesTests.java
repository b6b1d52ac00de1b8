package io.mseg.enforcer.nftables;

import io.mseg.policy.port.ServicePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortMatchesTests {

	@Test
	void portsOfOneProtocolShareOneAnonymousSet() {
		assertThat(PortMatches.of(ServicePorts.of("tcp/443", "tcp/80", "udp/53", "tcp/8000:8080"), Family.V4))
			.containsExactly("tcp dport { 80, 443, 8000-8080 }", "udp dport 53");
	}

	@Test
	void overlappingPortRangesAreMerged() {
		assertThat(PortMatches.of(ServicePorts.of("tcp/80:90", "tcp/85:100", "tcp/200"), Family.V4))
			.containsExactly("tcp dport { 80-100, 200 }");
	}

	@Test
	void icmpTypesAndCodes() {
		assertThat(PortMatches.of(ServicePorts.of("icmp/8", "icmp/0", "icmp/3/0,1,4:10"), Family.V4))
			.containsExactly("icmp type { 0, 8 }", "icmp type 3 icmp code { 0, 1, 4-10 }");
		assertThat(PortMatches.of(ServicePorts.of("icmp/8", "icmp"), Family.V4)).containsExactly("meta l4proto icmp");
		assertThat(PortMatches.of(ServicePorts.of("icmp6/128", "icmp6/1/3"), Family.V6))
			.containsExactly("icmpv6 type 128", "icmpv6 type 1 icmpv6 code 3");
	}

	@Test
	void icmpBelongsToItsFamily() {
		assertThat(PortMatches.of(ServicePorts.of("icmp/8"), Family.V6)).isEmpty();
		assertThat(PortMatches.of(ServicePorts.of("icmp6/128"), Family.V4)).isEmpty();
		assertThat(PortMatches.of(ServicePorts.of("icmp/8", "icmp6/128"), null)).containsExactly("icmp type 8",
				"icmpv6 type 128");
	}

	@Test
	void otherProtocolsMatchByNumber() {
		assertThat(PortMatches.of(ServicePorts.of("gre", "esp", "sctp"), Family.V4))
			.containsExactly("meta l4proto { 47, 50, 132 }");
	}

	@Test
	void anyNeedsNoMatch() {
		assertThat(PortMatches.of(ServicePorts.ANY, Family.V4)).containsExactly("");
	}

}
