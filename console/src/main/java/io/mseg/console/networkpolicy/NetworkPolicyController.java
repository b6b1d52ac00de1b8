package io.mseg.console.networkpolicy;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.database.PolicyWrites;
import io.mseg.console.object.ObjectEndpoints;
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
 * The network policy endpoints ({@code /networkaccesspolicies}).
 */
@RestController
@RequestMapping("/networkaccesspolicies")
@Tag(name = "networkaccesspolicies", description = "Network policies: subject, action, object")
class NetworkPolicyController {

	private final ObjectEndpoints<NetworkPolicyBody> endpoints;

	NetworkPolicyController(NetworkPolicyService service, NamespaceDirectory namespaces, PolicyWrites writes,
			ConsoleProperties properties) {
		this.endpoints = new ObjectEndpoints<>(service, namespaces, writes, properties);
	}

	@GetMapping(produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listNetworkAccessPolicies", summary = "List the network policies of a namespace",
			description = "With recursive=true also those of its descendants; with propagated=true also those "
					+ "that ancestors propagate to it; name= keeps those of that name. The total count is in "
					+ "X-Count-Total.")
	ResponseEntity<List<NetworkPolicyBody>> list(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestParam(defaultValue = "false") boolean recursive,
			@RequestParam(defaultValue = "false") boolean propagated,
			@Parameter(description = "Only the network policies with exactly this name") @RequestParam(
					required = false) String name,
			@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		return this.endpoints.list(namespace, recursive, propagated, name, page, pagesize);
	}

	@GetMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "getNetworkAccessPolicy", summary = "Read one network policy",
			description = "Visible when it belongs to the namespace, one of its descendants, or is propagated to "
					+ "it by an ancestor.")
	ResponseEntity<NetworkPolicyBody> get(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.endpoints.get(namespace, id);
	}

	@PostMapping(produces = { MediaTypes.JSON, MediaTypes.YAML }, consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "201", description = "Created; Location and ETag name the new network policy")
	@Operation(operationId = "createNetworkAccessPolicy", summary = "Create a network policy in the namespace")
	ResponseEntity<NetworkPolicyBody> create(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestBody NetworkPolicyBody body) {
		return this.endpoints.create(namespace, body);
	}

	@PutMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "replaceNetworkAccessPolicy", summary = "Replace a network policy",
			description = "Fields left out take their defaults. If-Match gives optimistic concurrency (412 when "
					+ "stale); protected objects need override=true.")
	ResponseEntity<NetworkPolicyBody> update(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(defaultValue = "false") boolean override, @RequestBody NetworkPolicyBody body) {
		return this.endpoints.update(namespace, id, ifMatch, override, body);
	}

	@DeleteMapping(value = "/{id}", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "deleteNetworkAccessPolicy", summary = "Delete a network policy",
			description = "Answers the deleted network policy. Protected objects need override=true; propagated ones can "
					+ "only be deleted in their own namespace.")
	NetworkPolicyBody delete(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(defaultValue = "false") boolean override) {
		return this.endpoints.delete(namespace, id, ifMatch, override);
	}

}
