package io.mseg.cli.command;

import java.nio.file.Path;

import io.mseg.cli.Environment;
import io.mseg.cli.Msegctl;
import io.mseg.cli.config.Settings;
import io.mseg.cli.config.SettingsLayer;
import io.mseg.cli.config.SettingsResolver;
import io.mseg.cli.http.ConsoleClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the console is, how to authenticate and trust it, and the namespace to work in.
 * msegctl's top-level command holds them; every subcommand inherits them, so they go
 * before or after the command name, as with kubectl.
 */
public final class ConnectionOptions {

	/** The name under which the top-level command mixes these options in. */
	public static final String MIXIN = "connection";

	// Inherited options are copies that set the fields of this one instance, whichever
	// command they are given to: the last one given wins.
	@Option(names = "--url", paramLabel = "URL", order = 100, scope = ScopeType.INHERIT,
			description = "The console's base URL, such as https://localhost:8443 (env MSEGCTL_URL).")
	String url;

	@Option(names = "--token", paramLabel = "TOKEN", order = 101, scope = ScopeType.INHERIT,
			description = "API token (env MSEGCTL_TOKEN; prefer the environment or the configuration file: "
					+ "command lines show up in process lists).")
	String token;

	@Option(names = "--ca", paramLabel = "PEM", order = 102, scope = ScopeType.INHERIT,
			description = "Trust the CA certificate(s) of this PEM file, such as the console's ca.pem "
					+ "(env MSEGCTL_CA).")
	Path ca;

	@Option(names = "--ca-fingerprint", paramLabel = "SHA256", order = 103, scope = ScopeType.INHERIT,
			description = "Trust the certificate of the console's chain with this SHA-256 fingerprint, as in "
					+ "enrollment tokens (env MSEGCTL_CA_FINGERPRINT).")
	String caFingerprint;

	@Option(names = { "-n", "--namespace" }, paramLabel = "NAMESPACE", order = 104, scope = ScopeType.INHERIT,
			description = "The namespace to work in, sent as X-Namespace (env MSEGCTL_NAMESPACE; default: the "
					+ "token's namespace).")
	String namespace;

	private final Environment environment;

	public ConnectionOptions(Environment environment) {
		this.environment = environment;
	}

	/** The options of the command line that {@code spec} belongs to. */
	static ConnectionOptions of(CommandSpec spec) {
		return (ConnectionOptions) spec.root().mixins().get(MIXIN).userObject();
	}

	/** The settings of the command line, environment and configuration file, merged. */
	Settings settings() {
		SettingsLayer flags = new SettingsLayer("the command line", this.url, this.token, this.ca, this.caFingerprint,
				this.namespace);
		return SettingsResolver.resolve(SettingsResolver.layers(flags, this.environment));
	}

	ConsoleClient client() {
		return ConsoleClient.connect(settings(), Msegctl.version());
	}

	Environment environment() {
		return this.environment;
	}

}
