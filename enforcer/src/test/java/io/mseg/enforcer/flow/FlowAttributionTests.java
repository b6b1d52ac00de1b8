package io.mseg.enforcer.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.nftables.FlowLogPrefix;
import io.mseg.enforcer.nftables.FlowLogPrefix.LoggedClass;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which policy a logged connection is reported with: the first logged rule of the logged
 * class whose remote end and ports match, with its network, or its domain.
 */
class FlowAttributionTests {

	private static final RenderedPolicyTarget UNIT = new RenderedPolicyTarget("pu", "pu", "/", List.of("10.0.0.1"),
			List.of());

	/** As the console renders it: the network's ports are what the rule covers of it. */
	private static Rule rule(String id, boolean logs, List<String> ports, RemoteNetwork network) {
		RemoteNetwork covered = new RemoteNetwork(network.id(), network.name(), network.namespace(), network.entries(),
				network.excluded(), network.domains(), List.of(), ports);
		return new Rule(id, id, "/", null, "Allow", false, false, logs, ports, List.of(), List.of(covered));
	}

	private static RemoteNetwork network(String id, List<String> entries, List<String> excluded, List<String> domains) {
		return new RemoteNetwork(id, id, "/", entries, excluded, domains, List.of(), List.of());
	}

	private static LoggedPacket outgoing(String destination, int port) {
		return new LoggedPacket(Instant.EPOCH, new FlowLogPrefix("pu", false, LoggedClass.ALLOW, null), 6,
				IpAddress.parse("10.0.0.1"), IpAddress.parse(destination), port);
	}

	private static LoggedPacket incoming(String source, int port) {
		return new LoggedPacket(Instant.EPOCH, new FlowLogPrefix("pu", true, LoggedClass.ALLOW, null), 6,
				IpAddress.parse(source), IpAddress.parse("10.0.0.1"), port);
	}

	@Test
	void aNetworkWithoutEntriesIsNeverTheOneThatMatched() {
		// a source not fetched yet, and a network of exclusions alone: neither is "any"
		List<Rule> rules = List.of(rule("feed", true, List.of(), network("n-feed", List.of(), List.of(), List.of())),
				rule("excluded", true, List.of(),
						network("n-excluded", List.of(), List.of("10.0.0.0/8", "fd00::/8"), List.of())),
				rule("lan", true, List.of(), network("n-lan", List.of("192.0.2.0/24"), List.of(), List.of())));
		PolicyDocument document = new PolicyDocument("e", 1, List.of(new UnitPolicy(UNIT, rules, rules)), List.of());
		FlowAttribution attribution = new FlowAttribution((address) -> List.of("api.example.com"));
		for (LoggedPacket packet : List.of(outgoing("192.0.2.7", 443), incoming("192.0.2.7", 443))) {
			FlowKey key = attribution.attribute(packet, document);
			assertThat(key.policyId()).isEqualTo("lan");
			assertThat(key.externalNetworkId()).isEqualTo("n-lan");
			assertThat(key.domain()).isNull();
		}
	}

	@Test
	void theFirstLoggedRuleWhoseNetworkAndPortsMatchDecided() {
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			many.add("172." + (16 + i / 4096) + "." + ((i / 16) % 256) + "." + ((i % 16) * 16) + "/28");
		}
		many.add("172.20.0.0/16");
		PolicyDocument document = new PolicyDocument("e", 1, List.of(new UnitPolicy(UNIT, List.of(),
				List.of(rule("quiet", false, List.of(), network("n0", List.of("0.0.0.0/0"), List.of(), List.of())),
						rule("web", true, List.of("tcp/443"),
								network("n1", List.of("0.0.0.0/0"), List.of("192.0.2.0/24"), List.of())),
						rule("feed", true, List.of(), network("n2", many, List.of("172.16.9.0/24"), List.of())),
						rule("api", true, List.of(), network("n3", List.of(), List.of(), List.of("*.example.com")))))),
				List.of());
		FlowAttribution attribution = new FlowAttribution(
				(address) -> address.equals(IpAddress.parse("192.0.2.7")) ? List.of("api.example.com") : List.of());
		FlowKey web = attribution.attribute(outgoing("203.0.113.9", 443), document);
		assertThat(web.policyId()).isEqualTo("web");
		assertThat(web.externalNetworkId()).isEqualTo("n1");
		assertThat(attribution.attribute(outgoing("172.20.3.4", 80), document).externalNetworkId())
			.as("inside the feed, in one of 20,001 entries")
			.isEqualTo("n2");
		assertThat(attribution.attribute(outgoing("172.16.9.4", 80), document).policyId())
			.as("excluded from the feed: no logged rule matches, the class's first logged one is named")
			.isEqualTo("web");
		FlowKey api = attribution.attribute(outgoing("192.0.2.7", 80), document);
		assertThat(api.policyId()).isEqualTo("api");
		assertThat(api.domain()).isEqualTo("api.example.com");
		assertThat(api.externalNetworkId()).isEqualTo("n3");
		LoggedPacket defaultReject = new LoggedPacket(Instant.EPOCH,
				new FlowLogPrefix(null, true, LoggedClass.DEFAULT_REJECT, null), 17, IpAddress.parse("198.51.100.1"),
				IpAddress.parse("10.0.0.1"), 53);
		FlowKey rejected = attribution.attribute(defaultReject, document);
		assertThat(rejected.processingUnitId()).isEqualTo("pu");
		assertThat(rejected.reason()).isEqualTo("DefaultReject");
		assertThat(rejected.policyId()).isNull();
		assertThat(rejected.protocol()).isEqualTo("udp");
		LoggedPacket elsewhere = new LoggedPacket(Instant.EPOCH,
				new FlowLogPrefix(null, true, LoggedClass.DEFAULT_REJECT, null), 6, IpAddress.parse("198.51.100.1"),
				IpAddress.parse("10.0.0.99"), 22);
		assertThat(attribution.attribute(elsewhere, document)).as("no unit has the local address").isNull();
	}

}
