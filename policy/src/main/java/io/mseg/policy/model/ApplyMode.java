package io.mseg.policy.model;

import io.mseg.policy.InvalidValueException;

/**
 * Which enforcer(s) a network policy instructs: the subject's, the object's, or both.
 */
public enum ApplyMode {

	INCOMING_TRAFFIC("IncomingTraffic"), OUTGOING_TRAFFIC("OutgoingTraffic"), BIDIRECTIONAL("Bidirectional");

	private final String wireName;

	ApplyMode(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The name in the API ({@code applyPolicyMode}).
	 * @return {@code IncomingTraffic}, {@code OutgoingTraffic} or {@code Bidirectional}
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Reads the API name, case-insensitively.
	 * @param s {@code IncomingTraffic}, {@code OutgoingTraffic} or {@code Bidirectional}
	 * @return the mode
	 * @throws InvalidValueException for any other value
	 */
	public static ApplyMode fromWire(String s) {
		for (ApplyMode mode : values()) {
			if (mode.wireName.equalsIgnoreCase(s)) {
				return mode;
			}
		}
		throw new InvalidValueException(
				"unknown applyPolicyMode '" + s + "': expected IncomingTraffic, OutgoingTraffic or Bidirectional");
	}

	/**
	 * Whether the subject's (source's) enforcer evaluates the policy.
	 * @return true for {@code OutgoingTraffic} and {@code Bidirectional}
	 */
	public boolean decidedAtSource() {
		return this != INCOMING_TRAFFIC;
	}

	/**
	 * Whether the object's (destination's) enforcer evaluates the policy.
	 * @return true for {@code IncomingTraffic} and {@code Bidirectional}
	 */
	public boolean decidedAtDestination() {
		return this != OUTGOING_TRAFFIC;
	}

	/**
	 * Whether the subject may only match processing units.
	 * @return true for {@code OutgoingTraffic} and {@code Bidirectional}
	 */
	public boolean subjectMustBePu() {
		return this != INCOMING_TRAFFIC;
	}

	/**
	 * Whether the object may only match processing units.
	 * @return true for {@code IncomingTraffic} and {@code Bidirectional}
	 */
	public boolean objectMustBePu() {
		return this != OUTGOING_TRAFFIC;
	}

}
