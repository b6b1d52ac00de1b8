package io.mseg.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.quicktheories.core.Gen;

import io.mseg.policy.decision.Connection;
import io.mseg.policy.decision.Endpoint;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.ApplyMode;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.model.SystemTags;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.port.Traffic;
import io.mseg.policy.tag.TagExpression;

import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random small worlds for property tests: few namespaces, tags, ports and addresses, so
 * that policies, units and networks collide often.
 */
public final class Scenarios {

	static final List<String> NAMESPACES = List.of("/", "/a", "/a/x", "/b");

	static final List<String> USER_TAGS = List.of("app=web", "app=db", "env=prod");

	static final List<List<List<String>>> EXPRESSIONS = List.of(List.of(List.of("app=web")), List.of(List.of("app=db")),
			List.of(List.of("app=*")), List.of(List.of("$identity=processingunit")),
			List.of(List.of("$identity=externalnetwork")), List.of(List.of("ext=internet")),
			List.of(List.of("ext=partner", "$identity=externalnetwork")),
			List.of(List.of("app=web"), List.of("ext=internet")), List.of(List.of("env=prod", "app=db")),
			List.of(List.of("$namespace=/a")));

	static final List<List<String>> PORTS = List.of(List.of(), List.of("tcp/443"), List.of("tcp/80:443"),
			List.of("udp/53"), List.of("icmp"), List.of("tcp/443", "udp/53"));

	static final List<List<String>> ENTRIES = List.of(List.of("0.0.0.0/0"), List.of("0.0.0.0/0", "!10.0.0.0/24"),
			List.of("10.0.0.0/8"), List.of("8.8.8.0/24", "*.example.com"), List.of("example.org", "192.0.2.0/24"),
			List.of("8.8.8.0/24"), List.of("*.example.com"), List.of("10.0.0.2/31"));

	/**
	 * Addresses that generated units draw: in and out of the networks' CIDRs, one IPv6.
	 */
	static final List<String> PU_ADDRESSES = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.9", "192.0.2.7",
			"8.8.8.9", "2001:db8::1");

	static final List<List<String>> NETWORK_TAGS = List.of(List.of("ext=internet"), List.of("ext=partner"),
			List.of("ext=internet", "app=web"));

	static final List<Endpoint> EXTERNAL_REMOTES = List.of(Endpoint.of(Fixtures.ip("8.8.8.8")),
			Endpoint.of(Fixtures.ip("10.0.0.200")), Endpoint.of(Fixtures.ip("10.0.0.1")),
			Endpoint.of(Fixtures.ip("192.0.2.1")), Endpoint.ofDomain("api.example.com"),
			Endpoint.ofDomain("example.org"), new Endpoint.External(Fixtures.ip("8.8.4.4"), "www.example.com"),
			// A unit's address under a name of a domain network: still that unit.
			new Endpoint.External(Fixtures.ip("10.0.0.1"), "api.example.com"));

	private Scenarios() {
	}

	/**
	 * A world of processing units, external networks and policies.
	 *
	 * @param pus 1 to 4 units with addresses 10.0.0.1..4
	 * @param networks 1 to 3 external networks (empty worlds only agree trivially)
	 * @param policies 1 to 6 policies
	 */
	public record Scenario(List<ProcessingUnit> pus, List<ExternalNetwork> networks, List<NetworkPolicy> policies) {

		public PolicySnapshot snapshot() {
			return new PolicySnapshot(this.pus, this.networks, this.policies);
		}

		public Scenario with(NetworkPolicy policy) {
			List<NetworkPolicy> more = new ArrayList<>(this.policies);
			more.add(policy);
			return new Scenario(this.pus, this.networks, more);
		}

		/**
		 * Every remote end worth trying: each unit, and a fixed set of external hosts.
		 */
		public List<Endpoint> endpoints() {
			List<Endpoint> endpoints = new ArrayList<>();
			this.pus.forEach((pu) -> endpoints.add(Endpoint.of(pu)));
			endpoints.addAll(EXTERNAL_REMOTES);
			return endpoints;
		}

	}

	/**
	 * A scenario and one connection in it, at least one end being a processing unit.
	 *
	 * @param scenario the world
	 * @param connection the connection
	 */
	public record Case(Scenario scenario, Connection connection) {

	}

	public static Gen<Scenario> scenarios() {
		Gen<String> namespaces = pick(NAMESPACES);
		Gen<Object[]> puSpecs = (in) -> new Object[] { namespaces.generate(in),
				subsets(USER_TAGS).generate(in).stream().sorted().toArray(String[]::new) };
		Gen<List<ProcessingUnit>> pus = lists().of(puSpecs).ofSizeBetween(1, 4).map((specs) -> {
			List<ProcessingUnit> units = new ArrayList<>();
			for (int i = 0; i < specs.size(); i++) {
				units.add(Fixtures.pu("pu" + i, (String) specs.get(i)[0], "10.0.0." + (i + 1),
						(String[]) specs.get(i)[1]));
			}
			return units;
		});
		Gen<Object[]> networkSpecs = (in) -> new Object[] { namespaces.generate(in), pick(ENTRIES).generate(in),
				pick(PORTS).generate(in), pick(List.of(true, false)).generate(in), pick(NETWORK_TAGS).generate(in) };
		Gen<List<ExternalNetwork>> networks = lists().of(networkSpecs).ofSizeBetween(1, 3).map((specs) -> {
			List<ExternalNetwork> result = new ArrayList<>();
			for (int i = 0; i < specs.size(); i++) {
				Object[] spec = specs.get(i);
				@SuppressWarnings("unchecked")
				List<String> tags = (List<String>) spec[4];
				@SuppressWarnings("unchecked")
				List<String> entries = (List<String>) spec[1];
				@SuppressWarnings("unchecked")
				List<String> ports = (List<String>) spec[2];
				result.add(Fixtures.network("net" + i, (String) spec[0], entries, ports, (Boolean) spec[3],
						tags.toArray(String[]::new)));
			}
			return result;
		});
		Gen<List<NetworkPolicy>> policies = lists()
			.of(policies(pick(List.of(PolicyAction.values())), pick(List.of(false, false, false, true))))
			.ofSizeBetween(1, 6)
			.map((list) -> {
				List<NetworkPolicy> result = new ArrayList<>();
				for (int i = 0; i < list.size(); i++) {
					result.add(renamed(list.get(i), "pol" + i));
				}
				return result;
			});
		return (in) -> new Scenario(pus.generate(in), networks.generate(in), policies.generate(in));
	}

	/**
	 * A scenario with a connection between two of its endpoints, one at least a unit.
	 * Connections between two external endpoints are drawn again, as a filter would.
	 */
	public static Gen<Case> cases() {
		Gen<Scenario> scenarios = scenarios();
		Gen<Traffic> traffic = traffic();
		return (in) -> {
			Scenario scenario = scenarios.generate(in);
			Gen<Endpoint> endpoint = pick(scenario.endpoints());
			while (true) {
				Connection c = new Connection(endpoint.generate(in), endpoint.generate(in), traffic.generate(in));
				if (c.source() instanceof Endpoint.Pu || c.destination() instanceof Endpoint.Pu) {
					return new Case(scenario, c);
				}
			}
		};
	}

	public static Gen<NetworkPolicy> policies(Gen<PolicyAction> actions, Gen<Boolean> observation) {
		Instant past = Fixtures.NOW.minus(Duration.ofHours(1));
		Instant future = Fixtures.NOW.plus(Duration.ofHours(1));
		Gen<TagExpression> expressions = pick(EXPRESSIONS).map(TagExpression::of);
		Gen<Boolean> fallbacks = pick(List.of(false, false, false, true));
		Gen<Boolean> disableds = pick(List.of(false, false, false, false, true));
		Gen<Boolean> propagates = pick(List.of(true, false));
		Gen<Boolean> expiring = pick(List.of(false, false, true));
		Gen<Boolean> expireds = pick(List.of(false, true));
		Gen<boolean[]> flags = (in) -> new boolean[] { fallbacks.generate(in), disableds.generate(in),
				propagates.generate(in), observation.generate(in), expiring.generate(in), expireds.generate(in) };
		Gen<String> namespaces = pick(NAMESPACES);
		Gen<ApplyMode> modes = pick(List.of(ApplyMode.values()));
		Gen<List<String>> ports = pick(PORTS);
		return (in) -> {
			String ns = namespaces.generate(in);
			PolicyAction action = actions.generate(in);
			ApplyMode mode = modes.generate(in);
			TagExpression subject = expressions.generate(in);
			TagExpression object = expressions.generate(in);
			List<String> portTexts = ports.generate(in);
			boolean[] f = flags.generate(in);
			return new NetworkPolicy("extra", "extra", NamespacePath.parse(ns), action, mode, subject, object,
					ServicePorts.parse(portTexts), f[0], f[1], f[4] ? (f[5] ? past : future) : null, f[3], f[2], false);
		};
	}

	public static Gen<Traffic> traffic() {
		return pick(List.of(Traffic.tcp(443), Traffic.tcp(80), Traffic.tcp(22), Traffic.udp(53), Traffic.icmp(8, 0)));
	}

	/**
	 * A processing unit of a small pool of ids ({@code pu0} to {@code pu5}, so that a
	 * scenario's units get replaced) with 0 to 2 addresses of {@link #PU_ADDRESSES}, any
	 * user tags and sometimes an enforcer.
	 */
	public static Gen<ProcessingUnit> processingUnits() {
		Gen<String> ids = pick(List.of("pu0", "pu1", "pu2", "pu3", "pu4", "pu5"));
		Gen<String> namespaces = pick(NAMESPACES);
		Gen<List<String>> addresses = lists().of(pick(PU_ADDRESSES)).ofSizeBetween(0, 2);
		Gen<List<String>> tags = subsets(USER_TAGS);
		Gen<String> enforcers = pick(List.of("", "e1", "e2"));
		return (in) -> {
			String enforcer = enforcers.generate(in);
			return processingUnit(ids.generate(in), namespaces.generate(in), addresses.generate(in), tags.generate(in),
					enforcer.isEmpty() ? null : enforcer);
		};
	}

	/**
	 * An external network of a small pool of ids ({@code net0} to {@code net3}), with the
	 * entries of {@link #ENTRIES} or IPv6 ones.
	 */
	public static Gen<ExternalNetwork> externalNetworks() {
		Gen<String> ids = pick(List.of("net0", "net1", "net2", "net3"));
		Gen<String> namespaces = pick(NAMESPACES);
		List<List<String>> entries = new ArrayList<>(ENTRIES);
		entries.add(List.of("2001:db8::/32"));
		entries.add(List.of("::/0", "!2001:db8::/32"));
		Gen<List<String>> entryLists = pick(entries);
		Gen<List<String>> ports = pick(PORTS);
		Gen<Boolean> propagates = booleans().all();
		Gen<List<String>> tags = pick(NETWORK_TAGS);
		return (in) -> Fixtures.network(ids.generate(in), namespaces.generate(in), entryLists.generate(in),
				ports.generate(in), propagates.generate(in), tags.generate(in).toArray(String[]::new));
	}

	/**
	 * A policy of a small pool of ids ({@code pol0} to {@code pol7}), drawn as
	 * {@link #policies(Gen, Gen)} draws them.
	 */
	public static Gen<NetworkPolicy> pooledPolicies() {
		Gen<String> ids = pick(List.of("pol0", "pol1", "pol2", "pol3", "pol4", "pol5", "pol6", "pol7"));
		Gen<NetworkPolicy> policies = policies(pick(List.of(PolicyAction.values())),
				pick(List.of(false, false, false, true)));
		return (in) -> renamed(policies.generate(in), ids.generate(in));
	}

	/**
	 * A processing unit with system tags, named after its id.
	 */
	public static ProcessingUnit processingUnit(String id, String namespace, List<String> addresses,
			List<String> userTags, String enforcerId) {
		NamespacePath ns = NamespacePath.parse(namespace);
		return new ProcessingUnit(id, id, ns, "Host", addresses.stream().map(Fixtures::ip).toList(),
				SystemTags.forProcessingUnit(id, id, ns, "Host", enforcerId, userTags), enforcerId);
	}

	/**
	 * A namespace of the scenarios moved under another one: {@code /} becomes the root,
	 * {@code /a} becomes {@code root/a}.
	 * @param namespace one of {@link #NAMESPACES}
	 * @param root the new root, such as {@code /t1}, or {@code ""} to keep it
	 * @return the moved namespace
	 */
	public static String rebase(String namespace, String root) {
		if (root.isEmpty()) {
			return namespace;
		}
		return "/".equals(namespace) ? root : root + namespace;
	}

	/** The same unit under another root, with a prefixed id. */
	public static ProcessingUnit rebase(ProcessingUnit pu, String root, String idPrefix) {
		return processingUnit(idPrefix + pu.id(), rebase(pu.namespace().value(), root),
				pu.addresses().stream().map(Object::toString).toList(), userTags(pu.tags()), pu.enforcerId());
	}

	/** The same network under another root, with a prefixed id. */
	public static ExternalNetwork rebase(ExternalNetwork network, String root, String idPrefix) {
		return Fixtures.network(idPrefix + network.id(), rebase(network.namespace().value(), root),
				network.entries().entries(), network.servicePorts().toStrings(), network.propagate(),
				userTags(network.tags()).toArray(String[]::new));
	}

	/**
	 * The same policy under another root, with a prefixed id; {@code $namespace} tags in
	 * its expressions move too.
	 */
	public static NetworkPolicy rebase(NetworkPolicy p, String root, String idPrefix) {
		NetworkPolicy moved = new NetworkPolicy(p.id(), p.name(),
				NamespacePath.parse(rebase(p.namespace().value(), root)), p.action(), p.mode(),
				rebase(p.subject(), root), rebase(p.object(), root), p.ports(), p.fallback(), p.disabled(),
				p.expirationTime(), p.observationEnabled(), p.propagate(), p.logsEnabled());
		return renamed(moved, idPrefix + p.id());
	}

	private static TagExpression rebase(TagExpression expression, String root) {
		String namespaceTag = "$namespace=";
		return TagExpression.of(expression.clauses()
			.stream()
			.map((clause) -> clause.stream()
				.map((tag) -> tag.startsWith(namespaceTag)
						? namespaceTag + rebase(tag.substring(namespaceTag.length()), root) : tag)
				.toList())
			.toList());
	}

	private static List<String> userTags(Set<String> tags) {
		return tags.stream().filter((tag) -> !tag.startsWith("$")).toList();
	}

	/** Any subset of the values, each value in or out with even odds. */
	private static <T> Gen<List<T>> subsets(List<T> values) {
		Gen<Boolean> in = booleans().all();
		return (source) -> {
			List<T> subset = new ArrayList<>();
			for (T value : values) {
				if (in.generate(source)) {
					subset.add(value);
				}
			}
			return subset;
		};
	}

	private static NetworkPolicy renamed(NetworkPolicy p, String id) {
		return new NetworkPolicy(id, "name-" + id, p.namespace(), p.action(), p.mode(), p.subject(), p.object(),
				p.ports(), p.fallback(), p.disabled(), p.expirationTime(), p.observationEnabled(), p.propagate(),
				p.logsEnabled());
	}

}
