package io.mseg.console.enforcer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mseg.console.database.PolicyWrites;
import io.mseg.console.identity.Caller;
import io.mseg.console.identity.Callers;
import io.mseg.console.processingunit.ProcessingUnitBody;
import io.mseg.console.push.EnforcerPolicies;
import io.mseg.console.push.EnforcerPolicyBody;
import io.mseg.console.push.EnforcerPolicySections;
import io.mseg.console.push.EnforcerStreams;
import io.mseg.console.push.PolicyState;
import io.mseg.console.push.RenderedPolicyBody;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.MediaTypes;
import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;
import io.mseg.policy.render.wire.SectionNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What a running enforcer does with its certificate: declare its processing units, fetch
 * its rendered policy (whole, or in sections), hold its event stream. Enrollment, renewal
 * and status reports are {@link EnforcerController}'s; the policy and the streams are
 * {@code push}'s.
 */
@RestController
@Tag(name = "enforcers")
class EnforcerPolicyController {

	private final UnitRegistration registration;

	private final PolicyWrites writes;

	private final EnforcerPolicies policies;

	private final EnforcerStreams streams;

	private final EnforcerService enforcers;

	private final NamespaceDirectory namespaces;

	private final PolicyState state;

	private final JsonMapper json;

	private final EnforcerContact contact;

	EnforcerPolicyController(UnitRegistration registration, PolicyWrites writes, EnforcerPolicies policies,
			EnforcerStreams streams, EnforcerService enforcers, NamespaceDirectory namespaces, PolicyState state,
			JsonMapper json, EnforcerContact contact) {
		this.contact = contact;
		this.registration = registration;
		this.writes = writes;
		this.policies = policies;
		this.streams = streams;
		this.enforcers = enforcers;
		this.namespaces = namespaces;
		this.state = state;
		this.json = json;
	}

	@PutMapping(value = "/enforcers/{id}/processingunits", produces = { MediaTypes.JSON, MediaTypes.YAML },
			consumes = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "registerEnforcerProcessingUnits",
			summary = "Declare the processing units the enforcer protects (mTLS, the enforcer itself)",
			description = "Replaces what it declared before: units it no longer reports are deleted. The console "
					+ "adds the namespace, the enrollment token's tags and the system tags.",
			security = @SecurityRequirement(name = "enforcerCertificate"))
	List<ProcessingUnitBody> registerUnits(@PathVariable String id, @RequestBody List<ReportedProcessingUnit> units) {
		Caller.Enforcer caller = (Caller.Enforcer) Callers.current().orElseThrow();
		return this.writes.run(() -> this.registration.register(caller, units));
	}

	@GetMapping(value = "/enforcers/{id}/renderedpolicy", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@ApiResponse(responseCode = "200", description = "The rendered policy; ETag is its hash")
	@ApiResponse(responseCode = "304", description = "Not modified: If-None-Match names the current ETag",
			content = @Content)
	@Operation(operationId = "getEnforcerRenderedPolicy",
			summary = "The enforcer's rendered policy (the enforcer itself, or a viewer)",
			description = "Every processing unit it protects with its rules in evaluation order, and the policy "
					+ "version at which it last changed. The ETag is the content's hash: If-None-Match answers 304.",
			security = { @SecurityRequirement(name = "enforcerCertificate"), @SecurityRequirement(name = "apiToken") })
	ResponseEntity<EnforcerPolicyBody> renderedPolicy(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		Caller caller = Callers.current().orElseThrow();
		EnforcerPolicies.Document document;
		EnforcerPolicyBody body;
		if (caller instanceof Caller.Enforcer) {
			document = this.policies.current(id).orElseThrow(() -> ApiException.notFound("no enforcer with ID " + id));
			body = document.body();
		}
		else {
			NamespacePath viewer = this.namespaces.resolve(namespace);
			this.enforcers.get(viewer, id);
			document = this.policies.current(id).orElseThrow(() -> ApiException.notFound("no enforcer with ID " + id));
			body = viewed(document, viewer);
		}
		// A viewer's ETag is its own body's: the whole document's would change with what
		// the viewer may not see (another tenant's units), and tell it so.
		String etag = (caller instanceof Caller.Enforcer) ? document.etag()
				: "\"" + SectionNames.of(this.json.writeValueAsBytes(body)) + "\"";
		if (matches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
		}
		return ResponseEntity.ok().eTag(etag).body(body);
	}

	@GetMapping(value = "/enforcers/{id}/renderedpolicy/index", produces = MediaTypes.JSON)
	@ApiResponse(responseCode = "200", description = "The index; ETag is its hash")
	@ApiResponse(responseCode = "304", description = "Not modified: If-None-Match names the current ETag",
			content = @Content)
	@Operation(operationId = "getEnforcerRenderedPolicyIndex",
			summary = "The index of the enforcer's rendered policy in sections (mTLS, the enforcer itself)",
			security = @SecurityRequirement(name = "enforcerCertificate"),
			description = "Names the content-addressed sections (rule chunks, external networks, known addresses) "
					+ "that make up the rendered policy, to fetch those it does not hold with POST "
					+ ".../renderedpolicy/sections. The ETag is the index's hash: If-None-Match answers 304.")
	ResponseEntity<EnforcerPolicyIndex> renderedPolicyIndex(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		EnforcerPolicies.Document document = this.policies.current(id)
			.orElseThrow(() -> ApiException.notFound("no enforcer with ID " + id));
		EnforcerPolicyIndex index = EnforcerPolicySections.of(document.body(), this.json).index();
		String etag = "\"" + SectionNames.of(this.json.writeValueAsBytes(index)) + "\"";
		if (matches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
		}
		return ResponseEntity.ok().eTag(etag).body(index);
	}

	@PostMapping(value = "/enforcers/{id}/renderedpolicy/sections", consumes = MediaTypes.JSON)
	@Operation(operationId = "fetchEnforcerRenderedPolicySections",
			summary = "Sections of the enforcer's rendered policy (mTLS, the enforcer itself)",
			security = @SecurityRequirement(name = "enforcerCertificate"),
			description = "One line per distinct requested name, in request order: the name, a space, the "
					+ "section's JSON. 1 to 10,000 names; 409 if one is not a section of the current rendered "
					+ "policy (fetch the index again).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaTypes.JSON,
							schema = @Schema(implementation = SectionsRequest.class))))
	@ApiResponse(responseCode = "200", description = "The sections, one per line",
			content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "409",
			description = "A name is not a section of the current rendered policy: it changed, fetch the index again")
	void renderedPolicySections(@PathVariable String id, @RequestBody JsonNode body, HttpServletResponse response)
			throws IOException {
		List<String> names = SectionsRequest.read(body).sections();
		EnforcerPolicySections sections = EnforcerPolicySections.of(
				this.policies.content(id).orElseThrow(() -> ApiException.notFound("no enforcer with ID " + id)),
				this.json);
		List<byte[]> found = new ArrayList<>(names.size());
		long length = 0;
		for (String name : names) {
			byte[] section = sections.section(name)
				.orElseThrow(() -> ApiException.conflict("the rendered policy changed: fetch the index again"));
			found.add(section);
			length += name.length() + 1 + section.length + 1;
		}
		// Written as they are: the bytes are what the names hash.
		response.setContentType(MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8");
		response.setContentLengthLong(length);
		OutputStream out = response.getOutputStream();
		for (int i = 0; i < names.size(); i++) {
			out.write(names.get(i).getBytes(StandardCharsets.US_ASCII));
			out.write(' ');
			out.write(found.get(i));
			out.write('\n');
		}
	}

	@GetMapping(value = "/enforcers/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ApiResponse(responseCode = "200",
			description = "A stream of server-sent events that stays open. Each event's id is a policy version and "
					+ "its data {\"version\": <n>}. 'policy': the enforcer's rendered policy changed, fetch it "
					+ "again. 'resync': a resumed stream cannot tell what was missed, fetch it again too. Comments "
					+ "(': connected', ': heartbeat' every mseg.push.heartbeat-interval) carry no event. Before the "
					+ "console stops, 'retry: 1000' and ': shutting down', then the stream ends: reconnect, with "
					+ "Last-Event-ID.",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string",
					description = "text/event-stream: lines of field: value, an " + "empty line after each event"),
					examples = {
							@ExampleObject(name = "policy", summary = "The rendered policy changed at version 42",
									value = "id: 42\nevent: policy\ndata: {\"version\":42}\n\n"),
							@ExampleObject(name = "resync", summary = "Resumed too late to tell what was missed",
									value = "id: 42\nevent: resync\ndata: {\"version\":42}\n\n"),
							@ExampleObject(name = "heartbeat", summary = "Keeps the connection alive",
									value = ": heartbeat\n\n") }))
	@Operation(operationId = "streamEnforcerEvents",
			summary = "The enforcer's event stream (mTLS, the enforcer itself)",
			description = "Server-sent events telling the enforcer when to fetch its rendered policy again. With "
					+ "Last-Event-ID what was missed is sent at once: one 'policy' event if the policy changed since, "
					+ "'resync' if the id is unreadable or older than the change log (mseg.push.change-retention). "
					+ "An enforcer holds at most mseg.push.streams-per-enforcer streams: a new one closes its oldest.",
			security = @SecurityRequirement(name = "enforcerCertificate"))
	ResponseEntity<SseEmitter> events(@PathVariable String id,
			@Parameter(description = "The id of the last event received, to resume a stream") @RequestHeader(
					name = "Last-Event-ID", required = false) String lastEventId) {
		SseEmitter stream = this.streams.open(id, lastEventId);
		this.contact.record(List.of(id));
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header("X-Accel-Buffering", "no")
			.body(stream);
	}

	private static boolean matches(String ifNoneMatch, String etag) {
		return ifNoneMatch != null && (ifNoneMatch.strip().equals("*") || ifNoneMatch.contains(etag));
	}

	/** The document as a token of {@code viewer}'s namespace may see it. */
	private EnforcerPolicyBody viewed(EnforcerPolicies.Document document, NamespacePath viewer) {
		PolicyIndex index = this.state.current();
		String enforcerId = document.body().enforcerId();
		return EnforcerPolicyBody.of(enforcerId, document.version(),
				index.render(index.processingUnitsOfEnforcer(enforcerId), java.time.Instant.now()), viewer,
				RenderedPolicyBody.readableBy(index.snapshot(), viewer));
	}

}
