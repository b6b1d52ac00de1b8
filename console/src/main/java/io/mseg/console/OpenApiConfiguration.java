package io.mseg.console;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description's header. The server is relative so that the document is the
 * same wherever the console runs (it is committed under {@code openapi/} and compared).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer";

	private static final String ENFORCER_CERTIFICATE = "enforcerCertificate";

	@Bean
	OpenAPI consoleOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Microsegmentation console API")
				.version("v1")
				.description("Namespaces, processing units, external networks and network policies. Requests name "
						+ "their namespace with the X-Namespace header; errors are RFC 9457 problem details."))
			.servers(List.of(new Server().url("/")))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("An API token (people and scripts) or, on POST /enforcers, an enrollment "
									+ "token"))
				.addSecuritySchemes(ENFORCER_CERTIFICATE, new SecurityScheme().type(SecurityScheme.Type.MUTUALTLS)
					.description("An enforcer's client certificate, for its own /enforcers/{id}/... endpoints")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.addSecurityItem(new SecurityRequirement().addList(ENFORCER_CERTIFICATE));
	}

}
