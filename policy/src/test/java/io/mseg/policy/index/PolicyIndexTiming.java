package io.mseg.policy.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import io.mseg.policy.Fixtures;
import io.mseg.policy.Scenarios;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.ApplyMode;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.render.RenderedPolicy;
import io.mseg.policy.tag.TagExpression;

/**
 * A rough timing of the index at the target size (50,000 units, 5,000 policies, 1,000
 * external networks, namespaces four levels deep), until the JMH benchmark exists. Not a
 * test: run its {@code main} from the IDE or with {@code java -cp <test classpath>
 * io.mseg.policy.index.PolicyIndexTiming [--local]}. With {@code --local}, the partner
 * networks are CIDRs instead of domain names and the tenants' fallback policy selects one
 * application instead of every unit, so that a unit's change stays local.
 */
public final class PolicyIndexTiming {

	private static final Instant NOW = Fixtures.NOW;

	private final List<ProcessingUnit> pus = new ArrayList<>();

	private final List<ExternalNetwork> networks = new ArrayList<>();

	private final List<NetworkPolicy> policies = new ArrayList<>();

	private final List<String> leaves = new ArrayList<>();

	private final boolean local;

	private PolicyIndexTiming(boolean local) {
		this.local = local;
	}

	public static void main(String[] args) {
		PolicyIndexTiming world = new PolicyIndexTiming(List.of(args).contains("--local"));
		world.build();
		System.out.printf("world: %d units, %d policies, %d networks, %d leaf namespaces%n", world.pus.size(),
				world.policies.size(), world.networks.size(), world.leaves.size());
		long start = System.nanoTime();
		PolicyIndex index = PolicyIndex.of(new PolicySnapshot(world.pus, world.networks, world.policies));
		System.out.printf("index built in %d ms%n", (System.nanoTime() - start) / 1_000_000);
		for (int round = 0; round < 3; round++) {
			System.out.printf("-- round %d%n", round);
			world.measure(index, new Random(round));
		}
	}

	private void measure(PolicyIndex index, Random random) {
		List<ProcessingUnit> sample = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			sample.add(this.pus.get(random.nextInt(this.pus.size())));
		}
		long start = System.nanoTime();
		long rules = 0;
		for (ProcessingUnit pu : sample) {
			RenderedPolicy rendered = index.render(List.of(pu), NOW);
			rules += rendered.processingUnits().get(0).incoming().size()
					+ rendered.processingUnits().get(0).outgoing().size();
		}
		System.out.printf("render one unit: %.3f ms on average (1000 units, %.1f rules each)%n",
				(System.nanoTime() - start) / 1e6 / sample.size(), rules / (double) sample.size());

		ProcessingUnit pu = sample.get(0);
		ProcessingUnit moved = Scenarios.processingUnit(pu.id(), pu.namespace().value(), List.of("10.255.0.1"),
				userTags(pu), pu.enforcerId());
		timeChange("unit address change", index, () -> index.put(moved));
		timeChange("unit address change back", index, () -> index.put(pu));
		ProcessingUnit retagged = Scenarios.processingUnit(pu.id(), pu.namespace().value(),
				pu.addresses().stream().map(Object::toString).toList(), List.of("app=app99", "env=prod", "tier=web"),
				pu.enforcerId());
		timeChange("unit tag change", index, () -> index.put(retagged));
		timeChange("unit tag change back", index, () -> index.put(pu));
		ProcessingUnit added = Scenarios.processingUnit("new-" + random.nextInt(),
				this.leaves.get(random.nextInt(this.leaves.size())), List.of("10.254.0." + random.nextInt(250)),
				List.of("app=app3", "env=prod", "tier=web"), "enforcer-new");
		timeChange("unit add", index, () -> index.put(added));
		timeChange("unit remove", index, () -> index.removeProcessingUnit(added.id()));

		NetworkPolicy leafPolicy = this.policies.get(random.nextInt(4000));
		timeChange("leaf policy edit", index, () -> index.put(withPorts(leafPolicy, "tcp/1234")));
		timeChange("leaf policy edit back", index, () -> index.put(leafPolicy));
		NetworkPolicy midPolicy = this.policies.get(4000 + random.nextInt(750));
		timeChange("level-3 propagating policy edit", index, () -> index.put(withPorts(midPolicy, "tcp/1234")));
		timeChange("level-3 propagating policy edit back", index, () -> index.put(midPolicy));
		NetworkPolicy egress = this.policies.get(4750 + random.nextInt(200));
		timeChange("level-2 egress policy edit", index, () -> index.put(withPorts(egress, "tcp/8443")));
		timeChange("level-2 egress policy edit back", index, () -> index.put(egress));
		ExternalNetwork network = this.networks.get(100 + random.nextInt(900));
		timeChange("leaf network edit", index,
				() -> index.put(Fixtures.network(network.id(), network.namespace().value(), List.of("192.0.2.0/24"),
						null, network.propagate(), userTags(network.tags()).toArray(String[]::new))));
		timeChange("leaf network edit back", index, () -> index.put(network));
	}

	/** Times a change, then the rendering of every unit it impacts. */
	private static void timeChange(String what, PolicyIndex index, Supplier<Set<String>> change) {
		long start = System.nanoTime();
		Set<String> impact = change.get();
		long impactNanos = System.nanoTime() - start;
		start = System.nanoTime();
		for (String id : impact) {
			index.processingUnit(id).ifPresent((pu) -> index.render(List.of(pu), NOW));
		}
		long renderNanos = System.nanoTime() - start;
		System.out.printf("%-38s impact %6d units in %7.3f ms, re-rendered in %8.3f ms (total %8.3f ms)%n", what,
				impact.size(), impactNanos / 1e6, renderNanos / 1e6, (impactNanos + renderNanos) / 1e6);
	}

	/**
	 * 10 tenants, 5 departments each, 5 teams each, 4 services each: 1,000 leaf
	 * namespaces of 50 units. Policies: 4 per leaf, 3 propagating per team, 4 egress
	 * rules per department, 5 per tenant (5,000). Networks: 10 per tenant, propagated
	 * (one internet, partners, some with domains), and 900 service networks in leaves.
	 */
	private void build() {
		Random random = new Random(42);
		int puNumber = 0;
		int policyNumber = 0;
		List<NetworkPolicy> teamPolicies = new ArrayList<>();
		List<NetworkPolicy> departmentPolicies = new ArrayList<>();
		List<NetworkPolicy> tenantPolicies = new ArrayList<>();
		for (int t = 0; t < 10; t++) {
			String tenant = "/t" + t;
			for (int n = 0; n < 10; n++) {
				List<String> entries = switch (n) {
					case 0 -> List.of("0.0.0.0/0", "!10.0.0.0/8");
					case 1, 2 -> this.local ? List.of("192.0." + (t * 10 + n) + ".0/24")
							: List.of("*.partner" + n + ".example.com");
					default -> List.of("203.0." + (t * 10 + n) + ".0/24");
				};
				this.networks.add(Fixtures.network("net-t" + t + "-" + n, tenant, entries, null, true,
						(n == 0) ? "ext=internet" : "ext=partner" + n));
			}
			String everyUnit = this.local ? "app=app0" : "$identity=processingunit";
			tenantPolicies.add(policy("tenant-fallback-" + t, tenant, PolicyAction.REJECT, ApplyMode.BIDIRECTIONAL,
					everyUnit, everyUnit, true, true));
			for (int p = 1; p < 5; p++) {
				tenantPolicies.add(policy("tenant-" + t + "-" + p, tenant, PolicyAction.ALLOW,
						ApplyMode.OUTGOING_TRAFFIC, "tier=web", "ext=partner" + (p % 3 + 1), true, false));
			}
			for (int d = 0; d < 5; d++) {
				String department = tenant + "/d" + d;
				for (int p = 0; p < 4; p++) {
					departmentPolicies.add(policy("dept-" + t + d + "-" + p, department, PolicyAction.ALLOW,
							ApplyMode.OUTGOING_TRAFFIC, "app=app" + (p * 5 + d), "ext=internet", true, false));
				}
				for (int e = 0; e < 5; e++) {
					String team = department + "/e" + e;
					teamPolicies.add(policy("team-" + t + d + e + "-0", team, PolicyAction.ALLOW,
							ApplyMode.BIDIRECTIONAL, "tier=web", "tier=cache", true, false));
					teamPolicies.add(policy("team-" + t + d + e + "-1", team, PolicyAction.REJECT,
							ApplyMode.BIDIRECTIONAL, "env=dev", "env=prod", true, false));
					teamPolicies.add(policy("team-" + t + d + e + "-2", team, PolicyAction.ALLOW,
							ApplyMode.INCOMING_TRAFFIC, "ext=partner1", "tier=web", true, false));
					for (int f = 0; f < 4; f++) {
						String leaf = team + "/f" + f;
						this.leaves.add(leaf);
						for (int i = 0; i < 50; i++) {
							int n = puNumber++;
							String address = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
							this.pus
								.add(Scenarios.processingUnit("pu" + n, leaf, List.of(address),
										List.of("app=app" + (n % 20), (n % 3 == 0) ? "env=dev" : "env=prod",
												"tier=" + List.of("web", "db", "cache").get(n % 3)),
										"enforcer-" + n / 2));
						}
						if (this.networks.size() < 1000 && random.nextInt(10) < 9) {
							this.networks.add(Fixtures.network("net-" + leaf.replace('/', '-'), leaf,
									List.of("198.51." + random.nextInt(256) + ".0/24"), List.of("tcp/443"), false,
									"ext=svc" + f));
						}
						for (int p = 0; p < 4; p++) {
							String subject = "app=app" + random.nextInt(20);
							String object = (p == 3) ? "ext=svc" + f : "app=app" + random.nextInt(20);
							ApplyMode mode = (p == 3) ? ApplyMode.OUTGOING_TRAFFIC : ApplyMode.BIDIRECTIONAL;
							this.policies.add(policy("leaf-" + policyNumber++, leaf, PolicyAction.ALLOW, mode, subject,
									object, false, false));
						}
					}
				}
			}
		}
		while (this.networks.size() < 1000) {
			this.networks.add(Fixtures.network("net-extra-" + this.networks.size(), "/t0", List.of("192.0.2.0/24"),
					null, false, "ext=extra"));
		}
		this.policies.addAll(teamPolicies);
		this.policies.addAll(departmentPolicies);
		this.policies.addAll(tenantPolicies);
	}

	private static NetworkPolicy policy(String name, String namespace, PolicyAction action, ApplyMode mode,
			String subject, String object, boolean propagate, boolean fallback) {
		return new NetworkPolicy(name, name, NamespacePath.parse(namespace), action, mode, TagExpression.allOf(subject),
				TagExpression.allOf(object), ServicePorts.ANY, fallback, false, null, false, propagate, false);
	}

	private static NetworkPolicy withPorts(NetworkPolicy p, String ports) {
		return new NetworkPolicy(p.id(), p.name(), p.namespace(), p.action(), p.mode(), p.subject(), p.object(),
				ServicePorts.of(ports), p.fallback(), p.disabled(), p.expirationTime(), p.observationEnabled(),
				p.propagate(), p.logsEnabled());
	}

	private static List<String> userTags(ProcessingUnit pu) {
		return userTags(pu.tags());
	}

	private static List<String> userTags(Set<String> tags) {
		return tags.stream().filter((tag) -> !tag.startsWith("$")).toList();
	}

}
