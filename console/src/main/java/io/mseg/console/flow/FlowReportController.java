package io.mseg.console.flow;

import java.util.List;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.explain.ExplainResponse;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.MediaTypes;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The stored flow records ({@code /flowreports}): the list of a namespace subtree, the
 * explanation of a record's flow, and the live tail.
 */
@RestController
@Tag(name = "flowreports", description = "What the enforcers' kernels allowed and rejected, and which policy did it")
class FlowReportController {

	private final FlowReports reports;

	private final FlowExplainer explainer;

	private final FlowEvents events;

	private final NamespaceDirectory namespaces;

	private final ConsoleProperties properties;

	FlowReportController(FlowReports reports, FlowExplainer explainer, FlowEvents events, NamespaceDirectory namespaces,
			ConsoleProperties properties) {
		this.reports = reports;
		this.explainer = explainer;
		this.events = events;
		this.namespaces = namespaces;
		this.properties = properties;
	}

	@GetMapping(value = "/flowreports", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "listFlowReports", summary = "List flow records, newest first",
			description = "The records of the namespace and every namespace below it (always), filtered by each "
					+ "parameter given. Unknown parameters are refused (400).")
	ResponseEntity<List<FlowReportBody>> list(HttpServletRequest request,
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@Parameter(description = "Only records at or after this time (RFC 3339)",
					example = "2026-12-05T12:00:00Z") @RequestParam(required = false) String since,
			@Parameter(description = "Only records before this time (RFC 3339)") @RequestParam(
					required = false) String until,
			@Parameter(description = "Only records of this action",
					schema = @Schema(allowableValues = { "Allow", "Reject" })) @RequestParam(
							required = false) String action,
			@Parameter(description = "Only records of observation-mode policies (true) or of enforced decisions "
					+ "(false)") @RequestParam(required = false) Boolean observed,
			@Parameter(description = "Only records of this processing unit") @RequestParam(name = "processingUnitID",
					required = false) String processingUnitId,
			@Parameter(description = "Only records decided by this policy") @RequestParam(name = "policyID",
					required = false) String policyId,
			@Parameter(description = "Only records whose remote side is this external network") @RequestParam(
					name = "externalNetworkID", required = false) String externalNetworkId,
			@Parameter(description = "Only records with this IP address on either side") @RequestParam(
					required = false) String address,
			@Parameter(description = "Only records to this destination port (0 to 65535)") @RequestParam(
					required = false) Integer port,
			@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = Paging.DEFAULT_PAGE_SIZE) int pagesize) {
		FlowQueryParameters.onlyKnown(request.getParameterMap().keySet(), FlowQueryParameters.LIST);
		NamespacePath scope = this.namespaces.resolve(namespace);
		FlowFilter filter = FlowQueryParameters.filter(scope, since, until, action, observed, processingUnitId,
				policyId, externalNetworkId, address, port);
		PageOf<FlowReportBody> result = this.reports.list(filter,
				Paging.of(page, pagesize, this.properties.maxPageSize()));
		return result.toResponse();
	}

	@GetMapping(value = "/flowreports/{id}/explain", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "explainFlowReport", summary = "Explain a flow record's flow",
			description = "The POST /explain answer for the record's flow (its processing unit on its side, the "
					+ "address on the other, protocol, port and domain), with the policies as they are now. 404 when "
					+ "the record lies outside the namespace or its processing unit no longer exists.")
	ExplainResponse explain(@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@Parameter(description = "The ID of the flow record (its ID field)") @PathVariable String id) {
		return this.explainer.explain(this.namespaces.resolve(namespace), id);
	}

	@GetMapping(value = "/flowreports/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ApiResponse(responseCode = "200",
			description = "A stream of server-sent events that stays open: each record stored from now on in the "
					+ "namespace's subtree that passes the filters, as an event 'flowreport' whose data is the record "
					+ "(JSON, as GET /flowreports lists it); ': heartbeat' comments in between. A subscriber that "
					+ "falls mseg.flows.events-backlog events behind is disconnected.",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string",
							description = "text/event-stream: lines of field: value, an empty line after each event"),
					examples = @ExampleObject(name = "flowreport", summary = "A rejected connection",
							value = "event: flowreport\ndata: {\"ID\":\"2049\",\"time\":\"2026-12-05T12:00:10Z\","
									+ "\"count\":3,\"action\":\"Reject\"}\n\n")))
	@ApiResponse(responseCode = "422",
			description = "A filter's value is out of range (action, a UUID, an address, a port); errors names it",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/Problem")))
	@Operation(operationId = "streamFlowReports", summary = "Follow new flow records (admin)",
			description = "Server-sent events of the records stored from now on, by any console replica, with the "
					+ "filters of GET /flowreports but since, until and paging.")
	ResponseEntity<SseEmitter> events(HttpServletRequest request,
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@Parameter(description = "Only records of this action",
					schema = @Schema(allowableValues = { "Allow", "Reject" })) @RequestParam(
							required = false) String action,
			@Parameter(description = "Only records of observation-mode policies (true) or of enforced decisions "
					+ "(false)") @RequestParam(required = false) Boolean observed,
			@Parameter(description = "Only records of this processing unit") @RequestParam(name = "processingUnitID",
					required = false) String processingUnitId,
			@Parameter(description = "Only records decided by this policy") @RequestParam(name = "policyID",
					required = false) String policyId,
			@Parameter(description = "Only records whose remote side is this external network") @RequestParam(
					name = "externalNetworkID", required = false) String externalNetworkId,
			@Parameter(description = "Only records with this IP address on either side") @RequestParam(
					required = false) String address,
			@Parameter(description = "Only records to this destination port (0 to 65535)") @RequestParam(
					required = false) Integer port) {
		FlowQueryParameters.onlyKnown(request.getParameterMap().keySet(), FlowQueryParameters.FILTERS);
		NamespacePath scope = this.namespaces.resolve(namespace);
		FlowFilter filter = FlowQueryParameters.filter(scope, null, null, action, observed, processingUnitId, policyId,
				externalNetworkId, address, port);
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header("X-Accel-Buffering", "no")
			.body(this.events.subscribe(filter));
	}

}
