package io.mseg.policy.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mseg.policy.InvalidValueException;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.port.Traffic;

/**
 * Decides a connection the way the enforcers at both ends would (DESIGN section 3).
 */
public final class DecisionEngine {

	private DecisionEngine() {
	}

	/**
	 * Decides a connection: each processing-unit end evaluates its policies; a connection
	 * between two units needs both to allow, one with an external host is decided by the
	 * unit alone. An external endpoint whose address belongs to a known processing unit
	 * is that unit.
	 * @param snapshot the policies and objects
	 * @param c the connection
	 * @param now the evaluation time (for {@code expirationTime})
	 * @return the decision
	 * @throws InvalidValueException when neither end is a processing unit
	 */
	public static Decision decide(PolicySnapshot snapshot, Connection c, Instant now) {
		Endpoint source = resolve(snapshot, c.source());
		Endpoint destination = resolve(snapshot, c.destination());
		Optional<SideDecision> outgoing = (source instanceof Endpoint.Pu pu)
				? Optional.of(decideSide(snapshot, Side.OUTGOING, pu.pu(), destination, c.traffic(), now))
				: Optional.empty();
		Optional<SideDecision> incoming = (destination instanceof Endpoint.Pu pu)
				? Optional.of(decideSide(snapshot, Side.INCOMING, pu.pu(), source, c.traffic(), now))
				: Optional.empty();
		if (outgoing.isEmpty() && incoming.isEmpty()) {
			throw new InvalidValueException("neither endpoint is a processing unit: no enforcer decides a connection"
					+ " between two external hosts");
		}
		boolean allowed = outgoing.map((d) -> d.verdict() == Verdict.ALLOW).orElse(true)
				&& incoming.map((d) -> d.verdict() == Verdict.ALLOW).orElse(true);
		return new Decision(allowed ? Verdict.ALLOW : Verdict.REJECT, outgoing, incoming);
	}

	/**
	 * Decides one side: any matching reject rejects, else any allow allows, else the
	 * fallback policies the same way, else the default reject.
	 * @param snapshot the policies and objects
	 * @param side the deciding side
	 * @param pu the processing unit of that side
	 * @param remote the other end
	 * @param t the traffic
	 * @param now the evaluation time
	 * @return the side's decision
	 */
	public static SideDecision decideSide(PolicySnapshot snapshot, Side side, ProcessingUnit pu, Endpoint remote,
			Traffic t, Instant now) {
		Endpoint resolved = resolve(snapshot, remote);
		List<PolicyMatch> matching = new ArrayList<>();
		List<PolicyMatch> observed = new ArrayList<>();
		for (NetworkPolicy policy : snapshot.policiesFor(pu, side, now)) {
			if (policy.ports().covers(t)) {
				List<PolicyMatch> matches = remoteMatches(snapshot, policy, side, resolved, t);
				(policy.observationEnabled() ? observed : matching).addAll(matches);
			}
		}
		DecisionReason reason = decidingClass(matching);
		List<PolicyMatch> deciding = matching.stream()
			.filter((match) -> DecisionReason.forPolicy(match.policy()) == reason)
			.toList();
		return new SideDecision(side, pu, reason.verdict(), reason, deciding, matching, observed);
	}

	/**
	 * The first class in evaluation order that has a match; the default reject when none
	 * has one.
	 */
	private static DecisionReason decidingClass(List<PolicyMatch> matching) {
		Set<DecisionReason> matched = EnumSet.noneOf(DecisionReason.class);
		matching.forEach((match) -> matched.add(DecisionReason.forPolicy(match.policy())));
		return DecisionReason.inEvaluationOrder()
			.stream()
			.filter((reason) -> reason == DecisionReason.DEFAULT_REJECT || matched.contains(reason))
			.findFirst()
			.orElseThrow();
	}

	private static List<PolicyMatch> remoteMatches(PolicySnapshot snapshot, NetworkPolicy policy, Side side,
			Endpoint remote, Traffic t) {
		if (remote instanceof Endpoint.Pu pu) {
			return Scope.remoteMatches(policy, side, pu.pu()) ? List.of(new PolicyMatch(policy, null)) : List.of();
		}
		Endpoint.External external = (Endpoint.External) remote;
		List<PolicyMatch> matches = new ArrayList<>();
		for (ExternalNetwork network : snapshot.externalNetworks()) {
			if (Scope.remoteMatches(policy, side, network) && covers(network, side, external)
					&& network.servicePorts().covers(t)) {
				matches.add(new PolicyMatch(policy, network.id()));
			}
		}
		return matches;
	}

	/**
	 * A domain entry matches only connections the processing unit initiates: its
	 * addresses are learned from the answers to the unit's own lookups, so nothing tells
	 * an enforcer the name of a host that connects in.
	 */
	private static boolean covers(ExternalNetwork network, Side side, Endpoint.External external) {
		return network.entries().covers(external.address())
				|| (side == Side.OUTGOING && network.entries().coversDomain(external.domain()));
	}

	/**
	 * An address that belongs to a known processing unit is that unit, never an external
	 * host.
	 */
	private static Endpoint resolve(PolicySnapshot snapshot, Endpoint endpoint) {
		if (endpoint instanceof Endpoint.External external && external.address() != null) {
			return snapshot.processingUnitByAddress(external.address())
				.<Endpoint>map(Endpoint.Pu::new)
				.orElse(endpoint);
		}
		return endpoint;
	}

}
