package io.mseg.console.flow;

import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A policy's hit count ({@code GET /networkaccesspolicies/{id}/hits}).
 */
@RestController
@Tag(name = "networkaccesspolicies")
class PolicyHitsController {

	private final PolicyHits hits;

	private final NamespaceDirectory namespaces;

	PolicyHitsController(PolicyHits hits, NamespaceDirectory namespaces) {
		this.hits = hits;
		this.namespaces = namespaces;
	}

	@GetMapping(value = "/networkaccesspolicies/{id}/hits", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "getNetworkAccessPolicyHits", summary = "How often a policy decided reported flows",
			description = "The sum of the counts of the flow records naming the policy, since it was created (not cut "
					+ "by the retention), and the latest record's time. Counted for the processing units of the "
					+ "request's namespace and below: a policy propagated from an ancestor shows the hits of this "
					+ "subtree only. 404 for a policy the request cannot see.")
	PolicyHitsBody hits(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		return this.hits.of(this.namespaces.resolve(namespace), id);
	}

}
