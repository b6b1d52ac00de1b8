package io.mseg.enforcer.nftables;

/**
 * An address family of the {@code inet} table: its set element type and match keyword.
 */
public enum Family {

	/** IPv4: {@code ip saddr}, {@code ipv4_addr}. */
	V4("ip", "ipv4_addr", "v4"),

	/** IPv6: {@code ip6 saddr}, {@code ipv6_addr}. */
	V6("ip6", "ipv6_addr", "v6");

	private final String keyword;

	private final String setType;

	private final String suffix;

	Family(String keyword, String setType, String suffix) {
		this.keyword = keyword;
		this.setType = setType;
		this.suffix = suffix;
	}

	/**
	 * The match keyword.
	 * @return {@code ip} or {@code ip6}
	 */
	public String keyword() {
		return this.keyword;
	}

	/**
	 * The element type of an address set.
	 * @return {@code ipv4_addr} or {@code ipv6_addr}
	 */
	public String setType() {
		return this.setType;
	}

	/**
	 * The suffix of set names.
	 * @return {@code v4} or {@code v6}
	 */
	public String suffix() {
		return this.suffix;
	}

}
