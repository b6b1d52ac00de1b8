package io.mseg.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
			List.of("10.0.0.0/8"), List.of("8.8.8.0/24", "*.example.com"), List.of("example.org", "192.0.2.0/24"));

	static final List<List<String>> NETWORK_TAGS = List.of(List.of("ext=internet"), List.of("ext=partner"),
			List.of("ext=internet", "app=web"));

	static final List<Endpoint> EXTERNAL_REMOTES = List.of(Endpoint.of(Fixtures.ip("8.8.8.8")),
			Endpoint.of(Fixtures.ip("10.0.0.200")), Endpoint.of(Fixtures.ip("10.0.0.1")),
			Endpoint.of(Fixtures.ip("192.0.2.1")), Endpoint.ofDomain("api.example.com"),
			Endpoint.ofDomain("example.org"), new Endpoint.External(Fixtures.ip("8.8.4.4"), "www.example.com"));

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
