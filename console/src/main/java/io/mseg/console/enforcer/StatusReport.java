package io.mseg.console.enforcer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an enforcer reports about itself ({@code POST /enforcers/{id}/poke}).
 */
@Schema(name = "EnforcerStatus")
public record StatusReport(
		@JsonProperty("currentVersion") @Schema(description = "The enforcer's software version",
				example = "1.4.2") String enforcerVersion,
		@Schema(description = "When the enforcer started") Instant startTime,
		@Schema(description = "When it last applied its rendered policy") Instant lastSyncTime,
		@Schema(allowableValues = {
				"Active", "Failed", "Inactive" }) String enforcementStatus,
		@Schema(description = "Its DNS interception, for domain entries of external networks; enforcers that do not"
				+ " report it leave it out") DnsStatus dns,
		@Schema(description = "The workloads it protects in node mode and the problems of their source; enforcers"
				+ " protecting their own host (host mode) leave it out") WorkloadStatus workloads){

}
