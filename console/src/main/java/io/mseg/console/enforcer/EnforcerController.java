package io.mseg.console.enforcer;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.identity.Caller;
import io.mseg.console.identity.Callers;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The enforcer endpoints ({@code /enforcers}): enrollment and renewal by enforcers, the
 * enforcers' status for people.
 */
@RestController
@RequestMapping("/enforcers")
@Tag(name = "enforcers", description = "Enrollment, certificates and status of enforcers")
class EnforcerController {

	private final EnforcerService service;

	private final NamespaceDirectory namespaces;

	private final ConsoleProperties properties;

	EnforcerController(EnforcerService service, NamespaceDirectory namespaces, ConsoleProperties properties) {
		this.service = service;
		this.namespaces = namespaces;
		this.properties = properties;
	}

	@PostMapping(produces = { MediaTypes.JSON, MediaTypes.YAML }, consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "201", description = "Enrolled: the enforcer's ID, certificate and the CA")
	@ApiResponse(responseCode = "429",
			description = "Too many enrollment attempts from this address (mseg.enforcers.enrollments-per-minute); "
					+ "Retry-After says in how many seconds to try again")
	@Operation(operationId = "enrollEnforcer",
			summary = "Enroll a new enforcer (Authorization: Bearer <enrollment token>)",
			description = "Signs the key of the CSR; the identity (a URI SAN with the enforcer ID and namespace) is "
					+ "set by the console, never taken from the CSR. The enforcer joins the enrollment token's "
					+ "namespace.",
			security = @SecurityRequirement(name = "enrollmentToken"))
	ResponseEntity<EnrollmentResponse> enroll(@RequestBody EnrollmentRequest request) {
		Caller.Enrollment caller = (Caller.Enrollment) Callers.current().orElseThrow();
		return ResponseEntity.status(HttpStatus.CREATED).body(this.service.enroll(caller, request));
	}

	@PostMapping(value = "/{id}/certificate", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "renewEnforcerCertificate",
			summary = "Renew the enforcer's certificate (mTLS, the enforcer itself)",
			description = "Signs the key of a new CSR with the same identity; name, when given, must be the "
					+ "enforcer's (a renewal never renames).",
			security = @SecurityRequirement(name = "enforcerCertificate"))
	EnrollmentResponse renew(@PathVariable String id, @RequestBody EnrollmentRequest request) {
		return this.service.renew((Caller.Enforcer) Callers.current().orElseThrow(), request);
	}

	@PostMapping(value = "/{id}/poke", consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "204", description = "Recorded")
	@Operation(operationId = "reportEnforcerStatus",
			summary = "Report the enforcer's status (mTLS, the enforcer itself)",
			security = @SecurityRequirement(name = "enforcerCertificate"))
	ResponseEntity<Void> poke(@PathVariable String id, @RequestBody StatusReport report) {
		this.service.reportStatus((Caller.Enforcer) Callers.current().orElseThrow(), report);
		return ResponseEntity.noContent().build();
	}

	@GetMapping(produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listEnforcers", summary = "List enforcers",
			description = "With their status: version, enforcement status and when they were last heard of.")
	ResponseEntity<List<EnforcerBody>> list(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestParam(defaultValue = "false") boolean recursive, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		PageOf<EnforcerBody> result = this.service.list(this.namespaces.resolve(namespace), recursive,
				Paging.of(page, pagesize, this.properties.maxPageSize()));
		return result.toResponse();
	}

	@GetMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "getEnforcer", summary = "Read an enforcer")
	EnforcerBody get(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.service.get(this.namespaces.resolve(namespace), id);
	}

	@DeleteMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "deleteEnforcer", summary = "Delete (revoke) an enforcer",
			description = "Its next request is refused and its certificate can never be renewed.")
	EnforcerBody delete(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.service.revoke(this.namespaces.resolve(namespace), id);
	}

}
