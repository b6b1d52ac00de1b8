package io.mseg.policy.render.wire;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The index of an enforcer's rendered policy ({@code GET
 * /enforcers/{id}/renderedpolicy/index}): the document's frame, with its rules, external
 * networks and known addresses named by the sections that hold them. An enforcer fetches
 * only the sections it does not hold.
 *
 * @param enforcerID the enforcer the policy is for
 * @param version the policy version at which the policy last changed
 * @param processingUnits per protected unit, the sections of its rules
 * @param externalNetworks every network section the rule sections name, each once, sorted
 * @param knownProcessingUnitAddresses the section of the known processing-unit addresses
 */
public record EnforcerPolicyIndex(String enforcerID, long version, List<EnforcerUnitIndex> processingUnits,
		List<String> externalNetworks, String knownProcessingUnitAddresses) {

	public EnforcerPolicyIndex {
		processingUnits = (processingUnits != null) ? List.copyOf(processingUnits) : List.of();
		externalNetworks = (externalNetworks != null) ? List.copyOf(externalNetworks) : List.of();
	}

	/**
	 * Every section the policy is made of, each once.
	 * @return the names: rule chunks, network sections, then the known addresses
	 */
	public Set<String> sections() {
		Set<String> names = new LinkedHashSet<>(ruleChunks());
		names.addAll(this.externalNetworks);
		if (this.knownProcessingUnitAddresses != null) {
			names.add(this.knownProcessingUnitAddresses);
		}
		return names;
	}

	/**
	 * The sections holding rules (chunks), each once.
	 * @return their names, unit by unit, incoming before outgoing
	 */
	public Set<String> ruleChunks() {
		Set<String> names = new LinkedHashSet<>();
		for (EnforcerUnitIndex unit : this.processingUnits) {
			names.addAll(unit.incoming());
			names.addAll(unit.outgoing());
		}
		return names;
	}

}
