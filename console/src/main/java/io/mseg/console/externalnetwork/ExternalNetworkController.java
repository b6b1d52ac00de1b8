package io.mseg.console.externalnetwork;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.namespace.NamespaceDirectory;
import io.mseg.console.object.ObjectController;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/externalnetworks")
@Tag(name = "externalnetworks", description = "Hosts without enforcers: CIDRs, domain names and ports")
class ExternalNetworkController extends ObjectController<ExternalNetworkBody> {

	ExternalNetworkController(ExternalNetworkService service, NamespaceDirectory namespaces,
			ConsoleProperties properties) {
		super(service, namespaces, properties);
	}

}
