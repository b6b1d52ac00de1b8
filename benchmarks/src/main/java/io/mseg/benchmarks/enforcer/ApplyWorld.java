package io.mseg.benchmarks.enforcer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;

/**
 * A rendered policy of the size docs/benchmarks.md section 4 names, generated from a
 * seed: a few protected units; policies drawn from many apps (remote unit lists of 1 to a
 * few hundred units), ports from a skewed mix of common single ports, a few dozen
 * multi-port lists and rarer ports; about 7 % rejects, 5 % fallbacks, 3 % observed, 10 %
 * naming small external networks; and one large external network (random non-overlapping
 * CIDRs, 90 % IPv4 /24, /28 or /32 and 10 % IPv6 /48, /64 or /128) named by four policies
 * (a block list in and out, an observed SSH, a fallback allow of the web ports). Every
 * remote unit address is a known processing-unit address. The world changes one entry at
 * a time ({@link #addCidr}, {@link #removeCidr}, {@link #addUnitAddress},
 * {@link #addPolicy}).
 */
final class ApplyWorld {

	private static final String[] COMMON = { "tcp/443", "tcp/80", "tcp/8080", "tcp/5432", "tcp/6379", "tcp/3306",
			"tcp/9200", "tcp/22", "udp/53", "tcp/8443", "tcp/9090", "tcp/27017", "tcp/11211", "tcp/5672", "tcp/9092" };

	private final Random random;

	/**
	 * CIDRs come from their own generator: the policies do not depend on the CIDR count.
	 */
	private final Random cidrRandom;

	private final int unitCount;

	private final List<List<Integer>> apps = new ArrayList<>();

	private final List<List<String>> unitAddresses = new ArrayList<>();

	private final List<List<String>> multiPortLists = new ArrayList<>();

	private final List<List<String>> smallNetworks = new ArrayList<>();

	private final List<String> cidrs = new ArrayList<>();

	private final Set<Long> usedBlocks = new HashSet<>();

	private final List<Spec> policies = new ArrayList<>();

	private long version = 1;

	/**
	 * A world.
	 * @param seed the random seed
	 * @param units protected units
	 * @param remoteUnits remote processing units (in apps)
	 * @param policies policies
	 * @param cidrs entries of the large external network
	 * @param appSizeMax the largest app (remote units per app, log-uniform from 1)
	 */
	ApplyWorld(long seed, int units, int remoteUnits, int policies, int cidrs, int appSizeMax) {
		this.random = new Random(seed);
		this.cidrRandom = new Random(seed * 31 + 1);
		this.unitCount = units;
		for (int i = 0; i < remoteUnits; i++) {
			List<String> addresses = new ArrayList<>();
			addresses.add(v4(0x0A400000L + i * 3L));
			if (i % 5 == 0) {
				addresses.add("fd00:1::" + Integer.toHexString(i + 1));
			}
			this.unitAddresses.add(addresses);
		}
		int next = 0;
		while (next < remoteUnits) {
			// log-uniform app sizes: as many apps of 1-9 units as of 10-99 (median ~10)
			int size = Math.min(remoteUnits - next,
					Math.max(1, (int) Math.exp(this.random.nextDouble() * Math.log(appSizeMax + 1))));
			List<Integer> app = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				app.add(next++);
			}
			this.apps.add(app);
		}
		for (int i = 0; i < 40; i++) {
			List<String> ports = new ArrayList<>();
			int count = 2 + this.random.nextInt(4);
			for (int p = 0; p < count; p++) {
				ports.add((this.random.nextInt(5) == 0) ? "tcp/" + (8000 + 100 * i) + ":" + (8000 + 100 * i + 50)
						: "tcp/" + (1024 + this.random.nextInt(30000)));
			}
			this.multiPortLists.add(ports.stream().distinct().toList());
		}
		for (int i = 0; i < 50; i++) {
			List<String> entries = new ArrayList<>();
			int count = 1 + this.random.nextInt(20);
			for (int e = 0; e < count; e++) {
				entries.add(newCidr());
			}
			this.smallNetworks.add(entries);
		}
		for (int i = 0; i < cidrs; i++) {
			this.cidrs.add(newCidr());
		}
		this.policies.add(new Spec("block-in", true, false, "Reject", false, false, List.of(), List.of(), -2));
		this.policies.add(new Spec("block-out", false, true, "Reject", false, false, List.of(), List.of(), -2));
		this.policies.add(new Spec("observe-ssh", true, false, "Allow", false, true, List.of("tcp/22"), List.of(), -2));
		this.policies.add(new Spec("fallback-web", true, false, "Allow", true, false, List.of("tcp/80", "tcp/443"),
				List.of(), -2));
		while (this.policies.size() < policies) {
			this.policies.add(randomPolicy(this.policies.size()));
		}
	}

	/**
	 * @return the large external network's entry count
	 */
	int cidrCount() {
		return this.cidrs.size();
	}

	/** Adds a new CIDR (in an unused block) to the large external network. */
	void addCidr() {
		this.cidrs.add(newCidr());
	}

	/** Removes a random CIDR of the large external network. */
	void removeCidr() {
		this.cidrs.remove(this.cidrRandom.nextInt(this.cidrs.size()));
	}

	/** Gives a random remote unit one more address. */
	void addUnitAddress() {
		List<String> addresses = this.unitAddresses.get(this.random.nextInt(this.unitAddresses.size()));
		addresses.add(v4(0x0AC00000L + this.random.nextInt(1 << 20)));
	}

	/** Adds one random policy. */
	void addPolicy() {
		this.policies.add(randomPolicy(this.policies.size()));
	}

	/**
	 * @return the rendered policy of the world as it is now (a new version)
	 */
	PolicyDocument document() {
		List<UnitPolicy> units = new ArrayList<>();
		for (int u = 0; u < this.unitCount; u++) {
			List<Rule> incoming = new ArrayList<>();
			List<Rule> outgoing = new ArrayList<>();
			for (int p = 0; p < this.policies.size(); p++) {
				Spec spec = this.policies.get(p);
				// the first unit has every policy, the others about half of them
				if (u > 0 && (p * 31 + u) % 2 == 0) {
					continue;
				}
				Rule rule = rule(spec);
				if (spec.incoming) {
					incoming.add(rule);
				}
				if (spec.outgoing) {
					outgoing.add(rule);
				}
			}
			units.add(new UnitPolicy(
					new RenderedPolicyTarget("pu-" + u, "host-" + u, "/bench",
							List.of(v4(0x0A000001L + u), "fd00::" + Integer.toHexString(u + 1)), List.of("app=bench")),
					order(incoming), order(outgoing)));
		}
		Set<String> known = new HashSet<>();
		this.unitAddresses.forEach(known::addAll);
		for (int u = 0; u < this.unitCount; u++) {
			known.add(v4(0x0A000001L + u));
		}
		return new PolicyDocument("bench", this.version++, units, List.copyOf(known));
	}

	/**
	 * Rejects, allows, fallback rejects, fallback allows (observed ones where they fall).
	 */
	private static List<Rule> order(List<Rule> rules) {
		List<Rule> ordered = new ArrayList<>(rules);
		ordered.sort((a, b) -> Integer.compare(rank(a), rank(b)));
		return ordered;
	}

	private static int rank(Rule rule) {
		return (rule.fallback() ? 2 : 0) + (rule.rejects() ? 0 : 1);
	}

	private Rule rule(Spec spec) {
		List<RenderedRemoteProcessingUnit> units = new ArrayList<>();
		for (int app : spec.apps) {
			for (int unit : this.apps.get(app)) {
				units.add(new RenderedRemoteProcessingUnit("u" + unit, "unit-" + unit, "/bench",
						this.unitAddresses.get(unit)));
			}
		}
		List<RemoteNetwork> networks = new ArrayList<>();
		if (spec.network == -2) {
			networks.add(
					new RemoteNetwork("big", "big", "/bench", this.cidrs, List.of(), List.of(), List.of(), spec.ports));
		}
		else if (spec.network >= 0) {
			networks.add(new RemoteNetwork("n" + spec.network, "net-" + spec.network, "/bench",
					this.smallNetworks.get(spec.network), List.of(), List.of(), List.of(), spec.ports));
		}
		return new Rule("p-" + spec.name, spec.name, "/bench", null, spec.action, spec.fallback, spec.observed, false,
				spec.ports, units, networks);
	}

	private Spec randomPolicy(int number) {
		double direction = this.random.nextDouble();
		boolean incoming = direction < 0.7;
		boolean outgoing = direction >= 0.5;
		double kind = this.random.nextDouble();
		String action = (kind < 0.07 || (kind >= 0.90 && kind < 0.92)) ? "Reject" : "Allow";
		boolean fallback = kind >= 0.90 && kind < 0.95;
		boolean observed = kind >= 0.97;
		List<Integer> apps = new ArrayList<>();
		int appCount = 1 + ((this.random.nextInt(4) == 0) ? this.random.nextInt(3) : 0);
		for (int i = 0; i < appCount; i++) {
			apps.add(this.random.nextInt(this.apps.size()));
		}
		int network = (this.random.nextInt(10) == 0) ? this.random.nextInt(this.smallNetworks.size()) : -1;
		return new Spec("policy-" + number, incoming, outgoing, action, fallback, observed, ports(), apps, network);
	}

	private List<String> ports() {
		double draw = this.random.nextDouble();
		if (draw < 0.60) {
			// Zipf-like: the first ports are the most common
			return List.of(COMMON[(int) Math.floor(Math.pow(this.random.nextDouble(), 2) * COMMON.length)]);
		}
		if (draw < 0.85) {
			return this.multiPortLists.get(this.random.nextInt(this.multiPortLists.size()));
		}
		if (draw < 0.95) {
			return List.of("tcp/" + (20000 + this.random.nextInt(200)));
		}
		return List.of();
	}

	/** One entry per unused /24 (IPv4) or /48 (IPv6) block: never overlapping. */
	private String newCidr() {
		boolean v6 = this.cidrRandom.nextInt(10) == 0;
		while (true) {
			if (v6) {
				long block = this.cidrRandom.nextInt(1 << 16);
				if (this.usedBlocks.add(-1 - block)) {
					String prefix = "2001:db8:" + Long.toHexString(block);
					return switch (this.cidrRandom.nextInt(3)) {
						case 0 -> prefix + "::/48";
						case 1 -> prefix + ":" + Integer.toHexString(this.cidrRandom.nextInt(1 << 16)) + "::/64";
						default -> prefix + ":1::" + Integer.toHexString(1 + this.cidrRandom.nextInt(1 << 16));
					};
				}
				continue;
			}
			// public-looking space 11.0.0.0 - 223.255.255.0, never the 10/8 of the units
			long block = (11L << 16) + this.cidrRandom.nextInt((223 - 11) << 16);
			if (this.usedBlocks.add(block)) {
				return switch (this.cidrRandom.nextInt(3)) {
					case 0 -> v4(block << 8) + "/24";
					case 1 -> v4((block << 8) + 16L * this.cidrRandom.nextInt(16)) + "/28";
					default -> v4((block << 8) + this.cidrRandom.nextInt(256));
				};
			}
		}
	}

	static String v4(long value) {
		return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
	}

	/**
	 * A policy of the world.
	 *
	 * @param network {@code -1} none, {@code -2} the large network, else a small one
	 */
	private record Spec(String name, boolean incoming, boolean outgoing, String action, boolean fallback,
			boolean observed, List<String> ports, List<Integer> apps, int network) {

	}

}
