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
 * @param error why the last attempt failed or was held; absent when it succeeded
 * @param held a fetched list the mass-removal guard holds; absent when none is held
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ExternalNetworkSourceStatus", accessMode = Schema.AccessMode.READ_ONLY,
		description = "What happened when the console last fetched the source")
public record ExternalNetworkSourceStatus(@Schema(
		description = "When the console last fetched the feed; absent before the first attempt") Instant lastAttemptTime,
		@Schema(description = "When a fetch last succeeded; the entries are what it produced") Instant lastSuccessTime,
		@Schema(description = "How many entries the last good fetch produced") Integer entryCount,
		@Schema(description = "Why the last attempt failed or was held; absent when it succeeded") String error,
		@Schema(description = "A fetched list held back because it would remove more than the allowed share of "
				+ "the entries at once; absent when none is held") Held held) {

	/**
	 * A list held by the mass-removal guard: applied when an admin accepts it
	 * ({@code POST /externalnetworks/{id}/source/accept}) or when the same list is
	 * fetched again an interval later.
	 *
	 * @param time when the list was first fetched
	 * @param entryCount how many entries it has
	 * @param removedCount how many of the current entries it would remove
	 */
	@Schema(name = "ExternalNetworkHeldList", accessMode = Schema.AccessMode.READ_ONLY,
			description = "A fetched list held back by the mass-removal guard")
	public record Held(@Schema(description = "When the list was first fetched") Instant time,
			@Schema(description = "How many entries it has") Integer entryCount,
			@Schema(description = "How many of the current entries it would remove") Integer removedCount) {

	}

}
