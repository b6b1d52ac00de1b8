package io.mseg.console.processingunit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.object.ObjectBody;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A processing unit (a host or workload protected by an enforcer) as the API shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ProcessingUnit")
public record ProcessingUnitBody(@JsonProperty("ID") @Schema(accessMode = Schema.AccessMode.READ_ONLY) String id,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "frontend-1") String name,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) String namespace, String description,
		@Schema(allowableValues = {
				"Host", "HostService", "LinuxService", "Docker", "Kubernetes" }, defaultValue = "Host") String type,
		@Schema(description = "Its IPv4/IPv6 addresses; an address belongs to one processing unit only") List<String> addresses,
		@JsonProperty("enforcerID") String enforcerId, @JsonProperty("protected") Boolean protectedObject,
		List<String> associatedTags,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "associatedTags plus the tags the console adds ($identity, $name, $type, ...)") List<String> normalizedTags,
		Map<String, List<String>> annotations, @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant updateTime) implements ObjectBody{

}
