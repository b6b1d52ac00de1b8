package io.mseg.console.identity;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the current request.
 */
public final class Callers {

	private Callers() {
	}

	public static Optional<Caller> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication instanceof CallerAuthentication caller) ? Optional.of(caller.caller())
				: Optional.empty();
	}

	/** How the current caller appears in the audit trail. */
	public static String displayName() {
		return current().map(Caller::displayName).orElse("system");
	}

	/** The caller's role, when it is a person or script with an API token. */
	public static Optional<Role> role() {
		return current().filter(Caller.ApiToken.class::isInstance).map((c) -> ((Caller.ApiToken) c).role());
	}

}
