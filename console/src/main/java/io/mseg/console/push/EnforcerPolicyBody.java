package io.mseg.console.push;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.push.RenderedPolicyBody.Rule;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.render.RenderedPolicy;
import io.mseg.policy.render.RenderedPuPolicy;
import io.mseg.policy.render.wire.RenderedPolicyTarget;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The rendered policy of an enforcer: every processing unit it protects with its incoming
 * and outgoing rules in evaluation order, and the policy version at which it last
 * changed.
 *
 * @param knownProcessingUnitAddresses addresses of processing units that the rules'
 * external networks cover: never to be matched as external hosts
 */
@Schema(name = "EnforcerPolicy")
public record EnforcerPolicyBody(@JsonProperty("enforcerID") String enforcerId, long version,
		List<UnitPolicy> processingUnits, List<String> knownProcessingUnitAddresses) {

	/** The rules of one protected processing unit. */
	@Schema(name = "EnforcerUnitPolicy")
	public record UnitPolicy(RenderedPolicyTarget processingUnit, List<Rule> incoming, List<Rule> outgoing) {

	}

	/**
	 * Builds the document as {@code viewer}'s namespace may see it (remote objects of
	 * other namespaces keep their addresses and entries only), listing the known
	 * addresses that {@code shown} accepts or that the rules name.
	 */
	public static EnforcerPolicyBody of(String enforcerId, long version, RenderedPolicy policy, NamespacePath viewer,
			Predicate<IpAddress> shown) {
		Set<String> named = new HashSet<>();
		List<UnitPolicy> units = policy.processingUnits().stream().map((pu) -> unit(pu, viewer, named)).toList();
		List<String> known = policy.knownPuAddresses()
			.stream()
			.filter((address) -> shown.test(address) || named.contains(address.toString()))
			.map(IpAddress::toString)
			.toList();
		return new EnforcerPolicyBody(enforcerId, version, units, known);
	}

	public EnforcerPolicyBody withVersion(long version) {
		return new EnforcerPolicyBody(this.enforcerId, version, this.processingUnits,
				this.knownProcessingUnitAddresses);
	}

	private static UnitPolicy unit(RenderedPuPolicy pu, NamespacePath viewer, Set<String> named) {
		RenderedPolicyBody.View view = new RenderedPolicyBody.View(pu.pu(), viewer);
		List<Rule> incoming = view.rules(pu.incoming());
		List<Rule> outgoing = view.rules(pu.outgoing());
		java.util.stream.Stream.concat(incoming.stream(), outgoing.stream())
			.flatMap((rule) -> rule.processingUnits().stream())
			.forEach((remote) -> named.addAll(remote.addresses()));
		var target = pu.pu();
		return new UnitPolicy(
				new RenderedPolicyTarget(target.id(), target.name(), target.namespace().value(),
						target.addresses().stream().map(IpAddress::toString).toList(), List.copyOf(target.tags())),
				incoming, outgoing);
	}

}
