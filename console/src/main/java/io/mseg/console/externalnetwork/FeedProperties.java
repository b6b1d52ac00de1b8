package io.mseg.console.externalnetwork;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of external networks fed from published lists (prefix {@code mseg.feeds}).
 *
 * @param allowHttp whether a source may use plain http ({@code MSEG_FEEDS_ALLOWHTTP}); by
 * default only https, whose server is verified, is accepted
 * @param allowedHosts host names, addresses or CIDRs from which feeds may be fetched even
 * though they are loopback, private, link-local or unique-local
 * ({@code MSEG_FEEDS_ALLOWEDHOSTS}, comma-separated); by default none
 * @param enabled whether this replica fetches feeds; a replica that does not still serves
 * the networks others keep current
 * @param pollInterval how often the replica looks for sources that are due
 * @param timeout the longest one fetch may take, from connecting to the last byte
 * @param maxSize the largest feed body taken (counted decompressed)
 * @param maxEntries the most entries a feed may have
 * @param maxRemovalShare the largest share of a network's entries one fetch may remove
 * before the list is held for an admin, in (0, 1]; 1 turns the guard off
 * @param concurrency how many fetches a replica makes at once
 */
@ConfigurationProperties("mseg.feeds")
public record FeedProperties(@DefaultValue("false") boolean allowHttp, @DefaultValue List<String> allowedHosts,
		@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration pollInterval,
		@DefaultValue("30s") Duration timeout, @DefaultValue("32MB") DataSize maxSize,
		@DefaultValue("200000") int maxEntries, @DefaultValue("0.5") double maxRemovalShare,
		@DefaultValue("4") int concurrency) {

	public FeedProperties {
		if (!(maxRemovalShare > 0 && maxRemovalShare <= 1)) {
			throw new IllegalArgumentException(
					"mseg.feeds.max-removal-share must be in (0, 1], not " + maxRemovalShare);
		}
		if (maxEntries < 1 || concurrency < 1 || timeout.isNegative() || timeout.isZero() || pollInterval.isNegative()
				|| pollInterval.isZero()) {
			throw new IllegalArgumentException(
					"mseg.feeds.max-entries, concurrency, timeout and poll-interval must " + "be positive");
		}
	}

}
