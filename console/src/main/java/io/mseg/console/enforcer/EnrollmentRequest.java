package io.mseg.console.enforcer;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a new enforcer sends to enroll ({@code POST /enforcers}) or to renew its
 * certificate ({@code POST /enforcers/{id}/certificate}, where {@code name} may be left
 * out and otherwise must be the enforcer's name: a renewal never renames).
 */
@Schema(name = "EnrollmentRequest")
public record EnrollmentRequest(@Schema(example = "web-1") String name,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "PEM certificate signing request; its names are ignored") String certificateRequest) {

}
