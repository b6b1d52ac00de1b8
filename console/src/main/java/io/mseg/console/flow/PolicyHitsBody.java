package io.mseg.console.flow;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How often a policy decided flows that enforcers reported, and when it last did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PolicyHits")
public record PolicyHitsBody(@JsonProperty("policyID") String policyId,
		@Schema(description = "The sum of the counts of every record naming the policy since it was created (not cut "
				+ "by the retention), of the processing units of the request's namespace subtree",
				example = "42") long hits,
		@Schema(description = "The latest time of those records; absent when never hit") Instant lastHitTime) {

}
