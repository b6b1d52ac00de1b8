package io.mseg.console.identity;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an API token may do in its namespace subtree: {@code viewer} reads, {@code editor}
 * also writes policies, external networks and processing units, {@code admin} also
 * manages namespaces, tokens, enrollment tokens and enforcers.
 */
public enum Role {

	VIEWER, EDITOR, ADMIN;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The Spring Security authority of the role. */
	String authority() {
		return "ROLE_" + name();
	}

	public boolean includes(Role other) {
		return compareTo(other) >= 0;
	}

	/** The role named {@code text}; empty when it names none. */
	public static java.util.Optional<Role> fromWire(String text) {
		return Arrays.stream(values()).filter((role) -> role.wireName().equals(text)).findFirst();
	}

}
