package io.mseg.console.externalnetwork;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where an external network's entries come from: a published feed the console fetches on
 * an interval (DESIGN.md, "Visibility and dynamic networks").
 *
 * @param url the feed; https, http only with {@code mseg.feeds.allow-http}
 * @param format {@code text}, {@code aws-ip-ranges} or {@code json}
 * @param service aws-ip-ranges only, required there: the service whose prefixes are taken
 * @param region aws-ip-ranges only, optional: the region whose prefixes are taken
 * @param path json only, required there: the path to the CIDR strings
 * @param refreshInterval how often the feed is fetched; canonical text, default 1h
 * @param caCertificate PEM certificates the feed's server certificate must chain to,
 * instead of the system trust store
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ExternalNetworkSource",
		description = "A published feed the console fetches on an interval; the network's entries are what its last "
				+ "good fetch produced")
public record ExternalNetworkSource(
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "The feed's URL: https (http only where the console's mseg.feeds.allow-http allows it), "
						+ "without user information or fragment",
				example = "https://ip-ranges.amazonaws.com/ip-ranges.json") String url,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
				"text", "aws-ip-ranges", "json" },
				description = "text: one CIDR or address per line, blank lines and comments (# or ; to the end of "
						+ "the line) ignored; aws-ip-ranges: Amazon's ip-ranges.json (prefixes and ipv6_prefixes); "
						+ "json: any document, with path naming the CIDR strings",
				example = "aws-ip-ranges") String format,
		@Schema(description = "aws-ip-ranges only, and required there: the service whose prefixes are taken "
				+ "(exact, as the feed writes it)", example = "CLOUDFRONT") String service,
		@Schema(description = "aws-ip-ranges only: the region whose prefixes are taken (exact); all regions when "
				+ "absent", example = "GLOBAL") String region,
		@Schema(description = "json only, and required there: the path to the CIDR strings, names separated by "
				+ "dots, [] after a name for each element of an array", example = "prefixes[].ip_prefix") String path,
		@Schema(defaultValue = "1h",
				description = "How often the feed is fetched: whole numbers with units d, h, m, s (1h, 1h30m); at "
						+ "least 1m, at most 30d",
				example = "1h") String refreshInterval,
		@Schema(description = "PEM certificates the feed server's certificate must chain to, instead of the "
				+ "system trust store") String caCertificate){

}
