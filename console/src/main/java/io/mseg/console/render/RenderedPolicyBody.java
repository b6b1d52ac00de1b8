package io.mseg.console.render;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.render.RemoteNetwork;
import io.mseg.policy.render.RemotePu;
import io.mseg.policy.render.RenderedPolicy;
import io.mseg.policy.render.RenderedPuPolicy;
import io.mseg.policy.render.RenderedRule;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The policy that applies to one processing unit, as its enforcer would apply it:
 * incoming and outgoing rules in evaluation order (rejects, allows, fallback rejects,
 * fallback allows, then observation-only rules), remote processing units resolved to
 * their addresses and external networks to their entries and ports.
 *
 * @param knownProcessingUnitAddresses addresses of every processing unit: an external
 * network never matches them (DESIGN §3 point 4)
 */
@Schema(name = "RenderedPolicy")
public record RenderedPolicyBody(Target processingUnit, List<String> knownProcessingUnitAddresses, List<Rule> incoming,
		List<Rule> outgoing) {

	/** The processing unit the policy is for. */
	@Schema(name = "RenderedPolicyTarget")
	public record Target(@JsonProperty("ID") String id, String name, String namespace, List<String> addresses,
			List<String> normalizedTags) {

	}

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
			List<String> ports, List<Remote> processingUnits, List<Network> externalNetworks) {

	}

	/** A remote processing unit matched by the rule. */
	@Schema(name = "RenderedRemoteProcessingUnit")
	public record Remote(@JsonProperty("ID") String id, String name, String namespace, List<String> addresses) {

	}

	/**
	 * A remote external network matched by the rule.
	 *
	 * @param entries the included CIDRs
	 * @param excluded CIDRs carved out of them
	 * @param ports the ports the rule allows or rejects for this network: the policy's
	 * ports intersected with the network's service ports (empty means any)
	 */
	@Schema(name = "RenderedExternalNetwork")
	public record Network(@JsonProperty("ID") String id, String name, String namespace, List<String> entries,
			List<String> excluded, List<String> domains, List<String> servicePorts, List<String> ports) {

	}

	static RenderedPolicyBody of(RenderedPolicy policy, RenderedPuPolicy pu) {
		ProcessingUnit target = pu.pu();
		return new RenderedPolicyBody(
				new Target(target.id(), target.name(), target.namespace().value(), strings(target.addresses()),
						List.copyOf(target.tags())),
				strings(policy.knownPuAddresses()), rules(target, pu.incoming()), rules(target, pu.outgoing()));
	}

	private static List<Rule> rules(ProcessingUnit target, List<RenderedRule> rules) {
		return rules.stream().map((rule) -> rule(target, rule)).toList();
	}

	private static Rule rule(ProcessingUnit target, RenderedRule r) {
		NamespacePath owner = r.policyNamespace();
		String propagatedFrom = owner.equals(target.namespace()) ? null : owner.value();
		return new Rule(r.policyId(), r.policyName(), owner.value(), propagatedFrom, r.action().wireName(),
				r.fallback(), r.observed(), r.logsEnabled(), ports(r.ports()),
				r.processingUnits().stream().map(RenderedPolicyBody::remote).toList(),
				r.externalNetworks().stream().map(RenderedPolicyBody::network).toList());
	}

	private static Remote remote(RemotePu pu) {
		return new Remote(pu.id(), pu.name(), pu.namespace().value(), strings(pu.addresses()));
	}

	private static Network network(RemoteNetwork n) {
		return new Network(n.id(), n.name(), n.namespace().value(), strings(n.included()), strings(n.excluded()),
				n.domains().stream().map(DomainPattern::toString).toList(), ports(n.servicePorts()),
				ports(n.effectivePorts()));
	}

	static List<String> ports(ServicePorts ports) {
		return ports.isAny() ? List.of() : ports.toStrings();
	}

	private static List<String> strings(List<?> values) {
		return values.stream().map(Object::toString).toList();
	}

}
