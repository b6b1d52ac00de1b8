package io.mseg.enforcer.nftables;

/**
 * How rejected connections are refused.
 */
public enum RejectStyle {

	/** Silently dropped: the peer times out (the default, like the original product). */
	DROP("drop"),

	/** Refused at once with an ICMP(v6) administratively-prohibited error. */
	ICMP("reject with icmpx type admin-prohibited");

	private final String statement;

	RejectStyle(String statement) {
		this.statement = statement;
	}

	/**
	 * The nft verdict statement.
	 * @return {@code drop} or a {@code reject} statement
	 */
	public String statement() {
		return this.statement;
	}

}
