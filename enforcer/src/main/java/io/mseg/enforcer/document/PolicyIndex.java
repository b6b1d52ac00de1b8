package io.mseg.enforcer.document;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.enforcer.document.PolicyDocument.Unit;

/**
 * The index of this enforcer's rendered policy in sections ({@code GET
 * /enforcers/{id}/renderedpolicy/index}): the document's frame, with the rules, the
 * networks and the known addresses named by their sections' content hashes
 * ({@link PolicySections}).
 *
 * @param enforcerId the enforcer the document is for
 * @param version the policy version at which the document last changed
 * @param processingUnits per protected unit, the sections of its rules
 * @param externalNetworks the network sections the rules name
 * @param knownProcessingUnitAddresses the section of the known processing-unit addresses
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyIndex(@JsonProperty("enforcerID") String enforcerId, long version, List<UnitIndex> processingUnits,
		List<String> externalNetworks, String knownProcessingUnitAddresses) {

	public PolicyIndex {
		processingUnits = (processingUnits != null) ? List.copyOf(processingUnits) : List.of();
		externalNetworks = (externalNetworks != null) ? List.copyOf(externalNetworks) : List.of();
	}

	/**
	 * Every section the document is made of, each once.
	 * @return the names: rule chunks, networks, then the known addresses
	 */
	public Set<String> sections() {
		Set<String> names = new LinkedHashSet<>(ruleChunks());
		names.addAll(this.externalNetworks);
		if (this.knownProcessingUnitAddresses != null) {
			names.add(this.knownProcessingUnitAddresses);
		}
		return names;
	}

	Set<String> ruleChunks() {
		Set<String> names = new LinkedHashSet<>();
		for (UnitIndex unit : this.processingUnits) {
			names.addAll(unit.incoming());
			names.addAll(unit.outgoing());
		}
		return names;
	}

	/**
	 * One protected processing unit.
	 *
	 * @param processingUnit the unit, with its local addresses
	 * @param incoming the sections of the rules deciding connections to it, in order
	 * @param outgoing the sections of the rules deciding connections from it, in order
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record UnitIndex(Unit processingUnit, List<String> incoming, List<String> outgoing) {

		public UnitIndex {
			incoming = (incoming != null) ? List.copyOf(incoming) : List.of();
			outgoing = (outgoing != null) ? List.copyOf(outgoing) : List.of();
		}

	}

}
