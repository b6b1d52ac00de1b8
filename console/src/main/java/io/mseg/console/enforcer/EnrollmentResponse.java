package io.mseg.console.enforcer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The enforcer's identity and its client certificate, with the CA to trust.
 */
@Schema(name = "EnrollmentResponse")
public record EnrollmentResponse(@JsonProperty("ID") String id, String name, String namespace,
		@Schema(description = "PEM client certificate") String certificate,
		@Schema(description = "PEM certificate of the console's CA") String caCertificate,
		Instant certificateExpiration) {

}
