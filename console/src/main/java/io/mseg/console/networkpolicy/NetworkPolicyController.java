package io.mseg.console.networkpolicy;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.namespace.NamespaceDirectory;
import io.mseg.console.object.ObjectController;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/networkaccesspolicies")
@Tag(name = "networkaccesspolicies", description = "Network policies: subject, action, object")
class NetworkPolicyController extends ObjectController<NetworkPolicyBody> {

	NetworkPolicyController(NetworkPolicyService service, NamespaceDirectory namespaces, ConsoleProperties properties) {
		super(service, namespaces, properties);
	}

}
