package io.mseg.cli.config;

import java.nio.file.Path;

/**
 * The connection settings one source gives (flags, environment or configuration file);
 * {@code null} where it says nothing.
 *
 * @param source how messages name the source, such as {@code the environment}
 * @param url the console's base URL
 * @param token the API token
 * @param ca a PEM file with the CA certificate(s) to trust
 * @param caFingerprint the SHA-256 of the CA certificate to trust
 * @param namespace the namespace of requests (X-Namespace)
 */
public record SettingsLayer(String source, String url, String token, Path ca, String caFingerprint, String namespace) {

	/** A source that sets nothing. */
	public static SettingsLayer empty(String source) {
		return new SettingsLayer(source, null, null, null, null, null);
	}

	boolean setsTrust() {
		return this.ca != null || this.caFingerprint != null;
	}

}
