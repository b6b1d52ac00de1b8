package io.mseg.console.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.web.RequestExample;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An API token as the API shows it. The secret ({@code token}) appears once, in the
 * answer to its creation; the console keeps only its hash.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "APIToken")
@RequestExample(name = "an editor token", value = """
		{
		  "name": "ci-pipeline",
		  "role": "editor"
		}""")
public record ApiTokenBody(@JsonProperty("ID") @Schema(accessMode = Schema.AccessMode.READ_ONLY) String id,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ci-pipeline") String name,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "The namespace subtree the token is bound to: the request's X-Namespace") String namespace,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
				"viewer", "editor", "admin" }) String role,
		@Schema(description = "When the token stops working; none means never") Instant expirationTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Boolean revoked,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) String createdBy,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createTime,
		@Schema(accessMode = Schema.AccessMode.READ_ONLY,
				description = "The secret, shown only in the answer to the creation") String token){

}
