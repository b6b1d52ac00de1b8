package io.mseg.console.enforcer;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A registered enforcer as the API shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Enforcer")
public record EnforcerBody(@JsonProperty("ID") String id, String name, String namespace,
		@Schema(description = "Tags its processing units get (from the enrollment token)") List<String> tags,
		String certificateSerialNumber, Instant certificateExpiration, boolean revoked, Instant revokeTime,
		@JsonProperty("currentVersion") String enforcerVersion, Instant startTime, Instant lastSyncTime,
		Instant lastContactTime, @Schema(allowableValues = {
				"Connected", "Disconnected" },
				description = "Disconnected after mseg.enforcers.disconnected-after (5 minutes) without contact") String operationalStatus,
		String enforcementStatus,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "Its DNS interception as it last reported it; absent when it never did") DnsStatus dns,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "The workloads it protects in node mode as it last reported them; absent when it never"
						+ " did (host mode)") WorkloadStatus workloads,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "Flow records the enforcer reported it dropped (buffer full, too old), in total") long flowRecordsDropped,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "Connections the enforcer reported it could not record (kernel rate limit, socket "
						+ "overflow), in total") long flowsUnrecorded,
		Instant createTime, Instant updateTime){

}
