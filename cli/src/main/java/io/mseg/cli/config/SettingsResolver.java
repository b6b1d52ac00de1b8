package io.mseg.cli.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.mseg.cli.CliException;
import io.mseg.cli.Environment;
import io.mseg.cli.http.Fingerprints;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Merges the connection settings of the command line, the environment ({@code MSEGCTL_*})
 * and the configuration file ({@code $MSEGCTL_CONFIG}, else
 * {@code ~/.config/msegctl/config.yaml}): for each setting, flags win over the
 * environment, which wins over the file. The CA file and the CA fingerprint count as one
 * setting: the first source that names either decides how the console is trusted.
 */
public final class SettingsResolver {

	public static final String URL = "MSEGCTL_URL";

	public static final String TOKEN = "MSEGCTL_TOKEN";

	public static final String CA = "MSEGCTL_CA";

	public static final String CA_FINGERPRINT = "MSEGCTL_CA_FINGERPRINT";

	public static final String NAMESPACE = "MSEGCTL_NAMESPACE";

	public static final String CONFIG = "MSEGCTL_CONFIG";

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private SettingsResolver() {
	}

	/**
	 * Merges the layers, the first one winning.
	 * @param layers the sources, in order of precedence
	 * @return the settings to use
	 * @throws CliException (exit 2) when the URL or the token is missing or invalid
	 */
	public static Settings resolve(List<SettingsLayer> layers) {
		String where = layers.stream().map(SettingsLayer::source).reduce((a, b) -> a + ", " + b).orElse("");
		SettingsLayer urlLayer = first(layers, SettingsLayer::url);
		if (urlLayer == null) {
			throw CliException.usage("no console URL: give --url, set " + URL + ", or put url: in the "
					+ "configuration file (looked in " + where + ")");
		}
		URI url = url(urlLayer.url(), urlLayer.source());
		SettingsLayer tokenLayer = first(layers, SettingsLayer::token);
		if (tokenLayer == null) {
			throw CliException.usage("no API token: give --token, set " + TOKEN + ", or put token: in the "
					+ "configuration file (looked in " + where + ")");
		}
		SettingsLayer namespaceLayer = first(layers, SettingsLayer::namespace);
		return new Settings(url, tokenLayer.token().strip(), trust(layers),
				(namespaceLayer != null) ? namespaceLayer.namespace().strip() : null);
	}

	/**
	 * The layers of the environment and the configuration file below the command line's.
	 */
	public static List<SettingsLayer> layers(SettingsLayer flags, Environment environment) {
		return List.of(flags, fromEnvironment(environment), fromConfigFile(environment));
	}

	static SettingsLayer fromEnvironment(Environment environment) {
		String ca = environment.variable(CA);
		return new SettingsLayer("the environment (MSEGCTL_*)", environment.variable(URL), environment.variable(TOKEN),
				(ca != null) ? expandHome(ca, environment) : null, environment.variable(CA_FINGERPRINT),
				environment.variable(NAMESPACE));
	}

	/**
	 * The configuration file msegctl reads: {@code $MSEGCTL_CONFIG}, else the default.
	 */
	static Path configFile(Environment environment) {
		String configured = environment.variable(CONFIG);
		if (configured != null) {
			return expandHome(configured, environment);
		}
		return environment.home().resolve(".config").resolve("msegctl").resolve("config.yaml");
	}

	static SettingsLayer fromConfigFile(Environment environment) {
		Path file = configFile(environment);
		String source = file.toString();
		if (!Files.exists(file)) {
			if (environment.variable(CONFIG) != null) {
				throw CliException.usage("the configuration file " + file + " named by " + CONFIG + " does not exist");
			}
			return SettingsLayer.empty(source);
		}
		ConfigFile content;
		try {
			content = YAML.readValue(Files.readString(file), ConfigFile.class);
		}
		catch (UnrecognizedPropertyException ex) {
			throw CliException.usage("unknown key '" + ex.getPropertyName() + "' in " + file
					+ " (known: url, token, ca, caFingerprint, namespace)");
		}
		catch (JacksonException ex) {
			// Not the parser's message: it may quote the file, and the file holds the
			// token.
			String line = (ex.getLocation() != null && ex.getLocation().getLineNr() > 0)
					? " (line " + ex.getLocation().getLineNr() + ")" : "";
			throw CliException.usage("cannot read the configuration file " + file + line
					+ ": expected a YAML mapping of url, token, ca, caFingerprint and namespace");
		}
		catch (IOException ex) {
			throw CliException.usage("cannot read the configuration file " + file + ": " + ex.getMessage());
		}
		if (content == null) {
			return SettingsLayer.empty(source);
		}
		Path ca = null;
		if (content.ca() != null && !content.ca().isBlank()) {
			// A relative CA path is relative to the configuration file, not to where
			// msegctl runs.
			Path given = expandHome(content.ca(), environment);
			ca = given.isAbsolute() ? given : file.toAbsolutePath().getParent().resolve(given);
		}
		return new SettingsLayer(source, blankToNull(content.url()), blankToNull(content.token()), ca,
				blankToNull(content.caFingerprint()), blankToNull(content.namespace()));
	}

	private static Trust trust(List<SettingsLayer> layers) {
		for (SettingsLayer layer : layers) {
			if (!layer.setsTrust()) {
				continue;
			}
			if (layer.ca() != null && layer.caFingerprint() != null) {
				throw CliException.usage(
						"give either a CA file or a CA fingerprint, not both (both are set in " + layer.source() + ")");
			}
			if (layer.ca() != null) {
				return new Trust.CaFile(layer.ca());
			}
			String fingerprint = Fingerprints.normalize(layer.caFingerprint());
			if (fingerprint == null) {
				throw CliException.usage("the CA fingerprint from " + layer.source()
						+ " is not a SHA-256 fingerprint (64 hexadecimal digits, colons allowed)");
			}
			return new Trust.Fingerprint(fingerprint);
		}
		return new Trust.SystemDefault();
	}

	private static URI url(String value, String source) {
		String text = value.strip();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		try {
			URI uri = new URI(text);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getQuery() == null
					&& uri.getFragment() == null) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw CliException.usage("the console URL from " + source + " is not valid: '" + value
				+ "' (expected https://host[:port], such as https://console.example.com:8443)");
	}

	private static SettingsLayer first(List<SettingsLayer> layers, Function<SettingsLayer, String> setting) {
		return layers.stream().filter((layer) -> setting.apply(layer) != null).findFirst().orElse(null);
	}

	private static Path expandHome(String path, Environment environment) {
		if (path.equals("~")) {
			return environment.home();
		}
		if (path.startsWith("~/")) {
			return environment.home().resolve(path.substring(2));
		}
		return Path.of(path);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** The keys of the configuration file. */
	record ConfigFile(String url, String token, String ca, String caFingerprint, String namespace) {

	}

}
