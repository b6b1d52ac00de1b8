package io.mseg.policy.model;

import io.mseg.policy.InvalidValueException;

/**
 * What a network policy does with the connections it matches.
 */
public enum PolicyAction {

	ALLOW("Allow"), REJECT("Reject");

	private final String wireName;

	PolicyAction(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The name in the API.
	 * @return {@code Allow} or {@code Reject}
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Reads the API name, case-insensitively.
	 * @param s {@code Allow} or {@code Reject}
	 * @return the action
	 * @throws InvalidValueException for any other value
	 */
	public static PolicyAction fromWire(String s) {
		for (PolicyAction action : values()) {
			if (action.wireName.equalsIgnoreCase(s)) {
				return action;
			}
		}
		throw new InvalidValueException("unknown action '" + s + "': expected Allow or Reject");
	}

}
