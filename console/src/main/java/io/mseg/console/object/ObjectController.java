package io.mseg.console.object;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.namespace.NamespaceDirectory;
import io.mseg.policy.model.NamespacePath;
import io.mseg.console.web.MediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The REST endpoints every kind of namespaced object has: list, get, create, update,
 * delete. Subclasses only name the path.
 *
 * @param <D> the body
 */
public abstract class ObjectController<D extends ObjectBody> {

	/** Total number of items of a list across all its pages. */
	public static final String COUNT_TOTAL = "X-Count-Total";

	private final ObjectService<?, D> service;

	private final NamespaceDirectory namespaces;

	private final ConsoleProperties properties;

	protected ObjectController(ObjectService<?, D> service, NamespaceDirectory namespaces,
			ConsoleProperties properties) {
		this.service = service;
		this.namespaces = namespaces;
		this.properties = properties;
	}

	@GetMapping(produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(summary = "List the objects of a namespace",
			description = "With recursive=true also those of its descendants; with propagated=true also those "
					+ "that ancestors propagate to it; name= keeps those of that name. The total count is in "
					+ "X-Count-Total.")
	public ResponseEntity<List<D>> list(
			@Parameter(description = "The namespace of the request (default /)") @RequestHeader(
					name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestParam(defaultValue = "false") boolean recursive,
			@RequestParam(defaultValue = "false") boolean propagated,
			@Parameter(description = "Only the objects with exactly this name") @RequestParam(
					required = false) String name,
			@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		NamespacePath path = this.namespaces.resolve(namespace);
		PageOf<D> result = this.service.list(path, recursive, propagated, name,
				Paging.of(page, pagesize, this.properties.maxPageSize()));
		return result.toResponse();
	}

	@GetMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(summary = "Read one object", description = "Visible when it belongs to the namespace, one of its "
			+ "descendants, or is propagated to it by an ancestor.")
	public ResponseEntity<D> get(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return withEtag(ResponseEntity.ok(), this.service.get(this.namespaces.resolve(namespace), id));
	}

	@PostMapping(produces = { MediaTypes.JSON, MediaTypes.YAML }, consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "201", description = "Created; Location and ETag name the new object")
	@Operation(summary = "Create an object in the namespace")
	public ResponseEntity<D> create(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestBody D body) {
		Versioned<D> created = this.service.create(this.namespaces.resolve(namespace), body);
		var location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.body().id())
			.toUri();
		return withEtag(ResponseEntity.created(location), created);
	}

	@PutMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(summary = "Replace an object",
			description = "Fields left out take their defaults. If-Match gives optimistic concurrency (412 when "
					+ "stale); protected objects need override=true.")
	public ResponseEntity<D> update(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(defaultValue = "false") boolean override, @RequestBody D body) {
		return withEtag(ResponseEntity.ok(),
				this.service.update(this.namespaces.resolve(namespace), id, body, ifMatch, override));
	}

	@DeleteMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(summary = "Delete an object", description = "Answers the deleted object. Protected objects need "
			+ "override=true; propagated ones can only be deleted in their own namespace.")
	public D delete(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(defaultValue = "false") boolean override) {
		return this.service.delete(this.namespaces.resolve(namespace), id, ifMatch, override);
	}

	private ResponseEntity<D> withEtag(ResponseEntity.BodyBuilder builder, Versioned<D> versioned) {
		return builder.eTag(versioned.etag()).body(versioned.body());
	}

}
