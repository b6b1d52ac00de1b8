package io.mseg.console.enforcer;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.web.RequestExample;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An enrollment token: lets new enforcers of a namespace obtain their certificate, until
 * it expires or is used up. The secret ({@code token}) appears once, in the answer to the
 * creation; it ends with the SHA-256 fingerprint of the console's CA so that a new
 * enforcer can pin the CA before trusting anything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EnrollmentToken")
@RequestExample(name = "a token for ten web hosts", value = """
		{
		  "name": "web hosts",
		  "maxUses": 10,
		  "tags": ["app=web"]
		}""")
public record EnrollmentTokenBody(@JsonProperty("ID") @Schema(accessMode = Schema.AccessMode.READ_ONLY) String id,
		@Schema(example = "web hosts", defaultValue = "enrollment") String name,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "The namespace the enforcers join: the request's X-Namespace") String namespace,
		@Schema(description = "Default: one hour from now") Instant expirationTime,
		@Schema(description = "How many enforcers may enroll with it", defaultValue = "1") Integer maxUses,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Integer uses,
		@Schema(description = "Tags given to the processing units of the enforcers that enroll with it",
				example = "[\"app=web\"]") List<String> tags,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Boolean revoked,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) String createdBy,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "SHA-256 of the console's CA certificate") String caFingerprint,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "The secret, shown only in the answer to the creation") String token) {

}
