package io.mseg.console.networkpolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.object.ObjectBody;
import io.mseg.console.web.RequestExample;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A network policy as the API shows it: "subject action object" with a mode, optional
 * ports and switches. Read-only fields ({@code ID}, {@code namespace}, times) are ignored
 * on input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "NetworkAccessPolicy")
@RequestExample(name = "a policy from the internet to front ends", value = """
		{
		  "name": "Allow internet to front ends",
		  "description": "Browsers reach the front ends over HTTPS",
		  "action": "Allow",
		  "applyPolicyMode": "IncomingTraffic",
		  "subject": [["ext:name=internet", "$identity=externalnetwork"]],
		  "object": [["app=frontend"]],
		  "ports": ["tcp/443"]
		}""")
public record NetworkPolicyBody(@JsonProperty("ID") @Schema(accessMode = Schema.AccessMode.READ_ONLY) String id,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Allow front ends to back ends") String name,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) String namespace,
		@Schema(example = "Front ends reach the back ends over HTTPS") String description, @Schema(allowableValues = {
				"Allow", "Reject" }, defaultValue = "Allow") String action,
		@Schema(allowableValues = { "IncomingTraffic", "OutgoingTraffic", "Bidirectional" },
				defaultValue = "Bidirectional") String applyPolicyMode,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "Tag expression: a list of clauses (OR), each a list of tags (AND)",
				example = "[[\"app=frontend\"]]") List<List<String>> subject,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "Tag expression: a list of clauses (OR), each a list of tags (AND)",
				example = "[[\"app=backend\"]]") List<List<String>> object,
		@Schema(description = "Service ports restricting the destination, such as tcp/443; none means any",
				example = "[\"tcp/443\"]") List<String> ports,
		@Schema(defaultValue = "false",
				description = "Whether the enforcers log the flows it decides") Boolean logsEnabled,
		@Schema(defaultValue = "false",
				description = "Whether it only reports what it would decide, never enforcing it") Boolean observationEnabled,
		@Schema(defaultValue = "false",
				description = "Whether it also applies in every namespace below its own") Boolean propagate,
		@Schema(defaultValue = "false",
				description = "Whether it decides only where no other policy does") Boolean fallback,
		@Schema(defaultValue = "false",
				description = "A disabled policy does not exist for the verdicts") Boolean disabled,
		@JsonProperty("protected") @Schema(defaultValue = "false",
				description = "A protected object is changed or deleted only with override=true") Boolean protectedObject,
		@Schema(description = "When it stops existing for the verdicts; none means never") Instant expirationTime,
		@Schema(description = "Tags of the policy itself (key=value)",
				example = "[\"team=web\"]") List<String> associatedTags,
		@Schema(description = "Free-form notes: lists of strings by key",
				example = "{\"owner\": [\"platform-team\"]}") Map<String, List<String>> annotations,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant updateTime) implements ObjectBody{

}
