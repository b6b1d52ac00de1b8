package io.mseg.e2e.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random set of external networks and network policies over the namespaces
 * {@code /acme}, {@code /acme/prod} and {@code /acme/dev}, for the differential verdict
 * test: Allow and Reject, the three modes, fallback, disabled and observation policies,
 * propagated or not, with and without {@code ports}, tag expressions with OR, AND and
 * {@code key=*}, and external networks with and without {@code servicePorts}, with
 * {@code !CIDR} exclusions, propagated or not, some of them covering processing units'
 * addresses (which must never match as external), and domain entries (exact names and
 * {@code *.} wildcards) next to address entries or alone, matching some of the lab's
 * {@link #NAMES} and not others (a bare domain under its wildcard, a CNAME's target, a
 * domain nobody looks up), one of them a processing unit's name. One network of each
 * scenario takes its entries from a feed instead ({@link Item#feed()}: addresses and
 * CIDRs, one a line, as a feed of the {@code text} format publishes them), which the test
 * publishes and gives the network as its {@code source}.
 * <p>
 * The tag vocabulary is the differential test's hosts' ({@code app}, {@code tier}) and
 * the networks' ({@code net}, {@code zone}), plus a tag nobody has.
 *
 * @param networks the external networks: {@link Item}s of {@code /externalnetworks}
 * @param policies the policies: {@link Item}s of {@code /networkaccesspolicies}
 */
public record PolicyScenario(List<Item> networks, List<Item> policies) {

	/** The namespaces objects are created in. */
	public static final List<String> NAMESPACES = List.of("/acme", "/acme/prod", "/acme/dev");

	private static final List<String> UNIT_TAGS = List.of("app=web", "app=db", "app=ops", "tier=front", "tier=back",
			"app=*", "tier=*", "$identity=processingunit", "app=none");

	private static final List<String> BROAD_UNIT_TAGS = List.of("app=*", "tier=*", "$identity=processingunit");

	private static final List<String> NETWORK_TAGS = List.of("net=a", "net=b", "net=c", "zone=out", "net=*",
			"$identity=externalnetwork");

	private static final List<String> V4_ENTRIES = List.of("10.233.0.101", "10.233.0.102/32", "10.233.0.96/28",
			"10.233.0.0/24", "0.0.0.0/0", "10.233.0.21", "192.0.2.0/24");

	private static final List<String> V6_ENTRIES = List.of("fd00:233::65", "fd00:233::66/128", "fd00:233::60/124",
			"fd00:233::/64", "::/0", "fd00:233::16", "2001:db8::/32");

	/** Exclusions allowed under an included entry (they must lie inside one). */
	private static final Map<String, List<String>> EXCLUSIONS = Map.of("10.233.0.0/24",
			List.of("!10.233.0.102/32", "!10.233.0.96/28", "!10.233.0.16/28"), "0.0.0.0/0",
			List.of("!10.233.0.102/32", "!10.233.0.16/28"), "10.233.0.96/28", List.of("!10.233.0.101/32"),
			"fd00:233::/64", List.of("!fd00:233::66/128", "!fd00:233::10/124"), "::/0",
			List.of("!fd00:233::66/128", "!fd00:233::60/124"), "fd00:233::60/124", List.of("!fd00:233::65/128"));

	/**
	 * What the lab's DNS server answers: the names the differential test looks up, each
	 * with addresses of its own, so that an address learned for one name never opens
	 * another. Some addresses lie inside {@link #V4_ENTRIES}' and {@link #V6_ENTRIES}'
	 * blocks and exclusions, others only inside the widest ones.
	 */
	public static final List<Name> NAMES = List.of(
			new Name("api.svc.mseg.test", "api.svc.mseg.test", "ext1", "10.233.0.105", "fd00:233::69"),
			new Name("db.svc.mseg.test", "db.svc.mseg.test", "ext2", "10.233.0.130", "fd00:233::82"),
			// The bare domain of *.svc.mseg.test.
			new Name("svc.mseg.test", "svc.mseg.test", "ext1", "10.233.0.131", "fd00:233::83"),
			new Name("x.deep.svc.mseg.test", "x.deep.svc.mseg.test", "ext2", "10.233.0.106", "fd00:233::6a"),
			new Name("www.other.mseg.test", "www.other.mseg.test", "ext1", "10.233.0.140", "fd00:233::8c"),
			// Only the name looked up counts, not the CNAME's target.
			new Name("alias.mseg.test", "end.elsewhere.test", "ext2", "10.233.0.141", "fd00:233::8d"),
			// db1's own addresses: never an external host, whatever entry matches it.
			new Name("unit.mseg.test", "unit.mseg.test", "db1", "10.233.0.22", "fd00:233::16"));

	private static final List<String> DOMAIN_ENTRIES = List.of("api.svc.mseg.test", "*.svc.mseg.test", "svc.mseg.test",
			"*.deep.svc.mseg.test", "www.other.mseg.test", "*.mseg.test", "alias.mseg.test", "*.elsewhere.test",
			"unit.mseg.test", "*.nowhere.test");

	private static final List<String> PORTS = List.of("tcp/443", "tcp/6379", "tcp/6380:6381", "udp/5353", "udp/6379",
			"tcp/8080", "udp/1:65535", "tcp/1:1024");

	/**
	 * One object to create.
	 *
	 * @param namespace its namespace
	 * @param body its fields (for a network fed from a feed: all but its {@code source})
	 * @param feed the entries its feed publishes, one a line, or {@code null} for an
	 * object without a feed
	 */
	public record Item(String namespace, Map<String, Object> body, List<String> feed) {

		public Item(String namespace, Map<String, Object> body) {
			this(namespace, body, null);
		}

		public String name() {
			return (String) this.body.get("name");
		}

		/** Whether it is an external network (else a policy). */
		public boolean network() {
			return this.body.containsKey("associatedTags");
		}

		@Override
		public String toString() {
			return this.namespace + " " + this.body + ((this.feed != null) ? " fed with " + this.feed : "");
		}

	}

	/**
	 * A name the lab's DNS server answers.
	 *
	 * @param name the name
	 * @param canonical the end of its CNAME chain (the name itself when it has none)
	 * @param host the lab host that holds its addresses
	 * @param v4 its IPv4 address (its only A record)
	 * @param v6 its IPv6 address (its only AAAA record)
	 */
	public record Name(String name, String canonical, String host, String v4, String v6) {

	}

	/**
	 * A random scenario.
	 * @param random the source of randomness (seeded: a scenario can be replayed)
	 * @return the scenario
	 */
	public static PolicyScenario random(Random random) {
		List<Item> networks = new ArrayList<>();
		// Two or three: one fed, at least one written by hand.
		int networkCount = 2 + random.nextInt(2);
		int fed = random.nextInt(networkCount);
		for (int i = 0; i < networkCount; i++) {
			networks.add(network(random, "abc".charAt(i), i == fed));
		}
		List<Item> policies = new ArrayList<>();
		int policyCount = 4 + random.nextInt(9);
		for (int i = 0; i < policyCount; i++) {
			policies.add(policy(random, i));
		}
		return new PolicyScenario(networks, policies);
	}

	/**
	 * The same scenario with other policies.
	 * @param kept the policies
	 * @return the scenario
	 */
	public PolicyScenario withPolicies(List<Item> kept) {
		return new PolicyScenario(this.networks, List.copyOf(kept));
	}

	/**
	 * A network.
	 * @param fed whether its entries come from a feed: only addresses and CIDRs then,
	 * what a feed of the {@code text} format lists
	 */
	private static Item network(Random random, char letter, boolean fed) {
		Set<String> entries = new LinkedHashSet<>();
		boolean domainsOnly = !fed && random.nextInt(100) < 25;
		int count = domainsOnly ? 0 : 1 + random.nextInt(3);
		for (int i = 0; i < count; i++) {
			entries.add(pick(random, random.nextBoolean() ? V4_ENTRIES : V6_ENTRIES));
		}
		if (!fed && (domainsOnly || random.nextInt(100) < 35)) {
			entries.addAll(some(random, DOMAIN_ENTRIES, 1 + random.nextInt(2)));
		}
		for (String included : fed ? List.<String>of() : List.copyOf(entries)) {
			List<String> exclusions = EXCLUSIONS.get(included);
			if (exclusions != null && random.nextInt(2) == 0) {
				String exclusion = pick(random, exclusions);
				// Never the very block of an included entry: that excludes nothing it
				// could include.
				if (entries.stream().noneMatch((entry) -> host(entry).equals(host(exclusion.substring(1))))) {
					entries.add(exclusion);
				}
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "net-" + letter);
		if (!fed) {
			body.put("entries", List.copyOf(entries));
		}
		if (random.nextBoolean()) {
			body.put("servicePorts", some(random, PORTS, 1 + random.nextInt(2)));
		}
		List<String> tags = new ArrayList<>(List.of("net=" + letter));
		if (random.nextBoolean()) {
			tags.add("zone=out");
		}
		body.put("associatedTags", tags);
		body.put("propagate", random.nextBoolean());
		return new Item(pick(random, NAMESPACES), body, fed ? List.copyOf(entries) : null);
	}

	private static Item policy(Random random, int index) {
		String mode = pick(random, List.of("IncomingTraffic", "OutgoingTraffic", "Bidirectional"));
		// A side that must be processing units may not pin $identity=externalnetwork.
		boolean subjectUnits = !mode.equals("IncomingTraffic");
		boolean objectUnits = !mode.equals("OutgoingTraffic");
		boolean reject = random.nextInt(100) < 25;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "p" + index);
		body.put("action", reject ? "Reject" : "Allow");
		body.put("applyPolicyMode", mode);
		body.put("subject", expression(random, subjectUnits));
		body.put("object", expression(random, objectUnits));
		// Rejects mostly narrowed by ports: a broad one would leave little to allow.
		if (random.nextInt(100) < (reject ? 80 : 50)) {
			body.put("ports", some(random, PORTS, 1 + random.nextInt(3)));
		}
		body.put("propagate", random.nextInt(100) < 60);
		body.put("fallback", random.nextInt(100) < 15);
		body.put("disabled", random.nextInt(100) < 10);
		body.put("observationEnabled", random.nextInt(100) < 10);
		return new Item(pick(random, NAMESPACES), body);
	}

	/**
	 * One or two clauses (OR) of one or two tags (AND). A side that must be processing
	 * units names their tags (often one that every unit has), and now and then a
	 * network's tag, which it never matches; the other side names networks half the time.
	 */
	private static List<List<String>> expression(Random random, boolean unitsOnly) {
		List<List<String>> clauses = new ArrayList<>();
		Set<Set<String>> distinct = new LinkedHashSet<>();
		int count = (random.nextInt(100) < 70) ? 1 : 2;
		for (int c = 0; c < count; c++) {
			boolean networks = !unitsOnly && random.nextBoolean();
			List<String> clause;
			if (!networks && random.nextInt(100) < 40) {
				clause = List.of(pick(random, BROAD_UNIT_TAGS));
			}
			else {
				List<String> vocabulary = new ArrayList<>(networks ? NETWORK_TAGS : UNIT_TAGS);
				if (unitsOnly && random.nextInt(100) < 10) {
					vocabulary.addAll(NETWORK_TAGS.subList(0, NETWORK_TAGS.size() - 1));
				}
				clause = some(random, vocabulary, (random.nextInt(100) < 70) ? 1 : 2);
			}
			// The console refuses a clause repeated (in any order).
			if (distinct.add(Set.copyOf(clause))) {
				clauses.add(clause);
			}
		}
		return clauses;
	}

	private static String host(String entry) {
		return entry.replaceFirst("/(32|128)$", "");
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static List<String> some(Random random, List<String> values, int count) {
		Set<String> chosen = new LinkedHashSet<>();
		while (chosen.size() < Math.min(count, values.size())) {
			chosen.add(pick(random, values));
		}
		return List.copyOf(chosen);
	}

	/**
	 * The scenario as text, one object a line.
	 * @return the text
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		this.networks.forEach((item) -> text.append("  externalnetwork ").append(item).append('\n'));
		this.policies.forEach((item) -> text.append("  networkaccesspolicy ").append(item).append('\n'));
		return text.toString();
	}

}
