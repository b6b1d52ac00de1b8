package io.mseg.console;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description's header and its security schemes (handlers name theirs when
 * not an API token); {@link OpenApiConventions} adds what every operation does alike. The
 * server is relative so that the document is the same wherever the console runs (it is
 * committed under {@code openapi/} and compared).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/** People and scripts; the default of every operation. */
	private static final String API_TOKEN = "apiToken";

	/** A new enforcer, on {@code POST /enforcers}. */
	private static final String ENROLLMENT_TOKEN = "enrollmentToken";

	/** An enrolled enforcer, on its own {@code /enforcers/{id}/...} endpoints. */
	private static final String ENFORCER_CERTIFICATE = "enforcerCertificate";

	@Bean
	OpenAPI consoleOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Microsegmentation console API")
				.version("v1")
				.description("Namespaces, processing units, external networks and network policies. Requests name "
						+ "their namespace with the X-Namespace header (default: the token's own namespace). Viewer "
						+ "tokens read; editor tokens also write network policies, processing units and external "
						+ "networks; admin tokens also namespaces, tokens and enforcers.\n\n"
						+ "Every refusal is an RFC 9457 problem (application/problem+json, the Problem schema); each "
						+ "operation lists those it can answer. Besides, the HTTP server refuses some requests before "
						+ "they reach any operation: 405 for a method the path does not take, 414 for a URI and 431 "
						+ "for headers too long, 426 or 505 for an HTTP version it does not speak, 413 for a body "
						+ "over the limit and 415 for form or multipart bodies or a charset other than UTF-8."))
			.servers(List.of(new Server().url("/")))
			.components(new Components()
				.addSecuritySchemes(API_TOKEN,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("An API token, for people and scripts: Authorization: Bearer mseg_..."))
				.addSecuritySchemes(ENROLLMENT_TOKEN,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("An enrollment token, with which a new enforcer enrolls (POST /enforcers "
									+ "only)"))
				.addSecuritySchemes(ENFORCER_CERTIFICATE, new SecurityScheme().type(SecurityScheme.Type.MUTUALTLS)
					.description("An enforcer's client certificate, for its own /enforcers/{id}/... endpoints")))
			.addSecurityItem(new SecurityRequirement().addList(API_TOKEN));
	}

	@Bean
	OpenApiCustomizer openApiConventions(ConsoleProperties properties) {
		return new OpenApiConventions(properties.maxPageSize());
	}

	@Bean
	OperationCustomizer requestExamples() {
		return new RequestExamples();
	}

}
