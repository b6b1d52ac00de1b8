package io.mseg.console.push;

import java.time.Clock;
import java.util.List;

import io.mseg.console.processingunit.ProcessingUnitService;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.MediaTypes;
import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.render.RenderedPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "processingunits")
class RenderedPolicyController {

	private final NamespaceDirectory namespaces;

	private final ProcessingUnitService processingUnits;

	private final PolicyState state;

	private final Clock clock;

	RenderedPolicyController(NamespaceDirectory namespaces, ProcessingUnitService processingUnits, PolicyState state,
			Clock clock) {
		this.namespaces = namespaces;
		this.processingUnits = processingUnits;
		this.state = state;
		this.clock = clock;
	}

	@GetMapping(value = "/processingunits/{id}/renderedpolicy", produces = { MediaTypes.JSON, MediaTypes.YAML })
	@Operation(operationId = "getProcessingUnitRenderedPolicy",
			summary = "The rules that apply to a processing unit, as its enforcer applies them",
			description = "Incoming and outgoing rules in evaluation order, remote processing units resolved to "
					+ "addresses and external networks to entries and ports.")
	RenderedPolicyBody renderedPolicy(
			@RequestHeader(name = NamespaceDirectory.HEADER, required = false) String namespace,
			@PathVariable String id) {
		NamespacePath viewer = this.namespaces.resolve(namespace);
		var visible = this.processingUnits.get(viewer, id);
		PolicyIndex index = this.state.current();
		ProcessingUnit pu = index.processingUnit(visible.body().id())
			.orElseThrow(() -> ApiException.notFound("no processingunit with ID " + id + " in this namespace"));
		RenderedPolicy rendered = index.render(List.of(pu), this.clock.instant());
		return RenderedPolicyBody.of(rendered, rendered.processingUnits().get(0), viewer,
				RenderedPolicyBody.readableBy(index.snapshot(), viewer));
	}

}
