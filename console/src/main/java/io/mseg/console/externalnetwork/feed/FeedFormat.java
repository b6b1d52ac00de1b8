package io.mseg.console.externalnetwork.feed;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a feed writes its addresses: the {@code format} of an external network's
 * {@code source}.
 */
public enum FeedFormat {

	/**
	 * One CIDR or address per line; blank lines and {@code #}/{@code ;} comments ignored.
	 */
	TEXT("text"),

	/** Amazon's {@code ip-ranges.json}, filtered on service and optional region. */
	AWS_IP_RANGES("aws-ip-ranges"),

	/**
	 * Any JSON document, with a path such as {@code prefixes[].ip_prefix} to the CIDRs.
	 */
	JSON("json");

	private final String value;

	FeedFormat(String value) {
		this.value = value;
	}

	/** The name the API uses. */
	public String value() {
		return this.value;
	}

	/** The API names of every format, in declaration order. */
	public static List<String> names() {
		return Arrays.stream(values()).map(FeedFormat::value).toList();
	}

	/** The format with this API name (exact, as the API writes it). */
	public static Optional<FeedFormat> of(String value) {
		return Arrays.stream(values()).filter((format) -> format.value.equals(value)).findFirst();
	}

}
