package io.mseg.console.externalnetwork;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What happened when the console last fetched an external network's source.
 *
 * @param lastAttemptTime when the console last fetched the feed; absent before the first
 * attempt
 * @param lastSuccessTime when a fetch last succeeded (the entries are what it produced)
 * @param entryCount how many entries the last good fetch produced
 * @param error why the last attempt failed; absent when it succeeded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ExternalNetworkSourceStatus", accessMode = Schema.AccessMode.READ_ONLY,
		description = "What happened when the console last fetched the source")
public record ExternalNetworkSourceStatus(@Schema(
		description = "When the console last fetched the feed; absent before the first attempt") Instant lastAttemptTime,
		@Schema(description = "When a fetch last succeeded; the entries are what it produced") Instant lastSuccessTime,
		@Schema(description = "How many entries the last good fetch produced") Integer entryCount,
		@Schema(description = "Why the last attempt failed; absent when it succeeded") String error) {

}
