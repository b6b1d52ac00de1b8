package io.mseg.console.fuzz;

/**
 * Who a fuzz request claims to be: the API's tokens, an enrolled enforcer's certificate,
 * or nothing valid at all.
 */
public enum Credential {

	ADMIN("admin token"), VIEWER("viewer token"), NONE("no credentials"), GARBAGE("garbage token"),
	ENROLLMENT("enrollment token"), ENFORCER("enforcer certificate");

	private final String label;

	Credential(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * Credentials that must never get anything but a refusal from a protected endpoint.
	 */
	public boolean isInvalid() {
		return this == NONE || this == GARBAGE;
	}

}
