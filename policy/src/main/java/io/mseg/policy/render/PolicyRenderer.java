package io.mseg.policy.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.decision.Scope;
import io.mseg.policy.decision.Side;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;

/**
 * Computes the rendered policy of an enforcer from a snapshot: the same selection as the
 * decision engine, with remote ends resolved to addresses and entries.
 */
public final class PolicyRenderer {

	private PolicyRenderer() {
	}

	/**
	 * Where rendering finds policies and remote ends: a scan of a {@link PolicySnapshot},
	 * or an index that finds the same answers without scanning.
	 */
	public interface Source {

		/**
		 * The policies of a side, as {@link PolicySnapshot#policiesFor} selects them.
		 * @param pu the processing unit of the side
		 * @param side the side
		 * @param now the evaluation time
		 * @return the active policies that select the unit on this side, in evaluation
		 * order
		 */
		List<NetworkPolicy> policiesFor(ProcessingUnit pu, Side side, Instant now);

		/**
		 * The rule of a policy on a side, which does not depend on the local unit: use
		 * {@link PolicyRenderer#rule} with the candidate remote ends.
		 * @param policy a policy that is decided on this side
		 * @param side the side
		 * @return the rule
		 */
		RenderedRule rule(NetworkPolicy policy, Side side);

		/**
		 * The addresses of processing units that some of the networks may cover
		 * ({@link RemoteNetwork#mayCover}).
		 * @param networks the external networks of the rendered rules, without duplicates
		 * @return the addresses, sorted, without duplicates
		 */
		List<IpAddress> processingUnitAddressesCoveredBy(Collection<RemoteNetwork> networks);

	}

	/**
	 * Renders the rules of some processing units. Each side gets the active policies that
	 * apply to the unit, are decided on that side and select the unit; the remote ends
	 * are the processing units in scope matching the remote selector, and external
	 * networks in scope when the mode allows them (those whose service ports share no
	 * traffic with the policy's ports are left out). Rules with no remote end are kept:
	 * they show that the policy applies. Order: rejects, allows, fallback rejects,
	 * fallback allows, then the observation rules in the same order. The known addresses
	 * are those of processing units that an external network of the rules may cover.
	 * @param snapshot the policies and objects
	 * @param pus the processing units of the enforcer
	 * @param now the evaluation time (for {@code expirationTime})
	 * @return the rendered policy, processing units by namespace, name and id
	 */
	public static RenderedPolicy render(PolicySnapshot snapshot, Collection<ProcessingUnit> pus, Instant now) {
		return render(new SnapshotSource(snapshot), pus, now);
	}

	/**
	 * Renders the rules of some processing units, as
	 * {@link #render(PolicySnapshot, Collection, Instant)} does, reading policies and
	 * rules from a source.
	 * @param source the policies and rules
	 * @param pus the processing units of the enforcer
	 * @param now the evaluation time (for {@code expirationTime})
	 * @return the rendered policy, processing units by namespace, name and id
	 */
	public static RenderedPolicy render(Source source, Collection<ProcessingUnit> pus, Instant now) {
		List<ProcessingUnit> ordered = new ArrayList<>(pus);
		ordered.sort(PolicySnapshot.PROCESSING_UNIT_ORDER);
		List<RenderedPuPolicy> rendered = new ArrayList<>();
		Map<String, RemoteNetwork> networks = new LinkedHashMap<>();
		for (ProcessingUnit pu : ordered) {
			RenderedPuPolicy rules = new RenderedPuPolicy(pu, rules(source, pu, Side.INCOMING, now),
					rules(source, pu, Side.OUTGOING, now));
			for (List<RenderedRule> side : List.of(rules.incoming(), rules.outgoing())) {
				side.forEach((rule) -> rule.externalNetworks().forEach((n) -> networks.putIfAbsent(n.id(), n)));
			}
			rendered.add(rules);
		}
		List<IpAddress> known = networks.isEmpty() ? List.of()
				: source.processingUnitAddressesCoveredBy(networks.values());
		return new RenderedPolicy(rendered, known);
	}

	/**
	 * The rule of a policy on a side: the one implementation of remote selection, used
	 * with every candidate (a snapshot) or with the candidates an index found.
	 * @param policy the policy
	 * @param side the side that decides
	 * @param candidatePus processing units in snapshot order, at least those the remote
	 * side selects; those it does not select are left out
	 * @param candidateNetworks external networks in snapshot order, at least those the
	 * rule renders; the others are left out
	 * @return the rule
	 */
	public static RenderedRule rule(NetworkPolicy policy, Side side, Iterable<ProcessingUnit> candidatePus,
			Iterable<ExternalNetwork> candidateNetworks) {
		List<RemotePu> pus = new ArrayList<>();
		for (ProcessingUnit remote : candidatePus) {
			if (Scope.remoteMatches(policy, side, remote)) {
				pus.add(new RemotePu(remote.id(), remote.name(), remote.namespace(),
						remote.addresses().stream().sorted().toList()));
			}
		}
		List<RemoteNetwork> networks = new ArrayList<>();
		for (ExternalNetwork network : candidateNetworks) {
			if (rendersNetwork(policy, side, network)) {
				ServicePorts effective = policy.ports().intersect(network.servicePorts());
				networks.add(new RemoteNetwork(network.id(), network.name(), network.namespace(),
						network.entries().included(), network.entries().excluded(), network.entries().domains(),
						network.servicePorts(), effective));
			}
		}
		return new RenderedRule(policy.id(), policy.name(), policy.namespace(), policy.action(), policy.fallback(),
				policy.observationEnabled(), policy.logsEnabled(), policy.ports(), pus, networks);
	}

	/**
	 * Whether the rule of a policy on a side lists an external network: the remote side
	 * selects it in scope and its service ports share traffic with the policy's ports.
	 * @param policy the policy
	 * @param side the side that decides
	 * @param network an external network
	 * @return whether the network appears in the rule
	 */
	public static boolean rendersNetwork(NetworkPolicy policy, Side side, ExternalNetwork network) {
		return Scope.remoteMatches(policy, side, network) && !policy.ports().intersect(network.servicePorts()).isNone();
	}

	private static List<RenderedRule> rules(Source source, ProcessingUnit pu, Side side, Instant now) {
		List<RenderedRule> enforced = new ArrayList<>();
		List<RenderedRule> observed = new ArrayList<>();
		for (NetworkPolicy policy : source.policiesFor(pu, side, now)) {
			RenderedRule rule = source.rule(policy, side);
			(policy.observationEnabled() ? observed : enforced).add(rule);
		}
		enforced.addAll(observed);
		return enforced;
	}

	/** Reads everything from a snapshot, scanning its lists. */
	private record SnapshotSource(PolicySnapshot snapshot) implements Source {

		@Override
		public List<NetworkPolicy> policiesFor(ProcessingUnit pu, Side side, Instant now) {
			return this.snapshot.policiesFor(pu, side, now);
		}

		@Override
		public RenderedRule rule(NetworkPolicy policy, Side side) {
			return PolicyRenderer.rule(policy, side, this.snapshot.processingUnits(), this.snapshot.externalNetworks());
		}

		@Override
		public List<IpAddress> processingUnitAddressesCoveredBy(Collection<RemoteNetwork> networks) {
			return this.snapshot.processingUnitAddresses()
				.stream()
				.filter((address) -> networks.stream().anyMatch((network) -> network.mayCover(address)))
				.sorted()
				.toList();
		}

	}

}
