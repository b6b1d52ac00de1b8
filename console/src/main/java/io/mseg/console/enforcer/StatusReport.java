package io.mseg.console.enforcer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an enforcer reports about itself ({@code POST /enforcers/{id}/poke}).
 */
@Schema(name = "EnforcerStatus")
public record StatusReport(@JsonProperty("currentVersion") String enforcerVersion, Instant startTime,
		Instant lastSyncTime, @Schema(allowableValues = {
				"Active", "Failed", "Inactive" }) String enforcementStatus){

}
