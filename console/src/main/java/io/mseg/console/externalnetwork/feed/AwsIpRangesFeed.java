package io.mseg.console.externalnetwork.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The {@code aws-ip-ranges} format, Amazon's {@code ip-ranges.json}: the
 * {@code prefixes[].ip_prefix} and {@code ipv6_prefixes[].ipv6_prefix} of one service,
 * optionally of one region. The same prefix may be listed once per network border group;
 * it is taken once.
 */
final class AwsIpRangesFeed {

	private AwsIpRangesFeed() {
	}

	static List<FeedEntry> read(JsonNode document, String service, String region) {
		if (!document.isObject() || document.get("prefixes") == null) {
			throw new FeedException("not an AWS ip-ranges document: it has no prefixes");
		}
		List<FeedEntry> entries = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		take(document, "prefixes", "ip_prefix", service, region, entries, seen);
		if (document.get("ipv6_prefixes") != null) {
			take(document, "ipv6_prefixes", "ipv6_prefix", service, region, entries, seen);
		}
		if (entries.isEmpty()) {
			throw new FeedException("no prefix of service " + service + ((region != null) ? " in region " + region : "")
					+ " in the feed");
		}
		return entries;
	}

	private static void take(JsonNode document, String list, String field, String service, String region,
			List<FeedEntry> entries, Set<String> seen) {
		JsonNode prefixes = document.get(list);
		if (!prefixes.isArray()) {
			throw new FeedException(list + " is not an array");
		}
		for (int i = 0; i < prefixes.size(); i++) {
			JsonNode prefix = prefixes.get(i);
			String location = list + "[" + i + "]";
			String prefixService = text(prefix, "service", location);
			String prefixRegion = text(prefix, "region", location);
			String cidr = text(prefix, field, location);
			if (service.equals(prefixService) && (region == null || region.equals(prefixRegion)) && seen.add(cidr)) {
				entries.add(new FeedEntry(cidr, location + "." + field));
			}
		}
	}

	private static String text(JsonNode prefix, String field, String location) {
		JsonNode value = prefix.isObject() ? prefix.get(field) : null;
		if (value == null || !value.isString()) {
			throw new FeedException(location + "." + field + " is missing or not a string");
		}
		return value.asString().strip();
	}

}
