package io.mseg.console.explain;

import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Explains verdicts ({@code POST /explain}).
 */
@RestController
@Tag(name = "explain", description = "Why a connection is allowed or rejected")
class ExplainController {

	private final ExplainService service;

	private final NamespaceDirectory namespaces;

	ExplainController(ExplainService service, NamespaceDirectory namespaces) {
		this.service = service;
		this.namespaces = namespaces;
	}

	@PostMapping(value = "/explain", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "explainConnection", summary = "Explain the verdict for a connection",
			description = "The overall verdict and, for each enforcing side, its verdict and matching policies.")
	ExplainResponse explain(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestBody ExplainRequest request) {
		return this.service.explain(this.namespaces.resolve(namespace), request);
	}

}
