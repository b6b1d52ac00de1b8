package io.mseg.enforcer.console;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the enforcer reports about its enforcement ({@code enforcementStatus} of
 * {@code POST /enforcers/{id}/poke}): the console accepts exactly these three strings.
 */
public enum EnforcementStatus {

	/** The console's last policy is in the kernel. */
	ACTIVE("Active"),

	/**
	 * The last policy could not be enforced (it cannot be rendered, or {@code nft}
	 * refused it): the kernel keeps the previous rules.
	 */
	FAILED("Failed"),

	/** Not enforcing; accepted by the console, not sent by this enforcer yet. */
	INACTIVE("Inactive");

	private final String wire;

	EnforcementStatus(String wire) {
		this.wire = wire;
	}

	/**
	 * The string on the wire.
	 * @return {@code Active}, {@code Failed} or {@code Inactive}
	 */
	@JsonValue
	public String wire() {
		return this.wire;
	}

}
