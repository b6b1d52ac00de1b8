package io.mseg.console.audit;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One change of the audit trail as the API shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditRecord")
public record AuditRecordBody(@JsonProperty("ID") long id, Instant time, String principal, String namespace,
		@Schema(allowableValues = {
				"create", "update", "delete" }) String operation,
		String kind, @JsonProperty("objectID") String objectId, String objectName,
		@Schema(description = "The object before the change (absent for a creation)") Map<String, Object> before,
		@Schema(description = "The object after the change (absent for a deletion)") Map<String, Object> after){

}
