package io.mseg.console.namespace;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.database.PolicyWrites;
import io.mseg.console.object.Versioned;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The namespace endpoints ({@code /namespaces}): a namespace's children.
 */
@RestController
@RequestMapping("/namespaces")
@Tag(name = "namespaces", description = "The namespace tree")
class NamespaceController {

	private final NamespaceService service;

	private final NamespaceDirectory directory;

	private final PolicyWrites writes;

	private final ConsoleProperties properties;

	NamespaceController(NamespaceService service, NamespaceDirectory directory, PolicyWrites writes,
			ConsoleProperties properties) {
		this.service = service;
		this.directory = directory;
		this.writes = writes;
		this.properties = properties;
	}

	@GetMapping(produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listNamespaces", summary = "List the child namespaces",
			description = "With recursive=true all descendants.")
	ResponseEntity<List<NamespaceBody>> list(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@Parameter(description = "All descendants, not only the children") @RequestParam(
					defaultValue = "false") boolean recursive,
			@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		PageOf<NamespaceBody> result = this.service.list(this.directory.resolve(namespace), recursive,
				Paging.of(page, pagesize, this.properties.maxPageSize()));
		return result.toResponse();
	}

	@GetMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "getNamespace", summary = "Read a namespace (the request's own or a descendant)")
	ResponseEntity<NamespaceBody> get(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return withEtag(ResponseEntity.ok(), this.service.get(this.directory.resolve(namespace), id));
	}

	@PostMapping(produces = { MediaTypes.JSON, MediaTypes.YAML }, consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "201", description = "Created; Location and ETag name the new namespace")
	@Operation(operationId = "createNamespace", summary = "Create a child namespace",
			description = "{\"name\": \"prod\"} with X-Namespace: /acme creates /acme/prod.")
	ResponseEntity<NamespaceBody> create(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestBody NamespaceBody body) {
		NamespacePath parent = this.directory.resolve(namespace);
		Versioned<NamespaceBody> created = this.writes.run(() -> this.service.create(parent, body));
		var location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.body().id())
			.toUri();
		return withEtag(ResponseEntity.created(location), created);
	}

	@PutMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "updateNamespace",
			summary = "Change a descendant namespace's description, annotations or protection",
			description = "Its name cannot change. If-Match gives optimistic concurrency (412 when stale); protected "
					+ "namespaces need override=true.")
	ResponseEntity<NamespaceBody> update(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(defaultValue = "false") boolean override, @RequestBody NamespaceBody body) {
		NamespacePath resolved = this.directory.resolve(namespace);
		return withEtag(ResponseEntity.ok(),
				this.writes.run(() -> this.service.update(resolved, id, body, ifMatch, override)));
	}

	@DeleteMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "200", description = "Deleted; the namespace as it was")
	@ApiResponse(responseCode = "409",
			description = "The namespace still holds child namespaces or objects (delete them with recursive=true), "
					+ "is protected (override=true), or changed concurrently")
	@Operation(operationId = "deleteNamespace", summary = "Delete a descendant namespace",
			description = "Refused (409) while it has child namespaces or objects, unless recursive=true. Answers "
					+ "the deleted namespace.")
	NamespaceBody delete(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id,
			@Parameter(description = "Also delete its child namespaces and every object in them") @RequestParam(
					defaultValue = "false") boolean recursive,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(defaultValue = "false") boolean override) {
		NamespacePath resolved = this.directory.resolve(namespace);
		return this.writes.run(() -> this.service.delete(resolved, id, recursive, ifMatch, override));
	}

	private static ResponseEntity<NamespaceBody> withEtag(ResponseEntity.BodyBuilder builder,
			Versioned<NamespaceBody> versioned) {
		return builder.eTag(versioned.etag()).body(versioned.body());
	}

}
