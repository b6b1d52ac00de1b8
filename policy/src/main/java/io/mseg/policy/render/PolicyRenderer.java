package io.mseg.policy.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
	 * Renders the rules of some processing units. Each side gets the active policies that
	 * apply to the unit, are decided on that side and select the unit; the remote ends
	 * are the processing units in scope matching the remote selector, and external
	 * networks in scope when the mode allows them (those whose service ports share no
	 * traffic with the policy's ports are left out). Rules with no remote end are kept:
	 * they show that the policy applies. Order: rejects, allows, fallback rejects,
	 * fallback allows, then the observation rules in the same order.
	 * @param snapshot the policies and objects
	 * @param pus the processing units of the enforcer
	 * @param now the evaluation time (for {@code expirationTime})
	 * @return the rendered policy, processing units by namespace, name and id
	 */
	public static RenderedPolicy render(PolicySnapshot snapshot, Collection<ProcessingUnit> pus, Instant now) {
		List<ProcessingUnit> ordered = new ArrayList<>(pus);
		ordered.sort(PolicySnapshot.PROCESSING_UNIT_ORDER);
		List<RenderedPuPolicy> rendered = new ArrayList<>();
		for (ProcessingUnit pu : ordered) {
			rendered.add(new RenderedPuPolicy(pu, rules(snapshot, pu, Side.INCOMING, now),
					rules(snapshot, pu, Side.OUTGOING, now)));
		}
		List<IpAddress> known = snapshot.processingUnitAddresses().stream().sorted().toList();
		return new RenderedPolicy(rendered, known);
	}

	private static List<RenderedRule> rules(PolicySnapshot snapshot, ProcessingUnit pu, Side side, Instant now) {
		List<RenderedRule> enforced = new ArrayList<>();
		List<RenderedRule> observed = new ArrayList<>();
		for (NetworkPolicy policy : snapshot.policiesFor(pu, side, now)) {
			RenderedRule rule = rule(snapshot, policy, side);
			(policy.observationEnabled() ? observed : enforced).add(rule);
		}
		enforced.addAll(observed);
		return enforced;
	}

	private static RenderedRule rule(PolicySnapshot snapshot, NetworkPolicy policy, Side side) {
		List<RemotePu> pus = new ArrayList<>();
		for (ProcessingUnit remote : snapshot.processingUnits()) {
			if (Scope.remoteMatches(policy, side, remote)) {
				pus.add(new RemotePu(remote.id(), remote.name(), remote.namespace(),
						remote.addresses().stream().sorted().toList()));
			}
		}
		List<RemoteNetwork> networks = new ArrayList<>();
		for (ExternalNetwork network : snapshot.externalNetworks()) {
			if (Scope.remoteMatches(policy, side, network)) {
				ServicePorts effective = policy.ports().intersect(network.servicePorts());
				if (!effective.isNone()) {
					networks.add(new RemoteNetwork(network.id(), network.name(), network.namespace(),
							network.entries().included(), network.entries().excluded(), network.entries().domains(),
							network.servicePorts(), effective));
				}
			}
		}
		return new RenderedRule(policy.id(), policy.name(), policy.namespace(), policy.action(), policy.fallback(),
				policy.observationEnabled(), policy.logsEnabled(), policy.ports(), pus, networks);
	}

}
