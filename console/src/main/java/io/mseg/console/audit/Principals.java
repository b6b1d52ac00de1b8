package io.mseg.console.audit;

/**
 * Who is making the current request, as recorded in the audit trail. Until authentication
 * exists every request is {@code anonymous}.
 */
public final class Principals {

	private Principals() {
	}

	public static String current() {
		return "anonymous";
	}

}
