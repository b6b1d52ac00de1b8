package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class RulesetBuilderTests {

	private final List<String> warnings = new ArrayList<>();

	@Test
	void withoutAPolicyOnlyTheFrameAndTheDefaultRejectAreRendered() {
		Ruleset ruleset = build(null);
		assertThat(ruleset.sets()).extracting(NftSet::type, NftSet::elements)
			.containsExactly(tuple("inet_service", List.of("53", "67")));
		assertThat(ruleset.policyRuleCount()).isZero();
		assertThat(lines(ruleset, "input")).containsExactly("ct state established,related accept",
				"ip saddr 10.233.0.1 tcp sport 8443 tcp flags != syn / syn,ack accept comment \"console\"",
				"ct state invalid drop", "iif \"lo\" accept",
				"icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert, "
						+ "nd-redirect } accept comment \"ipv6 neighbour discovery\"",
				"tcp dport 22 accept comment \"failsafe\"", "udp dport 68 accept comment \"failsafe\"",
				"counter drop comment \"default reject\"");
	}

	@Test
	void theConsoleIsReachableBothWaysBeforeConntrackJudgesAndBeforeAnyPolicyRule() {
		RulesetOptions options = Fixtures.OPTIONS.withConsole(List.of(new Endpoint(IpAddress.parse("10.0.0.1"), 8443),
				new Endpoint(IpAddress.parse("10.0.0.2"), 8443), new Endpoint(IpAddress.parse("fd00::1"), 8443)));
		Ruleset ruleset = new RulesetBuilder(options, this.warnings::add)
			.build(document(unit("10.233.0.1"), List.of(rule("p", "Reject", List.of(), remote("10.0.0.1"))),
					List.of(rule("q", "Reject", List.of(), remote("10.0.0.1")))));
		List<String> output = lines(ruleset, "output");
		assertThat(output.subList(0, 4)).containsExactly("ct state established,related accept",
				"ip daddr { 10.0.0.1, 10.0.0.2 } tcp dport 8443 accept comment \"console\"",
				"ip6 daddr fd00::1 tcp dport 8443 accept comment \"console\"", "ct state invalid drop");
		// Inbound: the console's packets of a connection conntrack first sees mid-stream,
		// never a SYN opening one.
		List<String> input = lines(ruleset, "input");
		assertThat(input.subList(0, 4)).containsExactly("ct state established,related accept",
				"ip saddr { 10.0.0.1, 10.0.0.2 } tcp sport 8443 tcp flags != syn / syn,ack accept comment \"console\"",
				"ip6 saddr fd00::1 tcp sport 8443 tcp flags != syn / syn,ack accept comment \"console\"",
				"ct state invalid drop");
		assertThat(indexOfFirst(input, "reject:")).isGreaterThan(3);
		assertThat(indexOfFirst(output, "reject:")).isGreaterThan(3);
	}

	@Test
	void rulesFollowTheVerdictClassesAfterTheFrameAndBeforeTheDefault() {
		PolicyDocument document = document(unit("10.233.0.1"),
				List.of(fallback(rule("fa", "Allow", List.of(), remote("10.9.0.4"))),
						rule("a", "Allow", List.of("tcp/80"), remote("10.9.0.2")),
						fallback(rule("fr", "Reject", List.of(), remote("10.9.0.3"))),
						rule("r", "Reject", List.of("tcp/80"), remote("10.9.0.1"))),
				List.of());
		List<String> input = lines(build(document), "input");
		assertThat(input.subList(Fixtures.INPUT_FRAME, input.size())).containsExactly(
				"ip daddr @u0_v4 ip saddr 10.9.0.1 tcp dport 80 counter drop comment \"reject: r [r]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.2 tcp dport 80 counter accept comment \"allow: a [a]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.3 counter drop comment \"fallback reject: fr [fr]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.4 counter accept comment \"fallback allow: fa [fa]\"",
				"counter drop comment \"default reject\"");
	}

	@Test
	void remoteUnitsOfOneClassShareOneChainThroughAVerdictMapPerFamily() {
		Ruleset ruleset = build(document(unit("fd00:233::1"),
				List.of(rule("a", "Allow", List.of("tcp/443"), remote("fd00:233::2", "fd00:233::3"))), List.of()));
		assertThat(names(ruleset)).containsExactly("u0_v6", "u0_in_units_v6");
		NftSet map = set(ruleset, "u0_in_units_v6");
		assertThat(map.type()).isEqualTo("ipv6_addr : verdict");
		assertThat(map.map()).isTrue();
		assertThat(map.elements()).hasSize(2).allMatch((element) -> element.contains(" : goto u0_in_v6_"));
		// one class: both addresses go to the same chain
		assertThat(map.elements().stream().map((element) -> element.substring(element.indexOf(" : "))).distinct())
			.hasSize(1);
		assertThat(chainLines(ruleset, "u0_in")).containsExactly("ip6 saddr vmap @u0_in_units_v6");
		assertThat(lines(ruleset, "input")).contains(
				"ip6 daddr @u0_v6 ip6 saddr fd00:233::2 tcp dport 443 counter accept comment \"allow: a [a]\"",
				"ip6 daddr @u0_v6 ip6 saddr fd00:233::3 tcp dport 443 counter accept comment \"allow: a [a]\"");
		assertThat(ruleset.policyRuleCount()).isEqualTo(1);
	}

	@Test
	void aFamilyTheProtectedUnitDoesNotHaveGetsNoRule() {
		Ruleset ruleset = build(document(unit("10.233.0.1"),
				List.of(rule("a", "Allow", List.of(), remote("10.233.0.2", "fd00:233::2"))), List.of()));
		assertThat(names(ruleset)).containsExactly("u0_v4", "u0_in_units_v4");
		assertThat(set(ruleset, "u0_in_units_v4").elements()).hasSize(1);
		assertThat(ruleset.policyRuleCount()).isEqualTo(1);
	}

	@Test
	void exclusionsAreCutOutOfTheExternalNetworkSet() {
		Ruleset ruleset = build(document(unit("10.233.0.1"),
				List.of(rule("a", "Allow", List.of(), List.of(),
						List.of(network(List.of("0.0.0.0/0"), List.of("10.0.0.0/8", "192.168.0.0/16"), List.of())))),
				List.of()));
		assertThat(set(ruleset, "remote_v4").elements()).containsExactly("0.0.0.0-9.255.255.255",
				"11.0.0.0-192.167.255.255", "192.169.0.0-255.255.255.255");
	}

	@Test
	void externalNetworksNeverMatchKnownProcessingUnitAddressesButRemoteUnitsDo() {
		PolicyDocument document = new PolicyDocument("e", 1,
				List.of(new UnitPolicy(unit("10.233.0.1"),
						List.of(rule("a", "Allow", List.of(), remote("10.233.0.2"),
								List.of(network(List.of("10.233.0.0/24"), List.of(), List.of())))),
						List.of())),
				List.of("10.233.0.1", "10.233.0.2"));
		List<String> input = lines(build(document), "input");
		// a known unit that no rule names returns before the networks' rules
		assertThat(input.subList(Fixtures.INPUT_FRAME, input.size())).containsExactly(
				"ip daddr @u0_v4 ip saddr 10.233.0.1 return",
				"ip daddr @u0_v4 ip saddr 10.233.0.2 counter accept comment \"allow: a [a]\"",
				"ip daddr @u0_v4 ip saddr @remote_v4 counter accept comment \"allow: a [a]\"",
				"counter drop comment \"default reject\"");
	}

	@Test
	void domainEntriesOfIncomingRulesMatchNothingAndSaySo() {
		Ruleset ruleset = build(document(
				unit("10.233.0.1"), List
					.of(rule("a", "Allow", List.of(), List.of(),
							List.of(network(List.of(), List.of(), List.of("*.example.com")),
									network(List.of("192.0.2.0/24"), List.of(), List.of("api.example.org"))))),
				List.of()));
		assertThat(this.warnings).hasSize(2);
		assertThat(this.warnings.get(0)).contains("*.example.com").contains("match nothing for incoming traffic");
		assertThat(set(ruleset, "remote_v4").elements()).containsExactly("192.0.2.0/24");
		assertThat(ruleset.policyRuleCount()).isEqualTo(1);
		assertThat(ruleset.domainSets()).isEmpty();
	}

	@Test
	void domainEntriesOfOutgoingRulesMatchSetsOfLearnedAddressesRedirectingDns() {
		PolicyDocument document = document(unit("10.233.0.1", "fd00:233::1"), List.of(),
				List.of(rule("a", "Allow", List.of("tcp/443"), List.of(),
						List.of(network(List.of(), List.of(), List.of("*.example.com", "api.example.org")),
								network(List.of("192.0.2.0/24"), List.of(), List.of("api.example.org"))))));
		Ruleset ruleset = new RulesetBuilder(Fixtures.OPTIONS.withDnsPort(15353), this.warnings::add).build(document);
		assertThat(this.warnings).isEmpty();
		assertThat(ruleset.domainSets()).extracting(DomainSet::family).containsExactly(Family.V4, Family.V6);
		DomainSet v4 = ruleset.domainSets().get(0);
		assertThat(v4.patterns()).extracting(Object::toString).containsExactly("*.example.com", "api.example.org");
		assertThat(v4.matches("a.b.example.com")).isTrue();
		assertThat(v4.matches("example.com")).isFalse();
		assertThat(set(ruleset, "dns_v4").timeout()).isTrue();
		assertThat(lines(ruleset, "output")).contains(
				"ip saddr @u0_v4 ip daddr @remote_v4 counter accept comment \"allow: a [a]\"",
				"ip saddr @u0_v4 ip daddr @dns_v4 counter accept comment \"allow: a [a]\"",
				"ip6 saddr @u0_v6 ip6 daddr @dns_v6 counter accept comment \"allow: a [a]\"");
		assertThat(chainLines(ruleset, "output")).contains(
				"meta l4proto { tcp, udp } th dport 15353 ct status dnat accept comment \"dns interception\"",
				"meta mark 0x6d736567 udp dport 53 accept comment \"dns forwarding\"",
				"meta mark 0x6d736567 tcp dport 53 accept comment \"dns forwarding\"");
		assertThat(chainLines(ruleset, "dns_intercept")).containsExactly(
				"meta mark 0x6d736567 return comment \"dns forwarding\"",
				"udp dport @dns_alive redirect to :15353 comment \"dns interception\"",
				"tcp dport @dns_alive redirect to :15353 comment \"dns interception\"");
		assertThat(NftRenderer.script(ruleset,
				(set) -> set.name().equals(DnsInterceptionRules.ALIVE_SET)
						? List.of(DnsInterceptionRules.aliveElement()) : List.of("192.0.2.7 timeout 42s")))
			.contains("type nat hook output priority -100; policy accept;")
			.contains("type inet_service; flags timeout;\n    elements = { 53 timeout 15s expires 15s }")
			.contains("type ipv4_addr; flags timeout;\n    elements = { 192.0.2.7 timeout 42s }");
	}

	@Test
	void withoutInterceptionDomainEntriesMatchEmptySetsAndNothingIsRedirected() {
		PolicyDocument document = document(unit("10.233.0.1"), List.of(), List.of(rule("a", "Allow", List.of(),
				List.of(), List.of(network(List.of(), List.of(), List.of("api.example.org"))))));
		Ruleset ruleset = build(document);
		assertThat(lines(ruleset, "output"))
			.contains("ip saddr @u0_v4 ip daddr @dns_v4 counter accept comment \"allow: a [a]\"");
		assertThat(ruleset.chains()).extracting(NftChain::name).doesNotContain("dns_intercept");
		assertThat(ruleset.sets()).extracting(NftSet::name).doesNotContain(DnsInterceptionRules.ALIVE_SET);
		assertThat(chainLines(ruleset, "output")).noneMatch((line) -> line.contains("dns forwarding"));
	}

	@Test
	void externalNetworksWithTheSamePortsShareOneSetAndOverlapsAreMerged() {
		Ruleset ruleset = build(document(unit("10.233.0.1"),
				List.of(rule("a", "Allow", List.of(), List.of(),
						List.of(network(List.of("192.0.2.0/24"), List.of(), List.of(), "tcp/443"),
								network(List.of("192.0.2.128/25", "198.51.100.1"), List.of(), List.of(), "tcp/443"),
								network(List.of("203.0.113.0/24"), List.of(), List.of(), "udp/53")))),
				List.of()));
		assertThat(ruleset.sets()).extracting(NftSet::elements)
			.contains(List.of("192.0.2.0/24", "198.51.100.1"), List.of("203.0.113.0/24"));
		assertThat(ruleset.policyRuleCount()).isEqualTo(2);
	}

	@Test
	void theRuleCountDoesNotGrowWithAddressesOrPorts() {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			addresses.add("10.1." + (i / 250) + "." + (i % 250));
		}
		List<String> ports = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			ports.add("tcp/" + (1000 + i * 3));
		}
		Ruleset ruleset = build(document(unit("10.233.0.1"), List
			.of(rule("a", "Allow", ports, List.of(new RenderedRemoteProcessingUnit(null, null, null, addresses)))),
				List.of()));
		assertThat(ruleset.policyRuleCount()).isEqualTo(1);
		assertThat(set(ruleset, "u0_in_units_v4").elements()).hasSize(500);
	}

	@Test
	void addressesNamedByTheSameRulesAreOneClassInEvaluationOrder() {
		Ruleset ruleset = build(document(unit("10.233.0.1"),
				List.of(rule("a", "Allow", List.of("tcp/80"), remote("10.9.0.1", "10.9.0.2")),
						rule("b", "Reject", List.of("tcp/81"), remote("10.9.0.2", "10.9.0.1")),
						rule("c", "Allow", List.of(), remote("10.9.0.3"))),
				List.of(rule("d", "Allow", List.of(), remote("10.9.0.1", "10.9.0.2")))));
		assertThat(names(ruleset)).containsExactly("u0_v4", "u0_in_units_v4", "u0_out_units_v4");
		List<String> classes = ruleset.chains()
			.stream()
			.map(NftChain::name)
			.filter((name) -> name.startsWith("u0_in_v4_"))
			.toList();
		assertThat(classes).hasSize(2);
		assertThat(lines(ruleset, "input").subList(Fixtures.INPUT_FRAME, Fixtures.INPUT_FRAME + 5)).containsExactly(
				"ip daddr @u0_v4 ip saddr 10.9.0.1 tcp dport 81 counter drop comment \"reject: b [b]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.1 tcp dport 80 counter accept comment \"allow: a [a]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.2 tcp dport 81 counter drop comment \"reject: b [b]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.2 tcp dport 80 counter accept comment \"allow: a [a]\"",
				"ip daddr @u0_v4 ip saddr 10.9.0.3 counter accept comment \"allow: c [c]\"");
		assertThat(lines(ruleset, "output")).contains(
				"ip saddr @u0_v4 ip daddr 10.9.0.1 counter accept comment \"allow: d [d]\"",
				"ip saddr @u0_v4 ip daddr 10.9.0.2 counter accept comment \"allow: d [d]\"");
		assertThat(ruleset.policyRuleCount()).isEqualTo(4);
	}

	@Test
	void anyPortMeansNoPortMatch() {
		assertThat(lines(build(
				document(unit("10.233.0.1"), List.of(rule("a", "Allow", List.of(), remote("10.9.0.1"))), List.of())),
				"input"))
			.contains("ip daddr @u0_v4 ip saddr 10.9.0.1 counter accept comment \"allow: a [a]\"");
	}

	@Test
	void icmpOnlyRulesAreNotRenderedForIpv6AndViceVersa() {
		Ruleset ruleset = build(document(unit("10.233.0.1", "fd00::1"),
				List.of(rule("a", "Allow", List.of("icmp/8"), remote("10.9.0.1", "fd00::9")),
						rule("b", "Allow", List.of("icmp6/128/0"), remote("10.9.0.1", "fd00::9"))),
				List.of()));
		assertThat(lines(ruleset, "input")).contains(
				"ip daddr @u0_v4 ip saddr 10.9.0.1 icmp type 8 counter accept comment \"allow: a [a]\"",
				"ip6 daddr @u0_v6 ip6 saddr fd00::9 icmpv6 type 128 icmpv6 code 0 counter accept comment \"allow: b [b]\"");
		assertThat(ruleset.policyRuleCount()).isEqualTo(2);
	}

	@Test
	void aRemoteUnitWhoseRulesMatchNothingInAFamilyStillNeverReachesTheNetworks() {
		Ruleset ruleset = build(document(
				unit("fd00::1"), List.of(rule("a", "Allow", List.of("icmp/8"), remote("fd00::9")), rule("n", "Allow",
						List.of(), List.of(), List.of(network(List.of("fd00::/64"), List.of(), List.of())))),
				List.of()));
		assertThat(lines(ruleset, "input").subList(Fixtures.INPUT_FRAME, Fixtures.INPUT_FRAME + 2)).containsExactly(
				"ip6 daddr @u0_v6 ip6 saddr fd00::9 return",
				"ip6 daddr @u0_v6 ip6 saddr @remote_v6 counter accept comment \"allow: n [n]\"");
	}

	@Test
	void observedRulesCountWithoutAVerdictBeforeTheDecidingRules() {
		Rule observed = new Rule("o", "o", "/", null, "Reject", false, true, false, List.of("tcp/80"),
				remote("10.9.0.1"), List.of());
		List<String> input = lines(
				build(document(unit("10.233.0.1"),
						List.of(rule("a", "Allow", List.of("tcp/80"), remote("10.9.0.2")), observed), List.of())),
				"input");
		assertThat(input.get(Fixtures.INPUT_FRAME))
			.isEqualTo("ip daddr @u0_v4 ip saddr 10.9.0.1 tcp dport 80 counter comment \"observe reject: o [o]\"");
		assertThat(input.get(Fixtures.INPUT_FRAME + 1)).endsWith("counter accept comment \"allow: a [a]\"");
	}

	@Test
	void outgoingRulesMatchTheUnitAsSourceAndTheRemoteAsDestination() {
		assertThat(lines(build(document(unit("10.233.0.1"), List.of(),
				List.of(rule("a", "Allow", List.of("udp/53"), remote("10.9.0.1"))))), "output"))
			.contains("ip saddr @u0_v4 ip daddr 10.9.0.1 udp dport 53 counter accept comment \"allow: a [a]\"");
	}

	@Test
	void severalProcessingUnitsHaveTheirOwnLocalSets() {
		PolicyDocument document = new PolicyDocument("e", 1,
				List.of(new UnitPolicy(unit("10.233.0.1"), List.of(rule("a", "Allow", List.of(), remote("10.9.0.1"))),
						List.of()),
						new UnitPolicy(unit("10.233.0.2"), List.of(rule("b", "Allow", List.of(), remote("10.9.0.2"))),
								List.of())),
				List.of());
		Ruleset ruleset = build(document);
		assertThat(names(ruleset)).containsExactly("u0_v4", "u0_in_units_v4", "u1_v4", "u1_in_units_v4");
		assertThat(lines(ruleset, "input")).contains(
				"ip daddr @u0_v4 ip saddr 10.9.0.1 counter accept comment \"allow: a [a]\"",
				"ip daddr @u1_v4 ip saddr 10.9.0.2 counter accept comment \"allow: b [b]\"");
	}

	@Test
	void rejectCanAnswerWithAnIcmpError() {
		RulesetOptions options = new RulesetOptions("t", List.of(), null, null, RejectStyle.ICMP);
		Ruleset ruleset = new RulesetBuilder(options, this.warnings::add).build(
				document(unit("10.233.0.1"), List.of(rule("r", "Reject", List.of(), remote("10.9.0.1"))), List.of()));
		assertThat(lines(ruleset, "input")).contains(
				"ip daddr @u0_v4 ip saddr 10.9.0.1 counter reject with icmpx type admin-prohibited comment \"reject: r [r]\"",
				"counter reject with icmpx type admin-prohibited comment \"default reject\"");
		assertThat(lines(ruleset, "input")).noneMatch((line) -> line.contains("failsafe"));
	}

	@Test
	void commentsCannotBreakOutOfTheirQuotes() {
		Rule rule = new Rule("id\"; flush ruleset", "x\" drop; \\n", "/", null, "Allow", false, false, false, List.of(),
				remote("10.9.0.1"), List.of());
		String script = NftRenderer.script(build(document(unit("10.233.0.1"), List.of(rule), List.of())));
		assertThat(script).contains("comment \"allow: x_ drop; _n [id_; flush ruleset]\"");
	}

	@Test
	void unreadablePortsOrAddressesRefuseTheWholeDocument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> build(document(unit("10.233.0.1"),
					List.of(rule("a", "Allow", List.of("tcp/99999"), remote("10.9.0.1"))), List.of())))
			.withMessageContaining("tcp/99999");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> build(document(unit("10.233.0.1"),
					List.of(rule("a", "Allow", List.of(), remote("10.9.0.300"))), List.of())))
			.withMessageContaining("10.9.0.300");
	}

	@Test
	void theTableIsReplacedAtomicallyAndNothingElseIsTouched() {
		String script = NftRenderer.script(build(null));
		assertThat(script).startsWith("table inet mseg\ndelete table inet mseg\ntable inet mseg {\n");
		assertThat(script.lines().filter((line) -> !line.startsWith(" ") && !line.equals("}")))
			.containsExactly("table inet mseg", "delete table inet mseg", "table inet mseg {");
	}

	private Ruleset build(PolicyDocument document) {
		return new RulesetBuilder(Fixtures.OPTIONS, this.warnings::add).build(document);
	}

	/**
	 * The rules of a base chain as one flat list of what a packet meets, hashes cut off
	 * set names: a jump ({@code ip daddr @u0_v4 jump u0_in}) is replaced by that chain's
	 * rules, each behind the jump's match (those of another family left out); a verdict
	 * map ({@code ip saddr vmap @u0_in_units_v4}) by, per element, the rules of its chain
	 * behind the element's address ({@code ip saddr 10.9.0.1 tcp dport 80 ...}), or
	 * {@code ip saddr 10.9.0.1 return}.
	 */
	static List<String> lines(Ruleset ruleset, String chain) {
		List<String> lines = new ArrayList<>();
		for (NftRule rule : chain(ruleset, chain).rules()) {
			String line = NftRenderer.text(rule);
			int jump = line.indexOf(" jump ");
			int vmap = line.indexOf(" vmap @");
			if (jump >= 0) {
				String match = line.substring(0, jump);
				String family = match.substring(0, match.indexOf(' ') + 1);
				for (String inner : lines(ruleset, line.substring(jump + 6))) {
					if (!inner.startsWith("ip") || inner.startsWith(family)) {
						lines.add(plain(match) + " " + inner);
					}
				}
			}
			else if (vmap >= 0) {
				String match = line.substring(0, vmap);
				NftSet map = ruleset.sets()
					.stream()
					.filter((set) -> set.name().equals(line.substring(vmap + 7)))
					.findFirst()
					.orElseThrow();
				for (String element : map.elements()) {
					String[] parts = element.split(" : ");
					if (parts[1].startsWith("goto ")) {
						for (String inner : lines(ruleset, parts[1].substring(5))) {
							lines.add(match + " " + parts[0] + " " + inner);
						}
					}
					else {
						lines.add(match + " " + parts[0] + " " + parts[1]);
					}
				}
			}
			else {
				lines.add(plain(line));
			}
		}
		return lines;
	}

	/** The rules of one chain as written, hashes cut off set names. */
	static List<String> chainLines(Ruleset ruleset, String chain) {
		return chain(ruleset, chain).rules().stream().map((rule) -> plain(NftRenderer.text(rule))).toList();
	}

	private static NftChain chain(Ruleset ruleset, String name) {
		return ruleset.chains().stream().filter((chain) -> chain.name().equals(name)).findFirst().orElseThrow();
	}

	private static int indexOfFirst(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Cuts the content hash off set names: {@code @remote_v4_0a1b2c3d4e5f} is
	 * {@code @remote_v4}.
	 */
	static String plain(String text) {
		return text.replaceAll("_[0-9a-f]{12}\\b", "");
	}

	/** The names of the address sets and maps, without their hash. */
	static List<String> names(Ruleset ruleset) {
		return ruleset.sets()
			.stream()
			.filter((set) -> set.type().endsWith("_addr") || set.map())
			.map((set) -> plain(set.name()))
			.toList();
	}

	/** The only set of that name once its hash is cut off. */
	private static NftSet set(Ruleset ruleset, String name) {
		List<NftSet> sets = ruleset.sets().stream().filter((set) -> plain(set.name()).equals(name)).toList();
		assertThat(sets).hasSize(1);
		return sets.get(0);
	}

	static PolicyDocument document(RenderedPolicyTarget unit, List<Rule> incoming, List<Rule> outgoing) {
		return new PolicyDocument("e", 1, List.of(new UnitPolicy(unit, incoming, outgoing)), List.of());
	}

	static RenderedPolicyTarget unit(String... addresses) {
		return new RenderedPolicyTarget("pu", "pu", "/", List.of(addresses), List.of());
	}

	static List<RenderedRemoteProcessingUnit> remote(String... addresses) {
		return List.of(new RenderedRemoteProcessingUnit("r", "r", "/", List.of(addresses)));
	}

	static Rule rule(String id, String action, List<String> ports, List<RenderedRemoteProcessingUnit> units) {
		return rule(id, action, ports, units, List.of());
	}

	static Rule rule(String id, String action, List<String> ports, List<RenderedRemoteProcessingUnit> units,
			List<RemoteNetwork> networks) {
		return new Rule(id, id, "/", null, action, false, false, false, ports, units, networks);
	}

	private static Rule fallback(Rule rule) {
		return new Rule(rule.policyId(), rule.policyName(), rule.policyNamespace(), null, rule.action(), true, false,
				false, rule.ports(), rule.processingUnits(), rule.externalNetworks());
	}

	private static RemoteNetwork network(List<String> entries, List<String> excluded, List<String> domains,
			String... ports) {
		return new RemoteNetwork("n", "n", "/", entries, excluded, domains, List.of(ports), List.of(ports));
	}

	static {
		ServicePorts.of();
	}

}
