package io.mseg.console.networkpolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.object.ObjectBody;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A network policy as the API shows it: "subject action object" with a mode, optional
 * ports and switches. Read-only fields ({@code ID}, {@code namespace}, times) are ignored
 * on input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "NetworkAccessPolicy")
public record NetworkPolicyBody(@JsonProperty("ID") @Schema(accessMode = Schema.AccessMode.READ_ONLY) String id,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Allow internet to front end") String name,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) String namespace, String description,
		@Schema(allowableValues = {
				"Allow", "Reject" }, defaultValue = "Allow") String action,
		@Schema(allowableValues = { "IncomingTraffic", "OutgoingTraffic", "Bidirectional" },
				defaultValue = "Bidirectional") String applyPolicyMode,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "Tag expression: a list of clauses (OR), each a list of tags (AND)") List<List<String>> subject,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "Tag expression: a list of clauses (OR), each a list of tags (AND)") List<List<String>> object,
		@Schema(description = "Service ports restricting the destination, such as tcp/443; none means any") List<String> ports,
		Boolean logsEnabled, Boolean observationEnabled, Boolean propagate, Boolean fallback, Boolean disabled,
		@JsonProperty("protected") Boolean protectedObject, Instant expirationTime, List<String> associatedTags,
		Map<String, List<String>> annotations, @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant updateTime) implements ObjectBody{

}
