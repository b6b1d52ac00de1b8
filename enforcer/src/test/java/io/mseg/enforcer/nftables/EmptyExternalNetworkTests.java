package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.document.PolicySections;
import io.mseg.enforcer.nftables.RulesetOptions.FlowLogOptions;
import io.mseg.enforcer.support.Sectioned;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.mseg.enforcer.nftables.RulesetBuilderTests.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external network with no entries (a network whose source the console has not fetched
 * yet) at the remote end of a rule: the document carrying it is read, and the network
 * matches no address in either direction, for Allow and Reject alike. It contributes no
 * set and no rule (an empty anonymous set would not even parse), and never reads as "any
 * address": a rule without an address match would match every remote. The kernel half is
 * {@code EmptyExternalNetworkKernelTests}.
 */
class EmptyExternalNetworkTests {

	static final RenderedPolicyTarget UNIT = new RenderedPolicyTarget("pu", "pu", "/",
			List.of("10.233.0.1", "fd00:233::1"), List.of());

	static final List<String> KNOWN = List.of("10.233.0.1", "10.233.0.2", "fd00:233::1");

	private final List<String> warnings = new ArrayList<>();

	@ParameterizedTest
	@CsvSource({ "Allow, true", "Allow, false", "Reject, true", "Reject, false" })
	void aRuleWhoseOnlyRemoteIsAnEmptyNetworkMatchesNoAddress(String action, boolean incoming) {
		for (List<String> ports : List.<List<String>>of(List.of(), List.of("tcp/443"), List.of("tcp/443", "udp/53"))) {
			Rule rule = rule("p", action, ports, empty("feed"));
			Ruleset ruleset = build(Fixtures.OPTIONS, document(incoming, List.of(rule)));
			assertMatchesNothing(ruleset);
		}
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void aLoggedOrObservedRuleOfAnEmptyNetworkMatchesNoAddressEither() {
		Rule logged = new Rule("l", "l", "/", null, "Allow", false, false, true, List.of(), List.of(),
				List.of(empty("feed")));
		Rule observed = new Rule("o", "o", "/", null, "Reject", false, true, true, List.of(), List.of(),
				List.of(empty("feed")));
		RulesetOptions flowLogs = Fixtures.OPTIONS.withFlowLog(new FlowLogOptions(27, 100, 20));
		for (boolean incoming : new boolean[] { true, false }) {
			assertMatchesNothing(build(flowLogs, document(incoming, List.of(observed, logged))));
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aRejectOfAnEmptyNetworkDoesNotStandInFrontOfTheAllowsOfItsPorts(boolean incoming) {
		Ruleset ruleset = build(Fixtures.OPTIONS,
				document(incoming,
						List.of(rule("r", "Reject", List.of("tcp/443"), empty("feed")),
								rule("r-any", "Reject", List.of(), empty("feed2")),
								rule("a", "Allow", List.of("tcp/443"), network("lan", List.of("192.0.2.0/24"))))));
		assertThat(policyLines(ruleset, incoming)).containsExactly(
				incoming ? "ip daddr @u0_v4 ip saddr @remote_v4 tcp dport 443 counter accept comment \"allow: a [a]\""
						: "ip saddr @u0_v4 ip daddr @remote_v4 tcp dport 443 counter accept comment \"allow: a [a]\"");
		assertThat(remoteSets(ruleset)).singleElement()
			.satisfies((set) -> assertThat(set.elements()).containsExactly("192.0.2.0/24"));
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void anEmptyNetworkMergedIntoItsClassAddsNoAddressToTheSet(boolean incoming) {
		Ruleset ruleset = build(Fixtures.OPTIONS,
				document(incoming, List.of(rule("r1", "Reject", List.of("tcp/22"), empty("feed")),
						rule("r2", "Reject", List.of("tcp/22"), network("bad", List.of("198.51.100.0/24"))),
						rule("a", "Allow", List.of(), empty("feed"), network("lan", List.of("192.0.2.0/24"))))));
		String remote = incoming ? "ip saddr" : "ip daddr";
		assertThat(policyLines(ruleset, incoming)).hasSize(2)
			.satisfies((lines) -> assertThat(lines.get(0)).contains(remote + " @remote_v4 tcp dport 22 counter drop"))
			.satisfies((lines) -> assertThat(lines.get(1)).contains(remote + " @remote_v4 counter accept"));
		assertThat(remoteSets(ruleset)).extracting(NftSet::elements)
			.containsExactlyInAnyOrder(List.of("198.51.100.0/24"), List.of("192.0.2.0/24"));
	}

	@ParameterizedTest
	@CsvSource({ "Allow, true", "Allow, false", "Reject, true", "Reject, false" })
	void aNetworkOfExclusionsAloneMatchesNothingRatherThanEverythingButThem(String action, boolean incoming) {
		RemoteNetwork exclusionsOnly = new RemoteNetwork("x", "x", "/", List.of(), List.of("10.0.0.0/8", "fd00::/8"),
				List.of(), List.of(), List.of());
		assertMatchesNothing(
				build(Fixtures.OPTIONS, document(incoming, List.of(rule("p", action, List.of(), exclusionsOnly)))));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 3, NetworkAddresses.INCREMENTAL_MAX + 8 })
	void fromNoEntriesToEntriesAndBackIsAnIncrementalChangeOfTheNetworksSetAndRule(int count) {
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			entries.add("198.51." + (i / 256) + "." + (i % 256));
		}
		// one builder for all three, as the agent keeps it: the network's last ranges are
		// reused by its identity (same ID, namespace, name)
		RulesetBuilder builder = new RulesetBuilder(Fixtures.OPTIONS, this.warnings::add);
		for (boolean incoming : new boolean[] { true, false }) {
			PolicyDocument none = document(incoming, List.of(rule("r", "Reject", List.of("tcp/22"), empty("feed")),
					rule("a", "Allow", List.of("tcp/443"), empty("feed"))));
			PolicyDocument some = document(incoming,
					List.of(rule("r", "Reject", List.of("tcp/22"), network("feed", entries)),
							rule("a", "Allow", List.of("tcp/443"), network("feed", entries))));
			Ruleset before = builder.build(none);
			Ruleset filled = builder.build(some);
			Ruleset after = builder.build(none);

			assertMatchesNothing(before);
			assertThat(remoteSets(filled)).singleElement()
				.satisfies((set) -> assertThat(set.elements()).hasSize(count).allMatch((e) -> e.startsWith("198.51.")));
			assertThat(filled.policyRuleCount()).isEqualTo(2);
			assertThat(NftRenderer.script(filled)).isEqualTo(NftRenderer.script(build(Fixtures.OPTIONS, some)));
			assertMatchesNothing(after);
			assertThat(NftRenderer.script(after)).isEqualTo(NftRenderer.script(before));

			String fill = NftRenderer.update(before, filled).text();
			assertThat(fill).doesNotContain("delete table")
				.containsPattern("add set inet mseg remote_v4_[0-9a-f]{12} \\{")
				.containsPattern("add rule inet mseg u0_(in|out) .*@remote_v4_[0-9a-f]{12} tcp dport 22 counter drop")
				.containsPattern(
						"add rule inet mseg u0_(in|out) .*@remote_v4_[0-9a-f]{12} tcp dport 443 counter accept");
			assertNoEmptyAnonymousSet(fill);
			String empty = NftRenderer.update(filled, after).text();
			assertThat(empty).doesNotContain("delete table")
				.doesNotContainPattern("add rule .*@remote_")
				.containsPattern("delete chain inet mseg u0_(in|out)\n")
				.containsPattern("delete set inet mseg remote_v4_[0-9a-f]{12}\n");
			assertNoEmptyAnonymousSet(empty);
			assertThat(NftRenderer.update(before, after).commit()).isEqualTo("add table inet mseg\n");
		}
	}

	@Test
	void aNetworkWhoseDomainEntriesGoAwayStopsTheDnsInterceptionItStarted() {
		// a source changed to name another list: its entries, domains included, are gone
		RulesetOptions intercepting = Fixtures.OPTIONS.withDnsPort(15353);
		RulesetBuilder builder = new RulesetBuilder(intercepting, this.warnings::add);
		RemoteNetwork named = new RemoteNetwork("feed", "feed", "/", List.of(), List.of(), List.of("*.example.com"),
				List.of(), List.of());
		Ruleset withNames = builder.build(document(false, List.of(rule("a", "Allow", List.of("tcp/443"), named))));
		assertThat(withNames.domainSets()).isNotEmpty();
		assertThat(withNames.chains()).extracting(NftChain::name).contains("dns_intercept");
		Ruleset without = builder
			.build(document(false, List.of(rule("a", "Allow", List.of("tcp/443"), empty("feed")))));
		assertMatchesNothing(without);
		assertThat(without.chains()).extracting(NftChain::name).doesNotContain("dns_intercept");
		assertThat(without.sets()).extracting(NftSet::name).doesNotContain(DnsInterceptionRules.ALIVE_SET);
		assertThat(NftRenderer.script(without)).isEqualTo(NftRenderer.script(build(Fixtures.OPTIONS,
				document(false, List.of(rule("a", "Allow", List.of("tcp/443"), empty("feed")))))));
		String update = NftRenderer.update(withNames, without).text();
		assertThat(update).contains("delete chain inet mseg dns_intercept")
			.containsPattern("delete set inet mseg dns_v4_[0-9a-f]{12}\n");
		assertNoEmptyAnonymousSet(update);
	}

	@Test
	void aDocumentWithAnEmptyNetworkIsReadFromItsSectionsAsTheConsoleWritesThem() {
		// as the console writes them: every list present, the hidden network without
		// its ID, name and namespace (left out as null)
		String json = """
				{"enforcerID":"e","version":3,"processingUnits":[{"processingUnit":{"ID":"pu","name":"pu",
				"namespace":"/","addresses":["10.233.0.1"],"normalizedTags":[]},
				"incoming":[{"policyID":"r","policyName":"r","policyNamespace":"/","action":"Reject","fallback":false,
				"observed":false,"logsEnabled":false,"ports":[],"processingUnits":[],"externalNetworks":[
				{"ID":"feed","name":"feed","namespace":"/","entries":[],"excluded":[],"domains":[],
				"servicePorts":[],"ports":[]}]}],
				"outgoing":[{"policyID":"a","policyName":"a","policyNamespace":"/","action":"Allow","fallback":false,
				"observed":false,"logsEnabled":false,"ports":["tcp/443"],"processingUnits":[],"externalNetworks":[
				{"entries":[],"excluded":[],"domains":[],"servicePorts":[],"ports":["tcp/443"]}]}]}],
				"knownProcessingUnitAddresses":["10.233.0.1"]}
				""";
		Sectioned sectioned = Sectioned.of(json, 1);
		EnforcerPolicyIndex index = PolicySections.parseIndex(sectioned.index());
		assertThat(index.externalNetworks()).hasSize(2);
		PolicySections sections = new PolicySections();
		sections.add(index, sectioned.sections());
		PolicyDocument document = sections.assemble(index);
		assertThat(document).isEqualTo(PolicyDocuments.parse(json));
		UnitPolicy unit = document.processingUnits().get(0);
		assertThat(unit.incoming().get(0).externalNetworks()).singleElement()
			.isEqualTo(new RemoteNetwork("feed", "feed", "/", List.of(), List.of(), List.of(), List.of(), List.of()));
		assertThat(unit.outgoing().get(0).externalNetworks()).singleElement().satisfies((network) -> {
			assertThat(network.id()).isNull();
			assertThat(network.entries()).isEmpty();
			assertThat(network.ports()).containsExactly("tcp/443");
		});
		assertMatchesNothing(build(Fixtures.OPTIONS, document));
	}

	@Test
	void aLaterEmptyVersionOfANetworkReadFromSectionsMatchesNothingAgain() {
		String filled = """
				{"enforcerID":"e","version":1,"processingUnits":[{"processingUnit":{"ID":"pu","addresses":["10.233.0.1"]},
				"incoming":[{"policyID":"a","policyName":"a","policyNamespace":"/","action":"Allow","fallback":false,
				"observed":false,"logsEnabled":false,"ports":[],"processingUnits":[],"externalNetworks":[
				{"ID":"feed","name":"feed","namespace":"/","entries":["192.0.2.0/24"],"excluded":[],"domains":[],
				"servicePorts":[],"ports":[]}]}],"outgoing":[]}],
				"knownProcessingUnitAddresses":[]}
				""";
		String empty = filled.replace("\"version\":1", "\"version\":2").replace("\"192.0.2.0/24\"", "");
		RulesetBuilder builder = new RulesetBuilder(Fixtures.OPTIONS, this.warnings::add);
		PolicySections sections = new PolicySections();
		Ruleset first = builder.build(assemble(sections, filled));
		assertThat(first.policyRuleCount()).isEqualTo(1);
		Ruleset second = builder.build(assemble(sections, empty));
		assertMatchesNothing(second);
		assertThat(NftRenderer.update(first, second).text()).containsPattern("delete set inet mseg remote_v4_");
	}

	/** The document of a version, from the sections held and those it adds. */
	private static PolicyDocument assemble(PolicySections sections, String json) {
		Sectioned sectioned = Sectioned.of(json, 1);
		EnforcerPolicyIndex index = PolicySections.parseIndex(sectioned.index());
		sections.add(index, Map.copyOf(sectioned.sections()));
		sections.retain(index);
		return sections.assemble(index);
	}

	/**
	 * No rule of a policy, so no remote address is matched: every packet the unit's jumps
	 * lead to meets only the default reject; no address set of a remote end, no set of
	 * learned addresses; and the script is valid (nothing like {@code { }}).
	 */
	private static void assertMatchesNothing(Ruleset ruleset) {
		assertThat(ruleset.policyRuleCount()).isZero();
		for (boolean incoming : new boolean[] { true, false }) {
			assertThat(policyLines(ruleset, incoming)).isEmpty();
		}
		assertThat(remoteSets(ruleset)).isEmpty();
		assertThat(ruleset.sets()).noneMatch((set) -> set.elements().isEmpty() && !set.timeout());
		assertThat(ruleset.domainSets()).isEmpty();
		assertNoEmptyAnonymousSet(NftRenderer.script(ruleset));
	}

	/**
	 * The flat rules of the unit a packet meets before the default reject, but for the
	 * known units sent back to it ({@code ip saddr 10.233.0.2 return}).
	 */
	private static List<String> policyLines(Ruleset ruleset, boolean incoming) {
		List<String> lines = lines(ruleset, incoming ? "input" : "output");
		return lines.stream().filter((line) -> line.contains("@u0_v") && !line.endsWith(" return")).toList();
	}

	private static List<NftSet> remoteSets(Ruleset ruleset) {
		return ruleset.sets().stream().filter((set) -> set.name().startsWith("remote_")).toList();
	}

	/**
	 * {@code nft} refuses {@code { }} as a set; a named object with an empty body
	 * ({@code counter flowlog_unrecorded { }}) is fine.
	 */
	static void assertNoEmptyAnonymousSet(String script) {
		assertThat(script.lines().filter((line) -> line.matches(".*\\{\\s*}.*"))).allMatch(
				(line) -> line.strip().startsWith("counter ") || line.startsWith("add counter "), "a named counter");
		assertThat(script).doesNotContain("elements = { }").doesNotContain("@ ").doesNotContain("@\n");
	}

	private PolicyDocument document(boolean incoming, List<Rule> rules) {
		return new PolicyDocument("e", 1,
				List.of(new UnitPolicy(UNIT, incoming ? rules : List.of(), incoming ? List.of() : rules)), KNOWN);
	}

	private Ruleset build(RulesetOptions options, PolicyDocument document) {
		return new RulesetBuilder(options, this.warnings::add).build(document);
	}

	static Rule rule(String id, String action, List<String> ports, RemoteNetwork... networks) {
		List<RemoteNetwork> covered = new ArrayList<>();
		for (RemoteNetwork network : networks) {
			// as the console renders it: the rule's ports are what it covers of the
			// network
			covered.add(new RemoteNetwork(network.id(), network.name(), network.namespace(), network.entries(),
					network.excluded(), network.domains(), network.servicePorts(), ports));
		}
		return new Rule(id, id, "/", null, action, false, false, false, ports, List.of(), covered);
	}

	static RemoteNetwork empty(String id) {
		return network(id, List.of());
	}

	static RemoteNetwork network(String id, List<String> entries) {
		return new RemoteNetwork(id, id, "/", entries, List.of(), List.of(), List.of(), List.of());
	}

}
