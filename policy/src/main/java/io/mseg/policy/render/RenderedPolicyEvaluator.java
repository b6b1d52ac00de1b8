package io.mseg.policy.render;

import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import io.mseg.policy.decision.Side;
import io.mseg.policy.decision.Verdict;
import io.mseg.policy.model.PolicyAction;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;
import io.mseg.policy.port.Traffic;

/**
 * Evaluates a connection against a rendered policy the way an enforcer does: the first
 * matching rule in order decides, otherwise reject.
 */
public final class RenderedPolicyEvaluator {

	private RenderedPolicyEvaluator() {
	}

	/**
	 * Evaluates one side of a connection. Observation rules never decide. A remote
	 * address in {@code knownPuAddresses} never matches an external network by address,
	 * only remote processing units. Any other address may match both: the addresses of
	 * processing units left out of {@code knownPuAddresses} are those that no external
	 * network of the rules may cover, so only processing-unit rules can match them, while
	 * addresses of external hosts appear in no processing-unit rule. A remote reached by
	 * a domain name matches a domain pattern only on the outgoing side (an enforcer
	 * learns names from its own unit's lookups, never from a host connecting in) and only
	 * when its address is no processing unit's at all, which an enforcer resolving names
	 * checks against every unit's address.
	 * @param policy the rendered policy (for its known processing-unit addresses)
	 * @param pu the rules of the local processing unit
	 * @param side which of its rule lists to use
	 * @param remote the address of the other end, may be {@code null}
	 * @param remoteDomain the domain name of the other end, may be {@code null}
	 * @param t the traffic
	 * @param unitAddresses whether an address belongs to any processing unit
	 * @return the verdict
	 */
	public static Verdict evaluate(RenderedPolicy policy, RenderedPuPolicy pu, Side side, IpAddress remote,
			String remoteDomain, Traffic t, Predicate<IpAddress> unitAddresses) {
		boolean knownPu = remote != null && Collections.binarySearch(policy.knownPuAddresses(), remote) >= 0;
		String domain = (side == Side.INCOMING
				|| (remoteDomain != null && remote != null && unitAddresses.test(remote))) ? null : remoteDomain;
		List<RenderedRule> rules = (side == Side.INCOMING) ? pu.incoming() : pu.outgoing();
		for (RenderedRule rule : rules) {
			if (!rule.observed() && matches(rule, remote, knownPu, domain, t)) {
				return (rule.action() == PolicyAction.ALLOW) ? Verdict.ALLOW : Verdict.REJECT;
			}
		}
		return Verdict.REJECT;
	}

	private static boolean matches(RenderedRule rule, IpAddress remote, boolean knownPu, String remoteDomain,
			Traffic t) {
		boolean byPu = remote != null && rule.ports().covers(t)
				&& rule.processingUnits().stream().anyMatch((pu) -> pu.addresses().contains(remote));
		return byPu || rule.externalNetworks()
			.stream()
			.anyMatch((network) -> network.effectivePorts().covers(t)
					&& covers(network, knownPu ? null : remote, remoteDomain));
	}

	private static boolean covers(RemoteNetwork network, IpAddress remote, String remoteDomain) {
		boolean byAddress = remote != null && network.included().stream().anyMatch((p) -> p.contains(remote))
				&& network.excluded().stream().noneMatch((IpPrefix p) -> p.contains(remote));
		return byAddress || network.domains().stream().anyMatch((DomainPattern d) -> d.matches(remoteDomain));
	}

}
