package io.mseg.cli.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mseg.cli.CliException;
import io.mseg.cli.Environment;
import io.mseg.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsResolverTests {

	private static final String PIN = "9fd7422f1052e54cfc981aa2fddf6129d65639ea2f411950b16b2086cf1c6680";

	@TempDir
	Path home;

	private final Map<String, String> variables = new HashMap<>();

	private Settings resolve(SettingsLayer flags) {
		return SettingsResolver.resolve(SettingsResolver.layers(flags, environment()));
	}

	private Environment environment() {
		return new Environment(this.variables, new ByteArrayInputStream(new byte[0]), this.home);
	}

	private static SettingsLayer flags(String url, String token, Path ca, String fingerprint, String namespace) {
		return new SettingsLayer("the command line", url, token, ca, fingerprint, namespace);
	}

	private static SettingsLayer noFlags() {
		return SettingsLayer.empty("the command line");
	}

	private Path configFile(String yaml) throws IOException {
		Path file = this.home.resolve(".config/msegctl/config.yaml");
		Files.createDirectories(file.getParent());
		Files.writeString(file, yaml);
		return file;
	}

	@Test
	void flagsWinOverEnvironmentWhichWinsOverTheFile() throws IOException {
		configFile("url: https://file:8443\ntoken: file-token\nnamespace: /file\n");
		this.variables.put("MSEGCTL_URL", "https://env:8443");
		this.variables.put("MSEGCTL_TOKEN", "env-token");
		Settings settings = resolve(flags("https://flag:8443", null, null, null, null));
		assertThat(settings.url()).hasToString("https://flag:8443");
		assertThat(settings.token()).isEqualTo("env-token");
		assertThat(settings.namespace()).isEqualTo("/file");
	}

	@Test
	void theConfigurationFileAloneIsEnough() throws IOException {
		configFile("url: https://console.example.com:8443/\ntoken: t0ken-from-file\ncaFingerprint: " + PIN
				+ "\nnamespace: /acme\n");
		Settings settings = resolve(noFlags());
		assertThat(settings.url()).hasToString("https://console.example.com:8443");
		assertThat(settings.token()).isEqualTo("t0ken-from-file");
		assertThat(settings.trust()).isEqualTo(new Trust.Fingerprint(PIN));
		assertThat(settings.namespace()).isEqualTo("/acme");
	}

	@Test
	void msegctlConfigNamesAnotherFile() throws IOException {
		Path file = this.home.resolve("elsewhere.yaml");
		Files.writeString(file, "url: https://other:1\ntoken: x\n");
		this.variables.put("MSEGCTL_CONFIG", file.toString());
		assertThat(resolve(noFlags()).url()).hasToString("https://other:1");
	}

	@Test
	void aMissingFileNamedByMsegctlConfigIsAUsageError() {
		this.variables.put("MSEGCTL_CONFIG", this.home.resolve("missing.yaml").toString());
		assertThatThrownBy(() -> resolve(flags("https://a", "t", null, null, null))).isInstanceOf(CliException.class)
			.hasMessageContaining("missing.yaml")
			.extracting((ex) -> ((CliException) ex).exitCode())
			.isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void aRelativeCaPathInTheFileIsRelativeToTheFile() throws IOException {
		Path file = configFile("url: https://a\ntoken: t\nca: certs/ca.pem\n");
		assertThat(resolve(noFlags()).trust()).isEqualTo(new Trust.CaFile(file.getParent().resolve("certs/ca.pem")));
	}

	@Test
	void theCaFileAndTheFingerprintAreOneSettingDecidedByTheFirstSourceThatSetsEither() throws IOException {
		configFile("url: https://a\ntoken: t\nca: /etc/mseg/ca.pem\n");
		this.variables.put("MSEGCTL_CA_FINGERPRINT", PIN.toUpperCase());
		assertThat(resolve(noFlags()).trust()).isEqualTo(new Trust.Fingerprint(PIN));
		assertThat(resolve(flags(null, null, Path.of("/flag/ca.pem"), null, null)).trust())
			.isEqualTo(new Trust.CaFile(Path.of("/flag/ca.pem")));
	}

	@Test
	void withoutCaOrFingerprintTheSystemTrustStoreIsUsed() {
		assertThat(resolve(flags("https://a", "t", null, null, null)).trust()).isEqualTo(new Trust.SystemDefault());
	}

	@Test
	void bothCaAndFingerprintFromOneSourceIsAUsageError() {
		assertThatThrownBy(() -> resolve(flags("https://a", "t", Path.of("ca.pem"), PIN, null)))
			.hasMessageContaining("either a CA file or a CA fingerprint")
			.extracting((ex) -> ((CliException) ex).exitCode())
			.isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void aMalformedFingerprintIsAUsageError() {
		assertThatThrownBy(() -> resolve(flags("https://a", "t", null, "abc", null)))
			.hasMessageContaining("not a SHA-256 fingerprint");
	}

	@Test
	void aMissingUrlOrTokenSaysWhereToSetIt() {
		assertThatThrownBy(() -> resolve(noFlags())).hasMessageContaining("no console URL")
			.hasMessageContaining("--url")
			.hasMessageContaining("MSEGCTL_URL");
		assertThatThrownBy(() -> resolve(flags("https://a", null, null, null, null)))
			.hasMessageContaining("no API token")
			.hasMessageContaining("MSEGCTL_TOKEN");
	}

	@Test
	void anInvalidUrlIsAUsageError() {
		for (String url : List.of("localhost:8443", "ftp://x", "https://", "https://a?b=c")) {
			assertThatThrownBy(() -> resolve(flags(url, "t", null, null, null))).as(url)
				.hasMessageContaining("is not valid")
				.extracting((ex) -> ((CliException) ex).exitCode())
				.isEqualTo(ExitCodes.USAGE);
		}
	}

	@Test
	void anUnknownKeyInTheFileIsRefusedByName() throws IOException {
		configFile("url: https://a\ntokne: s3cret-token-value\n");
		assertThatThrownBy(() -> resolve(noFlags())).hasMessageContaining("unknown key 'tokne'")
			.hasMessageNotContaining("s3cret-token-value");
	}

	@Test
	void anUnreadableFileIsRefusedWithoutQuotingIt() throws IOException {
		configFile("url: https://a\ntoken: [s3cret-token-value\n");
		assertThatThrownBy(() -> resolve(noFlags())).isInstanceOf(CliException.class)
			.hasMessageContaining("cannot read the configuration file")
			.hasMessageNotContaining("s3cret-token-value");
	}

	@Test
	void theTokenNeverShowsInTheSettingsText() {
		Settings settings = resolve(flags("https://a", "s3cret-token-value", null, null, null));
		assertThat(settings.toString()).doesNotContain("s3cret-token-value");
	}

}
