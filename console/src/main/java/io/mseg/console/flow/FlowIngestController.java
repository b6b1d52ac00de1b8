package io.mseg.console.flow;

import io.mseg.console.identity.Caller;
import io.mseg.console.identity.Callers;
import io.mseg.console.web.MediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where enforcers send their flow records ({@code POST /enforcers/{id}/flowreports}),
 * with their own certificate, for their own ID (auth.SecurityConfiguration).
 */
@RestController
@Tag(name = "enforcers")
class FlowIngestController {

	private final FlowIngest ingest;

	FlowIngestController(FlowIngest ingest) {
		this.ingest = ingest;
	}

	// produces: a refusal is a problem document whatever the Accept header (else
	// unrenderable)
	@PostMapping(value = "/enforcers/{id}/flowreports", consumes = { MediaTypes.JSON, MediaTypes.YAML },
			produces = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "204", description = "Stored, all of it")
	@ApiResponse(responseCode = "403",
			description = "A record names a processing unit this enforcer did not register (or the credentials are "
					+ "not this enforcer's certificate); nothing stored")
	@ApiResponse(responseCode = "409",
			description = "batch already stored: this enforcer's batchID was stored before; nothing stored again "
					+ "(the enforcer treats it as delivered)")
	@ApiResponse(responseCode = "413",
			description = "More than 2,000 records, or a body over mseg.max-flow-report-size; nothing stored")
	@ApiResponse(responseCode = "422",
			description = "An invalid value (errors names records[i].field), or a record older than the retention or "
					+ "more than 5 minutes ahead; nothing stored")
	@ApiResponse(responseCode = "429",
			description = "This enforcer sends more than mseg.flows.ingest-rate records/s (burst "
					+ "mseg.flows.ingest-burst); Retry-After says in how many seconds to send the batch again; "
					+ "nothing stored")
	@Operation(operationId = "reportEnforcerFlows",
			summary = "Send a batch of flow records (mTLS, the enforcer itself)",
			description = "Aggregated records of the connections the enforcer's kernel decided, for the processing "
					+ "units it registered. One transaction: every record is stored, or none.",
			security = @SecurityRequirement(name = "enforcerCertificate"))
	ResponseEntity<Void> report(@PathVariable String id, @RequestBody FlowBatch batch) {
		this.ingest.ingest((Caller.Enforcer) Callers.current().orElseThrow(), batch);
		return ResponseEntity.noContent().build();
	}

}
