package io.mseg.policy.decision;

/**
 * The outcome for a connection: established or not.
 */
public enum Verdict {

	ALLOW("Allow"), REJECT("Reject");

	private final String wireName;

	Verdict(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The name in the API.
	 * @return {@code Allow} or {@code Reject}
	 */
	public String wireName() {
		return this.wireName;
	}

}
