package io.mseg.enforcer.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocument.RemoteNetwork;
import io.mseg.enforcer.document.PolicyDocument.Rule;
import io.mseg.enforcer.document.PolicyDocument.UnitPolicy;
import io.mseg.enforcer.nftables.FlowLogPrefix;
import io.mseg.enforcer.nftables.FlowLogPrefix.LoggedClass;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.port.Traffic;

/**
 * Says which policy decided a logged connection. The kernel rule that logged it names the
 * unit, direction and verdict class (and an observed rule its policy), but one kernel
 * rule stands for every logged policy of its class with the same ports; so the policy is
 * the first logged rule of that class, in the order of the document the kernel enforces,
 * whose remote end and ports match the packet, as the decision engine would name it. An
 * external network at the remote end is named with it, and a domain entry by the name the
 * address was learned from. Not thread-safe: one reader thread uses it.
 */
final class FlowAttribution {

	/** Attributions kept per document: connections repeat (same peer, same port). */
	private static final int CACHE = 10_000;

	private final Function<IpAddress, List<String>> learnedNames;

	private PolicyDocument document;

	private Map<String, UnitPolicy> units = Map.of();

	private final Map<Rule, CompiledRule> compiled = new IdentityHashMap<>();

	private final Map<List<Object>, FlowKey> cache = new LinkedHashMap<>(256, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<List<Object>, FlowKey> eldest) {
			return size() > CACHE;
		}

	};

	/**
	 * @param learnedNames the names an address was learned from by DNS interception
	 */
	FlowAttribution(Function<IpAddress, List<String>> learnedNames) {
		this.learnedNames = learnedNames;
	}

	/**
	 * The key of a logged connection's flow record.
	 * @param packet the logged packet
	 * @param current the document the kernel enforces
	 * @return the key, or {@code null} when no processing unit of the document has the
	 * packet's local address (a default reject of an address no unit claims)
	 */
	FlowKey attribute(LoggedPacket packet, PolicyDocument current) {
		if (current != this.document) {
			this.document = current;
			this.units = new HashMap<>();
			if (current != null) {
				current.processingUnits().forEach((unit) -> this.units.putIfAbsent(unit.processingUnit().ID(), unit));
			}
			this.compiled.clear();
			this.cache.clear();
		}
		String protocol = Traffic.protocolName(packet.protocol());
		if (current == null || protocol == null) {
			return null;
		}
		FlowLogPrefix prefix = packet.prefix();
		boolean incoming = prefix.incoming();
		IpAddress local = incoming ? packet.destination() : packet.source();
		IpAddress remote = incoming ? packet.source() : packet.destination();
		List<Object> cacheKey = java.util.Arrays.asList(prefix, packet.source(), packet.destination(),
				packet.protocol(), packet.destinationPort());
		FlowKey cached = this.cache.get(cacheKey);
		if (cached != null) {
			return cached;
		}
		UnitPolicy unit = (prefix.unitId() != null) ? this.units.get(prefix.unitId()) : unitOf(current, local);
		if (unit == null) {
			return null;
		}
		LoggedClass loggedClass = prefix.verdictClass();
		Match match = null;
		if (loggedClass != LoggedClass.DEFAULT_REJECT) {
			Traffic traffic = Traffic.of(protocol, packet.hasPorts() ? packet.destinationPort() : null, null, null);
			match = decidingRule(incoming ? unit.incoming() : unit.outgoing(), prefix, remote, traffic, incoming);
			if (match == null) {
				return null;
			}
		}
		FlowKey key = new FlowKey(unit.processingUnit().ID(), incoming ? "Incoming" : "Outgoing", protocol,
				packet.source().toString(), packet.destination().toString(),
				packet.hasPorts() ? packet.destinationPort() : null, loggedClass.rejects() ? "Reject" : "Allow",
				loggedClass.observed(),
				(loggedClass == LoggedClass.DEFAULT_REJECT) ? "DefaultReject"
						: (match.rule.fallback() ? "Fallback" : "Policy"),
				(match != null) ? match.rule.policyId() : null, (match != null) ? match.networkId : null,
				(match != null) ? match.domain : null);
		this.cache.put(cacheKey, key);
		return key;
	}

	private static UnitPolicy unitOf(PolicyDocument document, IpAddress local) {
		for (UnitPolicy unit : document.processingUnits()) {
			for (String address : unit.processingUnit().addresses()) {
				if (IpAddress.parse(address).equals(local)) {
					return unit;
				}
			}
		}
		return null;
	}

	private Match decidingRule(List<Rule> rules, FlowLogPrefix prefix, IpAddress remote, Traffic traffic,
			boolean incoming) {
		LoggedClass loggedClass = prefix.verdictClass();
		Rule first = null;
		for (Rule rule : rules) {
			boolean sameClass = loggedClass.observed()
					? rule.observed() && rule.policyId() != null && rule.policyId().equals(prefix.policyId())
					: !rule.observed() && rule.rejects() == loggedClass.rejects()
							&& rule.fallback() == loggedClass.fallback();
			if (!sameClass || !rule.logsEnabled()) {
				continue;
			}
			if (first == null) {
				first = rule;
			}
			Match match = compile(rule).match(remote, traffic, incoming, this.learnedNames);
			if (match != null) {
				return match;
			}
		}
		// the kernel matched by an address learned since forgotten, or a document changed
		// between the packet and its reading: the class's first logged policy
		return (first != null) ? new Match(first, null, null) : null;
	}

	private CompiledRule compile(Rule rule) {
		return this.compiled.computeIfAbsent(rule, CompiledRule::new);
	}

	private record Match(Rule rule, String networkId, String domain) {

	}

	/** A rule's remote ends and ports, parsed once per document. */
	private static final class CompiledRule {

		private final Rule rule;

		private final ServicePorts ports;

		private final Set<IpAddress> units = new HashSet<>();

		private final List<CompiledNetwork> networks = new ArrayList<>();

		CompiledRule(Rule rule) {
			this.rule = rule;
			this.ports = rule.ports().isEmpty() ? ServicePorts.ANY : ServicePorts.parse(rule.ports());
			rule.processingUnits()
				.forEach((unit) -> unit.addresses().forEach((a) -> this.units.add(IpAddress.parse(a))));
			rule.externalNetworks().forEach((network) -> this.networks.add(new CompiledNetwork(network)));
		}

		Match match(IpAddress remote, Traffic traffic, boolean incoming,
				Function<IpAddress, List<String>> learnedNames) {
			if (this.units.contains(remote) && this.ports.covers(traffic)) {
				return new Match(this.rule, null, null);
			}
			for (CompiledNetwork network : this.networks) {
				if (!network.ports.covers(traffic)) {
					continue;
				}
				if (network.covers(remote)) {
					return new Match(this.rule, network.id, null);
				}
				if (!incoming && !network.domains.isEmpty()) {
					for (String name : learnedNames.apply(remote)) {
						if (network.domains.stream().anyMatch((pattern) -> pattern.matches(name))) {
							return new Match(this.rule, network.id, name);
						}
					}
				}
			}
			return null;
		}

	}

	private static final class CompiledNetwork {

		private final String id;

		private final ServicePorts ports;

		private final Ranges included;

		private final Ranges excluded;

		private final List<DomainPattern> domains;

		CompiledNetwork(RemoteNetwork network) {
			this.id = network.id();
			this.ports = network.ports().isEmpty() ? ServicePorts.ANY : ServicePorts.parse(network.ports());
			this.included = new Ranges(network.entries());
			this.excluded = new Ranges(network.excluded());
			this.domains = network.domains().stream().map(DomainPattern::parse).toList();
		}

		boolean covers(IpAddress address) {
			return this.included.contains(address) && !this.excluded.contains(address);
		}

	}

	/**
	 * CIDRs as disjoint ranges, found by one lookup: a network may have 100,000 entries,
	 * and a packet must not be compared with each.
	 */
	private static final class Ranges {

		private final TreeMap<IpAddress, IpAddress> lastByFirst = new TreeMap<>();

		Ranges(List<String> cidrs) {
			List<IpPrefix> prefixes = cidrs.stream().map(IpPrefix::parse).sorted().toList();
			IpAddress first = null;
			IpAddress last = null;
			for (IpPrefix prefix : prefixes) {
				if (last != null && prefix.network().isIpv4() == last.isIpv4()
						&& prefix.network().compareTo(last) <= 0) {
					// CIDRs nest or are disjoint: this one lies inside the current range
					if (prefix.lastAddress().compareTo(last) > 0) {
						last = prefix.lastAddress();
					}
					continue;
				}
				if (first != null) {
					this.lastByFirst.put(first, last);
				}
				first = prefix.network();
				last = prefix.lastAddress();
			}
			if (first != null) {
				this.lastByFirst.put(first, last);
			}
		}

		boolean contains(IpAddress address) {
			Map.Entry<IpAddress, IpAddress> range = this.lastByFirst.floorEntry(address);
			return range != null && range.getValue().isIpv4() == address.isIpv4()
					&& range.getValue().compareTo(address) >= 0;
		}

	}

}
