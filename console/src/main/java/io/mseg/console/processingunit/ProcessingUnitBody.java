package io.mseg.console.processingunit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.object.ObjectBody;
import io.mseg.console.web.RequestExample;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A processing unit (a host or workload protected by an enforcer) as the API shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ProcessingUnit")
@RequestExample(name = "a front end", value = """
		{
		  "name": "frontend-1",
		  "description": "The first front end",
		  "type": "Host",
		  "addresses": ["192.0.2.10"],
		  "associatedTags": ["app=frontend"]
		}""")
public record ProcessingUnitBody(@JsonProperty("ID") @Schema(accessMode = Schema.AccessMode.READ_ONLY) String id,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "frontend-1") String name,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) String namespace,
		@Schema(example = "The first front end") String description, @Schema(allowableValues = {
				"Host", "HostService", "LinuxService", "Docker", "Kubernetes", "Pod", "Container" },
				defaultValue = "Host") String type,
		@Schema(description = "Its IPv4/IPv6 addresses; an address belongs to one processing unit only",
				example = "[\"192.0.2.10\"]") List<String> addresses,
		@JsonProperty("enforcerID") @Schema(
				description = "The enforcer that protects it (set when an enforcer registers it)") String enforcerId,
		@JsonProperty("protected") @Schema(defaultValue = "false",
				description = "A protected object is changed or deleted only with override=true") Boolean protectedObject,
		@Schema(description = "Tags that policies select it by (key=value)",
				example = "[\"app=frontend\"]") List<String> associatedTags,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "associatedTags plus the tags the console adds ($identity, $name, $type, ...)") List<String> normalizedTags,
		@Schema(description = "Free-form notes: lists of strings by key",
				example = "{\"owner\": [\"platform-team\"]}") Map<String, List<String>> annotations,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant updateTime) implements ObjectBody{

}
