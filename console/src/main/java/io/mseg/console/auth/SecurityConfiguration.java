package io.mseg.console.auth;

import java.util.List;
import java.util.function.Supplier;

import io.mseg.console.identity.Caller;
import io.mseg.console.identity.CallerAuthentication;
import io.mseg.console.identity.Role;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call what (docs/api.md, "Security"). People and scripts use API tokens whose
 * role decides what they may do: viewers read, editors also write policies, external
 * networks and processing units, admins also namespaces, tokens and enforcers. A new
 * enforcer uses an enrollment token for {@code POST /enforcers} only; an enrolled
 * enforcer uses its client certificate for its own enforcer endpoints only. Health and
 * the API description are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String VIEWER = "VIEWER";

	private static final String EDITOR = "EDITOR";

	private static final String ADMIN = "ADMIN";

	@Bean
	RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("ROLE_ADMIN > ROLE_EDITOR\nROLE_EDITOR > ROLE_VIEWER");
	}

	@Bean
	SecurityFilterChain api(HttpSecurity http, List<Authenticators.BearerToken> tokens,
			List<Authenticators.ClientCertificate> certificates, JsonMapper json) throws Exception {
		AuthenticationEntryPoint unauthorized = ProblemResponses.unauthorized(json);
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new CredentialsFilter(tokens, certificates, unauthorized), AuthorizationFilter.class)
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(ProblemResponses.forbidden(json)))
			.authorizeHttpRequests((requests) -> requests
				// An async dispatch continues a request that was authorized when it came
				// in
				// (an event stream ending): denying it only logged a stack trace per
				// stream.
				.dispatcherTypeMatchers(DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs",
						"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/enforcers")
				.hasAuthority(CallerAuthentication.ENROLLMENT)
				// HEAD is GET without the body: the same rules.
				.requestMatchers(HttpMethod.GET, "/enforcers/{id}/renderedpolicy")
				.access(ownEnforcerOr(VIEWER))
				.requestMatchers(HttpMethod.HEAD, "/enforcers/{id}/renderedpolicy")
				.access(ownEnforcerOr(VIEWER))
				.requestMatchers("/enforcers/{id}/processingunits", "/enforcers/{id}/poke", "/enforcers/{id}/events",
						"/enforcers/{id}/flowreports", "/enforcers/{id}/certificate",
						"/enforcers/{id}/renderedpolicy/index", "/enforcers/{id}/renderedpolicy/sections")
				.access(ownEnforcerOr(null))
				.requestMatchers(HttpMethod.GET, "/enforcers", "/enforcers/{id}")
				.hasRole(VIEWER)
				.requestMatchers(HttpMethod.HEAD, "/enforcers", "/enforcers/{id}")
				.hasRole(VIEWER)
				.requestMatchers("/enforcers/**", "/apitokens", "/apitokens/**", "/enrollmenttokens",
						"/enrollmenttokens/**")
				.hasRole(ADMIN)
				// The live tail of flow records shows every flow as it happens: admins
				// only.
				.requestMatchers(HttpMethod.GET, "/flowreports/events")
				.hasRole(ADMIN)
				// Accepting a held feed list overrides the mass-removal guard.
				.requestMatchers(HttpMethod.POST, "/externalnetworks/{id}/source/accept")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.HEAD, "/flowreports/events")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.GET, "/**")
				.hasRole(VIEWER)
				.requestMatchers(HttpMethod.HEAD, "/**")
				.hasRole(VIEWER)
				.requestMatchers(HttpMethod.POST, "/export", "/explain")
				.hasRole(VIEWER)
				.requestMatchers("/namespaces", "/namespaces/**")
				.hasRole(ADMIN)
				.anyRequest()
				.hasRole(EDITOR));
		return http.build();
	}

	/**
	 * The enforcer named in the path, with its own certificate; or, when {@code role} is
	 * given, an API token with at least that role.
	 */
	private AuthorizationManager<RequestAuthorizationContext> ownEnforcerOr(String role) {
		return (Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) -> {
			if (!(authentication.get() instanceof CallerAuthentication caller)) {
				return new AuthorizationDecision(false);
			}
			if (caller.caller() instanceof Caller.Enforcer enforcer) {
				return new AuthorizationDecision(enforcer.enforcerId().equals(context.getVariables().get("id")));
			}
			return new AuthorizationDecision(role != null && caller.caller() instanceof Caller.ApiToken token
					&& token.role().includes(Role.valueOf(role)));
		};
	}

}
