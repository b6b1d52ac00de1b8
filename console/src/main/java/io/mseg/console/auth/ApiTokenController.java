package io.mseg.console.auth;

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
 * The API token endpoints ({@code /apitokens}), for admins.
 */
@RestController
@RequestMapping("/apitokens")
@Tag(name = "apitokens", description = "API tokens for people and scripts (admin)")
class ApiTokenController {

	private final ApiTokenService service;

	private final NamespaceDirectory namespaces;

	private final ConsoleProperties properties;

	ApiTokenController(ApiTokenService service, NamespaceDirectory namespaces, ConsoleProperties properties) {
		this.service = service;
		this.namespaces = namespaces;
		this.properties = properties;
	}

	@PostMapping(produces = { MediaTypes.JSON, MediaTypes.YAML }, consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "201", description = "Created; the secret is in 'token', shown this once")
	@Operation(operationId = "createApiToken", summary = "Create an API token bound to the request's namespace subtree",
			description = "The token may act in that namespace and below it, with its role. The secret is answered "
					+ "once: keep it.")
	ResponseEntity<ApiTokenBody> create(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestBody ApiTokenBody body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.service.create(this.namespaces.resolve(namespace), body));
	}

	@GetMapping(produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listApiTokens", summary = "List API tokens (never their secrets)")
	ResponseEntity<List<ApiTokenBody>> list(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestParam(defaultValue = "false") boolean recursive, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		PageOf<ApiTokenBody> result = this.service.list(this.namespaces.resolve(namespace), recursive,
				Paging.of(page, pagesize, this.properties.maxPageSize()));
		return result.toResponse();
	}

	@GetMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "getApiToken", summary = "Read an API token (never its secret)")
	ApiTokenBody get(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.service.get(this.namespaces.resolve(namespace), id);
	}

	@DeleteMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "revokeApiToken", summary = "Revoke an API token",
			description = "Its very next use is refused with 401. Answers the revoked token.")
	ApiTokenBody revoke(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.service.revoke(this.namespaces.resolve(namespace), id);
	}

}
