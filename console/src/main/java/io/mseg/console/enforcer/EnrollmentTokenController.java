package io.mseg.console.enforcer;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
 * The enrollment token endpoints ({@code /enrollmenttokens}), for admins.
 */
@RestController
@RequestMapping("/enrollmenttokens")
@Tag(name = "enrollmenttokens", description = "One-time, expiring tokens with which enforcers enroll (admin)")
class EnrollmentTokenController {

	private final EnrollmentTokenService service;

	private final NamespaceDirectory namespaces;

	private final ConsoleProperties properties;

	EnrollmentTokenController(EnrollmentTokenService service, NamespaceDirectory namespaces,
			ConsoleProperties properties) {
		this.service = service;
		this.namespaces = namespaces;
		this.properties = properties;
	}

	@PostMapping(produces = { MediaTypes.JSON, MediaTypes.YAML }, consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "201", description = "Created; the secret is in 'token', shown this once")
	@Operation(operationId = "createEnrollmentToken",
			summary = "Create an enrollment token for the request's namespace",
			description = "Enforcers that enroll with it join that namespace, and their processing units carry its "
					+ "tags. The secret is answered once: keep it.")
	ResponseEntity<EnrollmentTokenBody> create(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestBody EnrollmentTokenBody body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.service.create(this.namespaces.resolve(namespace), body));
	}

	@GetMapping(produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listEnrollmentTokens", summary = "List enrollment tokens (never their secrets)")
	ResponseEntity<List<EnrollmentTokenBody>> list(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestParam(defaultValue = "false") boolean recursive, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		PageOf<EnrollmentTokenBody> result = this.service.list(this.namespaces.resolve(namespace), recursive,
				Paging.of(page, pagesize, this.properties.maxPageSize()));
		return result.toResponse();
	}

	@GetMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "getEnrollmentToken", summary = "Read an enrollment token (never its secret)")
	EnrollmentTokenBody get(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.service.get(this.namespaces.resolve(namespace), id);
	}

	@DeleteMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "revokeEnrollmentToken", summary = "Revoke an enrollment token",
			description = "No enforcer can enroll with it any more; those that did keep their certificates. Answers the "
					+ "revoked token.")
	EnrollmentTokenBody revoke(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.service.revoke(this.namespaces.resolve(namespace), id);
	}

}
