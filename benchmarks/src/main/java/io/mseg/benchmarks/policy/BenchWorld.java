package io.mseg.benchmarks.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.ApplyMode;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.model.SystemTags;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.NetworkEntries;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.tag.TagExpression;

/**
 * A deterministic world of the shape an operator of many teams would have: tenants (level
 * 1), departments (2), teams (3) and services (4, the leaves), 50 processing units per
 * leaf. Per tenant: 5 departments × 5 teams × 4 services = 100 leaves, 5,000 units, 500
 * policies and 100 external networks, so 10 tenants are the full size (50,000
 * units, 5,000 policies, 1,000 networks).
 *
 * <p>
 * Policies: 4 per leaf (3 between applications of the leaf, one to the leaf's service
 * network), 3 propagating per team, 4 propagating egress rules per department, 5
 * propagating per tenant (one fallback reject, four to partner networks). Networks per
 * tenant: an internet network ({@code 0.0.0.0/0} without {@code 10.0.0.0/8}), two partner
 * networks, seven CIDR networks (all propagated), and one service network (a /24 with
 * tcp/443) in 90 of its 100 leaves.
 *
 * <p>
 * Two variants, because one design choice of the operator decides whether a unit's change
 * stays local:
 * <ul>
 * <li>{@link Shape#FALLBACK}: the tenant's fallback reject selects every unit on both
 * sides ({@code $identity=processingunit}), and the partner networks are domain names
 * ({@code *.partnerN.example.com}, which may resolve to any address). Then a unit's
 * arrival or departure changes the remote side of the fallback rule, so every document of
 * its tenant changes, and the index rightly reports all of them.</li>
 * <li>{@link Shape#LOCAL}: the fallback rule selects one application and the partner
 * networks are CIDRs outside the units' range: a unit's change touches only the units
 * whose policies select it.</li>
 * </ul>
 */
public final class BenchWorld {

	/** Processing units per leaf namespace. */
	public static final int UNITS_PER_LEAF = 50;

	/** Which tenant-wide rules the world has; see the class comment. */
	public enum Shape {

		/** Tenant-wide fallback rule over every unit, partner networks by domain name. */
		FALLBACK,

		/** Fallback rule over one application, partner networks by CIDR. */
		LOCAL

	}

	/** The kinds of policies, by the level of the namespace that owns them. */
	public enum Level {

		LEAF, TEAM, DEPARTMENT, TENANT

	}

	private final List<ProcessingUnit> units = new ArrayList<>();

	private final List<ExternalNetwork> networks = new ArrayList<>();

	private final List<NetworkPolicy> leafPolicies = new ArrayList<>();

	private final List<NetworkPolicy> teamPolicies = new ArrayList<>();

	private final List<NetworkPolicy> departmentPolicies = new ArrayList<>();

	private final List<NetworkPolicy> tenantPolicies = new ArrayList<>();

	private final List<ExternalNetwork> leafNetworks = new ArrayList<>();

	private final List<ExternalNetwork> partnerNetworks = new ArrayList<>();

	private final List<String> leaves = new ArrayList<>();

	private final Shape shape;

	private BenchWorld(Shape shape) {
		this.shape = shape;
	}

	/**
	 * Builds a world.
	 * @param tenants the number of tenants (1 = 5,000 units; 10 = the full size)
	 * @param shape whether tenant-wide rules select every unit
	 * @return the world, the same for the same arguments
	 */
	public static BenchWorld build(int tenants, Shape shape) {
		BenchWorld world = new BenchWorld(shape);
		world.generate(tenants);
		return world;
	}

	/**
	 * The number of tenants of a named size.
	 * @param size {@code tiny} (a smoke test), {@code small} (the quick default) or
	 * {@code full} (the size)
	 * @return the number of tenants
	 */
	public static int tenants(String size) {
		return switch (size) {
			case "tiny" -> 0;
			case "small" -> 1;
			case "full" -> 10;
			default -> throw new IllegalArgumentException("size must be tiny, small or full, not " + size);
		};
	}

	/**
	 * Builds a world of a named size.
	 * @param size see {@link #tenants(String)}; {@code tiny} is one tenant with a single
	 * department, team and service
	 * @param shape whether tenant-wide rules select every unit
	 * @return the world
	 */
	public static BenchWorld ofSize(String size, Shape shape) {
		BenchWorld world = new BenchWorld(shape);
		int tenants = tenants(size);
		if (tenants == 0) {
			world.generate(1, 1, 1, 1);
		}
		else {
			world.generate(tenants);
		}
		return world;
	}

	public PolicySnapshot snapshot() {
		List<NetworkPolicy> policies = new ArrayList<>();
		policies.addAll(this.leafPolicies);
		policies.addAll(this.teamPolicies);
		policies.addAll(this.departmentPolicies);
		policies.addAll(this.tenantPolicies);
		return new PolicySnapshot(this.units, this.networks, policies);
	}

	public Shape shape() {
		return this.shape;
	}

	public List<ProcessingUnit> units() {
		return this.units;
	}

	public List<ExternalNetwork> networks() {
		return this.networks;
	}

	/** The service networks owned by leaves (not propagated, tcp/443). */
	public List<ExternalNetwork> leafNetworks() {
		return this.leafNetworks;
	}

	/**
	 * The tenants' propagated partner networks that policies select (domain names in the
	 * fallback shape, CIDRs in the local one).
	 */
	public List<ExternalNetwork> partnerNetworks() {
		return this.partnerNetworks;
	}

	public List<NetworkPolicy> policies(Level level) {
		return switch (level) {
			case LEAF -> this.leafPolicies;
			case TEAM -> this.teamPolicies;
			case DEPARTMENT -> this.departmentPolicies;
			case TENANT -> this.tenantPolicies;
		};
	}

	public int policyCount() {
		return this.leafPolicies.size() + this.teamPolicies.size() + this.departmentPolicies.size()
				+ this.tenantPolicies.size();
	}

	public List<String> leaves() {
		return this.leaves;
	}

	/**
	 * A new unit for a leaf, with the tags of a web tier unit and an address outside the
	 * world's range ({@code 10.254.x.y}).
	 * @param id its id
	 * @param leaf the leaf namespace
	 * @param number a number that makes the address unique (0 to 65,535)
	 * @return the unit
	 */
	public static ProcessingUnit newUnit(String id, String leaf, int number) {
		return unit(id, leaf, "10.254." + ((number >> 8) & 255) + "." + (number & 255),
				List.of("app=app3", "env=prod", "tier=web"), "enforcer-" + id);
	}

	/** The policy with other ports: an edit that changes every rule it renders. */
	public static NetworkPolicy withPorts(NetworkPolicy p, String... ports) {
		return new NetworkPolicy(p.id(), p.name(), p.namespace(), p.action(), p.mode(), p.subject(), p.object(),
				ServicePorts.of(ports), p.fallback(), p.disabled(), p.expirationTime(), p.observationEnabled(),
				p.propagate(), p.logsEnabled());
	}

	/** The network with other entries (a /24 elsewhere), same tags and ports. */
	public static ExternalNetwork withEntries(ExternalNetwork n, String... entries) {
		return new ExternalNetwork(n.id(), n.name(), n.namespace(), NetworkEntries.parse(Arrays.asList(entries)),
				n.servicePorts(), n.tags(), n.propagate());
	}

	private void generate(int tenants) {
		generate(tenants, 5, 5, 4);
	}

	private void generate(int tenants, int departments, int teams, int services) {
		Random random = new Random(42);
		int unitNumber = 0;
		int policyNumber = 0;
		boolean local = this.shape == Shape.LOCAL;
		for (int t = 0; t < tenants; t++) {
			String tenant = "/t" + t;
			for (int n = 0; n < 10; n++) {
				List<String> entries = switch (n) {
					case 0 -> List.of("0.0.0.0/0", "!10.0.0.0/8");
					case 1, 2 ->
						local ? List.of("192.0." + (t * 10 + n) + ".0/24") : List.of("*.partner" + n + ".example.com");
					default -> List.of("203.0." + (t * 10 + n) + ".0/24");
				};
				ExternalNetwork network = network("net-t" + t + "-" + n, tenant, entries, null, true,
						(n == 0) ? "ext=internet" : "ext=partner" + n);
				this.networks.add(network);
				if (n == 1 || n == 2) {
					this.partnerNetworks.add(network);
				}
			}
			String everyUnit = local ? "app=app0" : SystemTags.IDENTITY_PROCESSING_UNIT;
			this.tenantPolicies.add(policy("tenant-fallback-" + t, tenant, PolicyAction.REJECT, ApplyMode.BIDIRECTIONAL,
					everyUnit, everyUnit, true, true));
			for (int p = 1; p < 5; p++) {
				this.tenantPolicies.add(policy("tenant-" + t + "-" + p, tenant, PolicyAction.ALLOW,
						ApplyMode.OUTGOING_TRAFFIC, "tier=web", "ext=partner" + (p % 3 + 1), true, false));
			}
			for (int d = 0; d < departments; d++) {
				String department = tenant + "/d" + d;
				for (int p = 0; p < 4; p++) {
					this.departmentPolicies.add(policy("dept-" + t + "-" + d + "-" + p, department, PolicyAction.ALLOW,
							ApplyMode.OUTGOING_TRAFFIC, "app=app" + (p * 5 + d), "ext=internet", true, false));
				}
				for (int e = 0; e < teams; e++) {
					String team = department + "/e" + e;
					String prefix = "team-" + t + "-" + d + "-" + e + "-";
					this.teamPolicies.add(policy(prefix + "0", team, PolicyAction.ALLOW, ApplyMode.BIDIRECTIONAL,
							"tier=web", "tier=cache", true, false));
					this.teamPolicies.add(policy(prefix + "1", team, PolicyAction.REJECT, ApplyMode.BIDIRECTIONAL,
							"env=dev", "env=prod", true, false));
					this.teamPolicies.add(policy(prefix + "2", team, PolicyAction.ALLOW, ApplyMode.INCOMING_TRAFFIC,
							"ext=partner1", "tier=web", true, false));
					for (int f = 0; f < services; f++) {
						String leaf = team + "/f" + f;
						this.leaves.add(leaf);
						for (int i = 0; i < UNITS_PER_LEAF; i++) {
							int n = unitNumber++;
							String address = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
							this.units
								.add(unit("pu" + n, leaf, address,
										List.of("app=app" + (n % 20), (n % 3 == 0) ? "env=dev" : "env=prod",
												"tier=" + List.of("web", "db", "cache").get(n % 3)),
										"enforcer-" + n / 2));
						}
						if (random.nextInt(10) < 9 && this.networks.size() < (t + 1) * 100) {
							ExternalNetwork service = network("net-" + leaf.substring(1).replace('/', '-'), leaf,
									List.of("198.51." + random.nextInt(256) + ".0/24"), List.of("tcp/443"), false,
									"ext=svc" + f);
							this.networks.add(service);
							this.leafNetworks.add(service);
						}
						for (int p = 0; p < 4; p++) {
							String subject = "app=app" + random.nextInt(20);
							String object = (p == 3) ? "ext=svc" + f : "app=app" + random.nextInt(20);
							ApplyMode mode = (p == 3) ? ApplyMode.OUTGOING_TRAFFIC : ApplyMode.BIDIRECTIONAL;
							this.leafPolicies.add(policy("leaf-" + policyNumber++, leaf, PolicyAction.ALLOW, mode,
									subject, object, false, false));
						}
					}
				}
			}
			// Up to 100 networks per tenant.
			int extra = 0;
			while (this.networks.size() < (t + 1) * 100 && departments * teams * services == 100) {
				this.networks.add(network("net-extra-" + t + "-" + extra++, tenant, List.of("192.0.2.0/24"), null,
						false, "ext=extra"));
			}
		}
	}

	private static ProcessingUnit unit(String id, String namespace, String address, List<String> userTags,
			String enforcerId) {
		NamespacePath ns = NamespacePath.parse(namespace);
		return new ProcessingUnit(id, id, ns, "Host", List.of(IpAddress.parse(address)),
				SystemTags.forProcessingUnit(id, id, ns, "Host", enforcerId, userTags), enforcerId);
	}

	private static ExternalNetwork network(String id, String namespace, List<String> entries, List<String> ports,
			boolean propagate, String... userTags) {
		NamespacePath ns = NamespacePath.parse(namespace);
		return new ExternalNetwork(id, id, ns, NetworkEntries.parse(entries), ServicePorts.parse(ports),
				SystemTags.forExternalNetwork(id, id, ns, Arrays.asList(userTags)), propagate);
	}

	private static NetworkPolicy policy(String name, String namespace, PolicyAction action, ApplyMode mode,
			String subject, String object, boolean propagate, boolean fallback) {
		return new NetworkPolicy(name, name, NamespacePath.parse(namespace), action, mode, TagExpression.allOf(subject),
				TagExpression.allOf(object), ServicePorts.ANY, fallback, false, null, false, propagate, false);
	}

	/** The user tags of a unit (its tags without the system ones). */
	public static List<String> userTags(Set<String> tags) {
		return tags.stream().filter((tag) -> !tag.startsWith("$")).toList();
	}

}
