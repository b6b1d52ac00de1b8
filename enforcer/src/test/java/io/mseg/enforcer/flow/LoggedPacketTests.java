package io.mseg.enforcer.flow;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;

import io.mseg.enforcer.nftables.FlowLogPrefix;
import io.mseg.enforcer.nftables.FlowLogPrefix.LoggedClass;
import io.mseg.policy.network.IpAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoggedPacketTests {

	private static final FlowLogPrefix PREFIX = new FlowLogPrefix("pu", true, LoggedClass.ALLOW, null);

	private static LoggedPacket parse(String hex) {
		return LoggedPacket.parse(Instant.EPOCH, PREFIX, ByteBuffer.wrap(HexFormat.of().parseHex(hex)));
	}

	@Test
	void readsAnIpv4TcpHeader() {
		// 10.0.0.2:40000 -> 10.0.0.1:443, SYN
		LoggedPacket packet = parse("4500003c1c4640004006000a0a0000020a000001" + "9c4001bb00000000000000000000000000");
		assertThat(packet.protocol()).isEqualTo(6);
		assertThat(packet.source()).isEqualTo(IpAddress.parse("10.0.0.2"));
		assertThat(packet.destination()).isEqualTo(IpAddress.parse("10.0.0.1"));
		assertThat(packet.destinationPort()).isEqualTo(443);
	}

	@Test
	void skipsIpv6ExtensionHeadersToTheUdpPorts() {
		// fd00::2 -> fd00::1, hop-by-hop (8 bytes) then UDP to 53
		String header = "6000000000100040" + "fd000000000000000000000000000002" + "fd000000000000000000000000000001";
		LoggedPacket packet = parse(header + "1100000000000000" + "d43100350008 0000".replace(" ", ""));
		assertThat(packet.protocol()).isEqualTo(17);
		assertThat(packet.destination()).isEqualTo(IpAddress.parse("fd00::1"));
		assertThat(packet.destinationPort()).isEqualTo(53);
	}

	@Test
	void aLaterFragmentHasNoPortAndIcmpNone() {
		LoggedPacket fragment = parse("4500003c1c4600104006000a0a0000020a000001" + "9c4001bb");
		assertThat(fragment.destinationPort()).isNull();
		LoggedPacket icmp = parse("4500001c000040004001000a0a0000020a000001" + "0800f7ff00000000");
		assertThat(icmp.protocol()).isEqualTo(1);
		assertThat(icmp.destinationPort()).isNull();
		assertThat(parse("45000014")).isNull();
	}

	@Test
	void prefixesReadBackWhatTheRulesWrite() {
		FlowLogPrefix observed = new FlowLogPrefix("5f0c", false, LoggedClass.OBSERVED_REJECT, "p-1");
		assertThat(FlowLogPrefix.parse(observed.text())).isEqualTo(observed);
		FlowLogPrefix defaultReject = new FlowLogPrefix(null, true, LoggedClass.DEFAULT_REJECT, null);
		assertThat(defaultReject.text()).isEqualTo("- I D");
		assertThat(FlowLogPrefix.parse(defaultReject.text())).isEqualTo(defaultReject);
		assertThat(FlowLogPrefix.parse("IN=eth0 OUT=")).isNull();
		assertThat(FlowLogPrefix.parse("pu I OA")).as("an observed class names its policy").isNull();
	}

}
