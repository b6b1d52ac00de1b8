package io.mseg.console.push;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.render.RemoteNetwork;
import io.mseg.policy.render.RemotePu;
import io.mseg.policy.render.RenderedPolicy;
import io.mseg.policy.render.RenderedPuPolicy;
import io.mseg.policy.render.RenderedRule;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import io.mseg.policy.render.wire.RenderedRemoteProcessingUnit;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The policy that applies to one processing unit, as its enforcer would apply it:
 * incoming and outgoing rules in evaluation order (rejects, allows, fallback rejects,
 * fallback allows, then observation-only rules), remote processing units resolved to
 * their addresses and external networks to their entries and ports.
 *
 * @param knownProcessingUnitAddresses addresses of processing units, which an external
 * network never matches (docs/api.md, "Policy semantics"): those the request's namespace
 * can read and those its rules name (enforcers get every one)
 */
@Schema(name = "RenderedPolicy")
public record RenderedPolicyBody(RenderedPolicyTarget processingUnit, List<String> knownProcessingUnitAddresses,
		List<Rule> incoming, List<Rule> outgoing) {

	/**
	 * One policy as it applies to the processing unit.
	 *
	 * @param propagatedFrom the policy's namespace when it is an ancestor's, propagated
	 * down
	 * @param observed observation mode: reported, never enforced
	 * @param ports the policy's ports; empty means any
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "RenderedRule")
	public record Rule(@JsonProperty("policyID") String policyId, String policyName, String policyNamespace,
			String propagatedFrom, String action, boolean fallback, boolean observed, boolean logsEnabled,
			List<String> ports, List<RenderedRemoteProcessingUnit> processingUnits, List<Network> externalNetworks) {

	}

	/**
	 * A remote external network matched by the rule.
	 *
	 * @param entries the included CIDRs
	 * @param excluded CIDRs carved out of them
	 * @param ports the ports the rule allows or rejects for this network: the policy's
	 * ports intersected with the network's service ports (empty means any)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "RenderedExternalNetwork")
	public record Network(@JsonProperty("ID") String id, String name, String namespace, List<String> entries,
			List<String> excluded, List<String> domains, List<String> servicePorts, List<String> ports) {

	}

	/**
	 * The body as {@code viewer}'s namespace may see it: remote processing units and
	 * external networks of namespaces it cannot read keep their addresses and entries
	 * (the rule needs them) but lose their ID, name and namespace; the known addresses
	 * are those of units it can read, or that its rules name.
	 */
	static RenderedPolicyBody of(RenderedPolicy policy, RenderedPuPolicy pu, NamespacePath viewer,
			Predicate<IpAddress> readableAddress) {
		ProcessingUnit target = pu.pu();
		View view = new View(target, viewer);
		List<Rule> incoming = view.rules(pu.incoming());
		List<Rule> outgoing = view.rules(pu.outgoing());
		Set<String> named = new java.util.HashSet<>();
		java.util.stream.Stream.concat(incoming.stream(), outgoing.stream())
			.flatMap((rule) -> rule.processingUnits().stream())
			.forEach((remote) -> named.addAll(remote.addresses()));
		List<String> known = policy.knownPuAddresses()
			.stream()
			.filter((address) -> readableAddress.test(address) || named.contains(address.toString()))
			.map(IpAddress::toString)
			.toList();
		return new RenderedPolicyBody(new RenderedPolicyTarget(target.id(), target.name(), target.namespace().value(),
				strings(target.addresses()), List.copyOf(target.tags())), known, incoming, outgoing);
	}

	/**
	 * Whether an address is that of a processing unit the viewer's namespace may read.
	 */
	public static Predicate<IpAddress> readableBy(PolicySnapshot snapshot, NamespacePath viewer) {
		return (address) -> snapshot.processingUnitByAddress(address)
			.map((unit) -> viewer.contains(unit.namespace()))
			.orElse(false);
	}

	/** Renders rules for one processing unit as one namespace may see them. */
	record View(ProcessingUnit target, NamespacePath viewer) {

		List<Rule> rules(List<RenderedRule> rules) {
			return rules.stream().map(this::rule).toList();
		}

		private Rule rule(RenderedRule r) {
			NamespacePath owner = r.policyNamespace();
			String propagatedFrom = owner.equals(this.target.namespace()) ? null : owner.value();
			return new Rule(r.policyId(), r.policyName(), owner.value(), propagatedFrom, r.action().wireName(),
					r.fallback(), r.observed(), r.logsEnabled(), ports(r.ports()),
					r.processingUnits().stream().map(this::remote).toList(),
					r.externalNetworks().stream().map(this::network).toList());
		}

		private RenderedRemoteProcessingUnit remote(RemotePu pu) {
			boolean readable = this.viewer.contains(pu.namespace());
			return new RenderedRemoteProcessingUnit(readable ? pu.id() : null, readable ? pu.name() : null,
					readable ? pu.namespace().value() : null, strings(pu.addresses()));
		}

		private Network network(RemoteNetwork n) {
			boolean readable = this.viewer.contains(n.namespace()) || n.namespace().isAncestorOf(this.viewer);
			return new Network(readable ? n.id() : null, readable ? n.name() : null,
					readable ? n.namespace().value() : null, strings(n.included()), strings(n.excluded()),
					n.domains().stream().map(DomainPattern::toString).toList(), ports(n.servicePorts()),
					ports(n.effectivePorts()));
		}

	}

	static List<String> ports(ServicePorts ports) {
		return ports.isAny() ? List.of() : ports.toStrings();
	}

	private static List<String> strings(List<?> values) {
		return values.stream().map(Object::toString).toList();
	}

}
