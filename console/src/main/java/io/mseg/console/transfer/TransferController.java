package io.mseg.console.transfer;

import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.MediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Export and import of whole subtrees ({@code /export}, {@code /import}).
 */
@RestController
@Tag(name = "import-export", description = "Whole subtrees as one document, for git and backups")
class TransferController {

	private final TransferService service;

	private final NamespaceDirectory namespaces;

	TransferController(TransferService service, NamespaceDirectory namespaces) {
		this.service = service;
		this.namespaces = namespaces;
	}

	/** The optional body of an export request. */
	record ExportRequest(@Schema(description = "The document's label (default: the namespace's path): importing it "
			+ "labels its objects so", example = "acme") String label) {

	}

	@PostMapping(value = "/export", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "exportDocument", summary = "Export the namespace and its descendants",
			description = "Namespaces, external networks, network policies and processing units, with namespaces "
					+ "relative to the request's namespace.")
	TransferDocument export(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestBody(required = false) ExportRequest request) {
		String label = (request != null) ? request.label() : null;
		if (label != null && (label.isBlank() || label.length() > 256)) {
			throw ApiException.invalid("label", "must be 1 to 256 characters when given");
		}
		return this.service.export(this.namespaces.resolve(namespace), label);
	}

	@PostMapping(value = "/import", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "200", description = "What changed (or, with dryRun=true, would change)")
	@ApiResponse(responseCode = "409",
			description = "An object of the document conflicts with the console's: a name or address taken "
					+ "elsewhere, or a protected object that would change without override=true")
	@Operation(operationId = "importDocument", summary = "Import a document into the namespace",
			description = "All or nothing. Objects are identified by kind, namespace and name: missing ones are "
					+ "created, different ones updated, equal ones left alone. With a label, objects of the subtree "
					+ "that carry that label and are not in the document are deleted. dryRun=true reports what would "
					+ "change without writing.")
	ImportResult importDocument(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@Parameter(description = "Only report what would change, writing nothing") @RequestParam(
					defaultValue = "false") boolean dryRun,
			@RequestParam(defaultValue = "false") boolean override, @RequestBody TransferDocument document) {
		return this.service.importDocument(this.namespaces.resolve(namespace), document, dryRun, override);
	}

}
