package io.mseg.console.push;

import java.util.Set;

/**
 * The rendered policies of some enforcers (or of all, after a full reload) may have
 * changed at a policy version.
 *
 * @param enforcerIds the enforcers whose units the changes may affect
 * @param all whether every enforcer may be affected
 * @param version the policy version the state reached
 */
public record PoliciesChanged(Set<String> enforcerIds, boolean all, long version) {

	static PoliciesChanged everything(long version) {
		return new PoliciesChanged(Set.of(), true, version);
	}

	boolean affects(String enforcerId) {
		return this.all || this.enforcerIds.contains(enforcerId);
	}

}
