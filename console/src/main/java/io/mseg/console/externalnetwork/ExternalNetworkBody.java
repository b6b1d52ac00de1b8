package io.mseg.console.externalnetwork;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.object.ObjectBody;
import io.mseg.console.web.RequestExample;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An external network (hosts without enforcers) as the API shows it. Its entries are
 * either written by hand or, with a {@code source}, what the last good fetch of a feed
 * produced. Read-only fields are ignored on input, but for {@code sourceStatus}, which is
 * refused: it is only ever the server's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ExternalNetwork")
@RequestExample(name = "the internet but the private range", value = """
		{
		  "name": "internet",
		  "description": "The internet but the private range",
		  "entries": ["0.0.0.0/0", "!10.0.0.0/8"],
		  "servicePorts": ["tcp/443"],
		  "associatedTags": ["ext:name=internet"],
		  "annotations": {"owner": ["platform-team"]}
		}""")
public record ExternalNetworkBody(@JsonProperty("ID") @Schema(accessMode = Schema.AccessMode.READ_ONLY) String id,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "internet") String name,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) String namespace,
		@Schema(example = "The internet but the private range") String description,
		@Schema(description = "CIDRs or addresses (IPv4/IPv6), domain names, *.wildcard domains, and !CIDR exclusions; "
				+ "required without a source, read-only with one (what its last good fetch produced)",
				example = "[\"0.0.0.0/0\", \"!10.0.0.0/8\"]") List<String> entries,
		@Schema(description = "A published feed the entries come from, instead of hand-written entries") ExternalNetworkSource source,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "With a source: what happened when the console last fetched it") ExternalNetworkSourceStatus sourceStatus,
		@Schema(description = "Protocol/port pairs such as tcp/443; none means any",
				example = "[\"tcp/443\"]") List<String> servicePorts,
		@Schema(defaultValue = "false",
				description = "Whether the namespaces below its own see it too") Boolean propagate,
		@JsonProperty("protected") @Schema(defaultValue = "false",
				description = "A protected object is changed or deleted only with override=true") Boolean protectedObject,
		@Schema(description = "Tags that policies select it by (key=value)",
				example = "[\"ext:name=internet\"]") List<String> associatedTags,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "associatedTags plus the tags the console adds ($identity, $name, ...)") List<String> normalizedTags,
		@Schema(description = "Free-form notes: lists of strings by key",
				example = "{\"owner\": [\"platform-team\"]}") Map<String, List<String>> annotations,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant updateTime) implements ObjectBody {

}
