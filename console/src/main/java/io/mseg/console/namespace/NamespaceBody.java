package io.mseg.console.namespace;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A namespace as the API shows it. On creation {@code name} is the new child's name under
 * the {@code X-Namespace} parent; it reads back as the full path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Namespace")
public record NamespaceBody(@JsonProperty("ID") @Schema(accessMode = Schema.AccessMode.READ_ONLY) String id,
		@Schema(description = "On creation the child's name (one segment); reads back as the full path",
				example = "prod") String name,
		@Schema(example = "Production") String description,
		@Schema(description = "Free-form notes: lists of strings by key",
				example = "{\"owner\": [\"platform-team\"]}") Map<String, List<String>> annotations,
		@JsonProperty("protected") @Schema(defaultValue = "false",
				description = "A protected object is changed or deleted only with override=true") Boolean protectedObject,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant updateTime) {

}
