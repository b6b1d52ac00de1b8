package io.mseg.cli.config;

import java.net.URI;

/**
 * The settings a command talks to the console with, after flags, environment and
 * configuration file are merged.
 *
 * @param url the console's base URL
 * @param token the API token (never printed)
 * @param trust the certificates to trust
 * @param namespace the namespace of requests, {@code null} for the token's own
 */
public record Settings(URI url, String token, Trust trust, String namespace) {

	@Override
	public String toString() {
		// Never show the token, not even in a debugger's or a test's output.
		return "Settings[url=" + this.url + ", token=<hidden>, trust=" + this.trust + ", namespace=" + this.namespace
				+ "]";
	}

}
