package io.mseg.console.externalnetwork;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.database.PolicyWrites;
import io.mseg.console.object.ObjectEndpoints;
import io.mseg.console.object.Versioned;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.mseg.console.web.Paging;
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

/**
 * The external network endpoints ({@code /externalnetworks}).
 */
@RestController
@RequestMapping("/externalnetworks")
@Tag(name = "externalnetworks", description = "Hosts without enforcers: CIDRs, domain names and ports")
class ExternalNetworkController {

	private final ObjectEndpoints<ExternalNetworkBody> endpoints;

	private final ExternalNetworkService service;

	private final NamespaceDirectory namespaces;

	ExternalNetworkController(ExternalNetworkService service, NamespaceDirectory namespaces, PolicyWrites writes,
			ConsoleProperties properties) {
		this.endpoints = new ObjectEndpoints<>(service, namespaces, writes, properties);
		this.service = service;
		this.namespaces = namespaces;
	}

	@GetMapping(produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listExternalNetworks", summary = "List the external networks of a namespace",
			description = "With recursive=true also those of its descendants; with propagated=true also those "
					+ "that ancestors propagate to it; name= keeps those of that name. The total count is in "
					+ "X-Count-Total.")
	ResponseEntity<List<ExternalNetworkBody>> list(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestParam(defaultValue = "false") boolean recursive,
			@RequestParam(defaultValue = "false") boolean propagated,
			@Parameter(description = "Only the external networks with exactly this name") @RequestParam(
					required = false) String name,
			@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		return this.endpoints.list(namespace, recursive, propagated, name, page, pagesize);
	}

	@GetMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "getExternalNetwork", summary = "Read one external network",
			description = "Visible when it belongs to the namespace, one of its descendants, or is propagated to "
					+ "it by an ancestor.")
	ResponseEntity<ExternalNetworkBody> get(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.endpoints.get(namespace, id);
	}

	@PostMapping(produces = { MediaTypes.JSON, MediaTypes.YAML }, consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "201", description = "Created; Location and ETag name the new external network")
	@Operation(operationId = "createExternalNetwork", summary = "Create an external network in the namespace")
	ResponseEntity<ExternalNetworkBody> create(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestBody ExternalNetworkBody body) {
		return this.endpoints.create(namespace, body);
	}

	@PutMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "replaceExternalNetwork", summary = "Replace an external network",
			description = "Fields left out take their defaults. If-Match gives optimistic concurrency (412 when "
					+ "stale); protected objects need override=true.")
	ResponseEntity<ExternalNetworkBody> update(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(defaultValue = "false") boolean override, @RequestBody ExternalNetworkBody body) {
		return this.endpoints.update(namespace, id, ifMatch, override, body);
	}

	@DeleteMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "deleteExternalNetwork", summary = "Delete an external network",
			description = "Answers the deleted external network. Protected objects need override=true; propagated ones can "
					+ "only be deleted in their own namespace.")
	ExternalNetworkBody delete(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(defaultValue = "false") boolean override) {
		return this.endpoints.delete(namespace, id, ifMatch, override);
	}

	@PostMapping(value = "/{id}/source/accept", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "409", description = "No list is held")
	@Operation(operationId = "acceptHeldExternalNetworkList",
			summary = "Apply the list a feed's mass-removal guard holds",
			description = "Admins only. A fetched list that would remove more than the allowed share of the entries at "
					+ "once (mseg.feeds.max-removal-share, 50% by default) is held and shown in sourceStatus.held; "
					+ "this applies it now (a new version, audited as the caller's change). Without it, the list is "
					+ "applied when the feed serves it again an interval later. If-Match gives optimistic "
					+ "concurrency (412 when stale).")
	ResponseEntity<ExternalNetworkBody> acceptHeldList(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Versioned<ExternalNetworkBody> accepted = this.service.acceptHeldList(this.namespaces.resolve(namespace), id,
				ifMatch);
		return ResponseEntity.ok().eTag(accepted.etag()).body(accepted.body());
	}

}
