package io.mseg.console.push;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A processing unit as its enforcer reports it: the console adds the namespace, the
 * enforcer, the enrollment token's tags and the system tags.
 */
@Schema(name = "ReportedProcessingUnit")
public record ReportedProcessingUnit(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
		@Schema(defaultValue = "Host") String type, String description, List<String> addresses,
		List<String> associatedTags) {

}
