package io.mseg.console.identity;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller as Spring Security sees it: the caller and its authorities
 * ({@code ROLE_VIEWER}..{@code ROLE_ADMIN}, {@code ENROLLMENT} or {@code ENFORCER}).
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

	public static final String ENROLLMENT = "ENROLLMENT";

	public static final String ENFORCER = "ENFORCER";

	private final Caller caller;

	public CallerAuthentication(Caller caller) {
		super(authorities(caller));
		this.caller = caller;
		setAuthenticated(true);
	}

	public Caller caller() {
		return this.caller;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.caller;
	}

	@Override
	public String getName() {
		return this.caller.displayName();
	}

	private static Collection<GrantedAuthority> authorities(Caller caller) {
		String authority;
		if (caller instanceof Caller.ApiToken token) {
			authority = token.role().authority();
		}
		else {
			authority = (caller instanceof Caller.Enrollment) ? ENROLLMENT : ENFORCER;
		}
		return List.of(new SimpleGrantedAuthority(authority));
	}

}
