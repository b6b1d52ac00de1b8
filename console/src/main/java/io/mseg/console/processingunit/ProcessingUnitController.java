package io.mseg.console.processingunit;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.namespace.NamespaceDirectory;
import io.mseg.console.object.ObjectController;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/processingunits")
@Tag(name = "processingunits", description = "Hosts and workloads protected by enforcers")
class ProcessingUnitController extends ObjectController<ProcessingUnitBody> {

	ProcessingUnitController(ProcessingUnitService service, NamespaceDirectory namespaces,
			ConsoleProperties properties) {
		super(service, namespaces, properties);
	}

}
