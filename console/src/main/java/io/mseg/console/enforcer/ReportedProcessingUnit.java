package io.mseg.console.enforcer;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A processing unit as its enforcer reports it: the console adds the namespace, the
 * enforcer, the enrollment token's tags and the system tags.
 */
@Schema(name = "ReportedProcessingUnit")
public record ReportedProcessingUnit(
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "web-1") String name, @Schema(allowableValues = {
				"Host", "HostService", "LinuxService", "Docker", "Kubernetes", "Pod", "Container" },
				defaultValue = "Host") String type,
		@Schema(example = "The host itself") String description,
		@Schema(description = "Its IPv4/IPv6 addresses", example = "[\"192.0.2.20\"]") List<String> addresses,
		@Schema(description = "Tags that policies select it by (key=value)",
				example = "[\"app=web\"]") List<String> associatedTags){

}
