package io.mseg.console.enforcer;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import io.mseg.policy.model.NamespacePath;

/**
 * The identity the console writes into an enforcer certificate, as a URI SAN:
 * {@code spiffe://mseg/enforcer/<id>/namespace/<path>}.
 */
record EnforcerIdentity(String enforcerId, NamespacePath namespace) {

	private static final String PREFIX = "spiffe://mseg/enforcer/";

	private static final String NAMESPACE = "/namespace";

	URI toUri() {
		return URI.create(PREFIX + this.enforcerId + NAMESPACE + this.namespace.value());
	}

	static Optional<EnforcerIdentity> parse(String uri) {
		if (uri == null || !uri.startsWith(PREFIX)) {
			return Optional.empty();
		}
		String rest = uri.substring(PREFIX.length());
		int split = rest.indexOf(NAMESPACE + "/");
		if (split < 0) {
			return Optional.empty();
		}
		try {
			String id = UUID.fromString(rest.substring(0, split)).toString();
			return Optional
				.of(new EnforcerIdentity(id, NamespacePath.parse(rest.substring(split + NAMESPACE.length()))));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
