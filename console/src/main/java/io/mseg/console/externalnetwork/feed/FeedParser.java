package io.mseg.console.externalnetwork.feed;

import java.util.List;

import io.mseg.policy.InvalidValueException;
import io.mseg.policy.network.NetworkEntries;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the body of a feed into an external network's entries, each checked with the
 * rules of hand-written entries (the policy core's {@link NetworkEntries}). Pure: the
 * fetcher brings the body, this decides what it means.
 */
public final class FeedParser {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final FeedFormat format;

	private final String service;

	private final String region;

	private final JsonPath path;

	private final int maxEntries;

	/**
	 * A parser for one source.
	 * @param format the format
	 * @param service aws-ip-ranges: the service (required)
	 * @param region aws-ip-ranges: the region, or {@code null} for all
	 * @param path json: the path (required)
	 * @param maxEntries the most entries a feed may have
	 */
	public FeedParser(FeedFormat format, String service, String region, JsonPath path, int maxEntries) {
		if (format == FeedFormat.AWS_IP_RANGES && service == null) {
			throw new IllegalArgumentException("aws-ip-ranges needs a service");
		}
		if (format == FeedFormat.JSON && path == null) {
			throw new IllegalArgumentException("json needs a path");
		}
		this.format = format;
		this.service = service;
		this.region = region;
		this.path = path;
		this.maxEntries = maxEntries;
	}

	/**
	 * Reads a feed.
	 * @param body the feed's body, decoded
	 * @return the entries, canonical, in feed order
	 * @throws FeedException when the body is not of the format, has no entries, more than
	 * the limit, or an invalid entry (named by line or index)
	 */
	public NetworkEntries parse(String body) {
		List<FeedEntry> found = switch (this.format) {
			case TEXT -> TextFeed.read(body);
			case AWS_IP_RANGES -> AwsIpRangesFeed.read(readJson(body), this.service, this.region);
			case JSON -> this.path.read(readJson(body));
		};
		return validate(found);
	}

	private NetworkEntries validate(List<FeedEntry> found) {
		if (found.isEmpty()) {
			throw new FeedException("the feed has no entries");
		}
		if (found.size() > this.maxEntries) {
			throw new FeedException(
					"the feed has " + found.size() + " entries, more than the limit of " + this.maxEntries);
		}
		NetworkEntries entries;
		try {
			entries = NetworkEntries.parse(found.stream().map(FeedEntry::text).toList());
		}
		catch (InvalidValueException ex) {
			String where = (ex.index() >= 0) ? found.get(ex.index()).location() + ": " : "";
			throw new FeedException(where + ex.getMessage());
		}
		// A published list names addresses: a domain name would make the enforcers
		// intercept DNS for it, an exclusion would punch a hole in a hand-written
		// network's meaning. Those are written by hand only.
		for (int i = 0; i < entries.entries().size(); i++) {
			String entry = entries.entries().get(i);
			if (entry.startsWith("!") || !entry.contains("/")) {
				throw new FeedException(found.get(i).location() + ": '" + found.get(i).text()
						+ "' is not an address or CIDR; a feed lists addresses and CIDRs only (domain names and "
						+ "exclusions are written by hand)");
			}
		}
		return entries;
	}

	private static JsonNode readJson(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new FeedException("not a JSON document: " + ex.getOriginalMessage());
		}
	}

}
