package io.mseg.console.audit;

import io.mseg.console.identity.Callers;

/**
 * Who is making the current request, as recorded in the audit trail: the API token, the
 * enrollment token or the enforcer; {@code system} for the console's own changes.
 */
final class Principals {

	private Principals() {
	}

	static String current() {
		return Callers.displayName();
	}

}
