package io.mseg.console.audit;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail ({@code /auditrecords}).
 */
@RestController
@Tag(name = "auditrecords", description = "Who changed what, when, with the object before and after")
class AuditRecordController {

	private final AuditRecords records;

	private final NamespaceDirectory namespaces;

	private final ConsoleProperties properties;

	AuditRecordController(AuditRecords records, NamespaceDirectory namespaces, ConsoleProperties properties) {
		this.records = records;
		this.namespaces = namespaces;
		this.properties = properties;
	}

	@GetMapping(value = "/auditrecords", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listAuditRecords", summary = "List the changes made in a namespace, newest first",
			description = "recursive=true adds descendants; kind and objectID filter.")
	ResponseEntity<List<AuditRecordBody>> list(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@RequestParam(defaultValue = "false") boolean recursive,
			@Parameter(description = "Only the changes of this kind of object: networkaccesspolicy, processingunit, "
					+ "externalnetwork, namespace, apitoken, enrollmenttoken or enforcer") @RequestParam(
							required = false) String kind,
			@Parameter(description = "Only the changes of the object with this ID") @RequestParam(name = "objectID",
					required = false) String objectId,
			@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		PageOf<AuditRecordBody> result = this.records.list(this.namespaces.resolve(namespace), recursive, kind,
				objectId, Paging.of(page, pagesize, this.properties.maxPageSize()));
		return result.toResponse();
	}

}
