package io.mseg.console.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import io.mseg.console.ConsoleApplication;
import io.mseg.console.support.ApiClient;
import io.mseg.console.support.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console creates on its first start (CA, server certificate, bootstrap token)
 * is created once and reused after a restart; a CA given as PEM is used instead of
 * creating one. Each console here runs with the embedded database in its own data
 * directory.
 */
class ConsoleRestartIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void createsTheCaAndTheBootstrapTokenOnceAndReusesThemAfterARestart() throws Exception {
		String caBefore;
		String caKeyBefore;
		String token;
		try (ConfigurableApplicationContext console = start()) {
			caBefore = Files.readString(this.dataDir.resolve("ca.pem"));
			caKeyBefore = Files.readString(this.dataDir.resolve("ca-key.pem"));
			token = Files.readString(this.dataDir.resolve("bootstrap-token")).strip();
			assertThat(token).startsWith("mseg_");
			assertThat(client(console, token).get(null, "/apitokens").expectStatus(200).json()).hasSize(1);
		}
		try (ConfigurableApplicationContext console = start()) {
			assertThat(Files.readString(this.dataDir.resolve("ca.pem"))).isEqualTo(caBefore);
			assertThat(Files.readString(this.dataDir.resolve("ca-key.pem"))).isEqualTo(caKeyBefore);
			assertThat(Files.readString(this.dataDir.resolve("bootstrap-token")).strip()).isEqualTo(token);
			ApiClient admin = client(console, token);
			assertThat(admin.get(null, "/apitokens").expectStatus(200).json()).hasSize(1);
		}
	}

	@Test
	void usesACaGivenAsPem() throws Exception {
		CertificateAuthority given = CertificateAuthority.create("operator CA");
		Path certFile = this.dataDir.resolveSibling(this.dataDir.getFileName() + "-ca.pem");
		Path keyFile = this.dataDir.resolveSibling(this.dataDir.getFileName() + "-ca-key.pem");
		Files.writeString(certFile, Pem.encode(given.certificate()));
		Files.writeString(keyFile, Pem.encode(given.key()));
		try (ConfigurableApplicationContext console = start("mseg.tls.ca-cert=" + certFile,
				"mseg.tls.ca-key=" + keyFile)) {
			assertThat(Tls.readCa(this.dataDir.resolve("ca.pem"))).isEqualTo(given.certificate());
			assertThat(Files.exists(this.dataDir.resolve("ca-key.pem"))).isFalse();
			String token = Files.readString(this.dataDir.resolve("bootstrap-token")).strip();
			client(console, token).get(null, "/namespaces").expectStatus(200);
			KeyPair keys = CertificateAuthority.newKeyPair();
			X509Certificate issued = given.issueClientCertificate(keys.getPublic(), "probe",
					java.net.URI.create("spiffe://probe"), Duration.ofMinutes(5));
			assertThat(console.getBean(ConsolePki.class).authority().issued(issued)).isTrue();
		}
		finally {
			Files.deleteIfExists(certFile);
			Files.deleteIfExists(keyFile);
		}
	}

	private ConfigurableApplicationContext start(String... extra) {
		// Command-line arguments: they win over application.properties and the
		// environment.
		List<String> arguments = new java.util.ArrayList<>(List.of("--server.port=0", "--mseg.data-dir=" + this.dataDir,
				"--spring.datasource.url=", "--mseg.bootstrap-token="));
		List.of(extra).forEach((property) -> arguments.add("--" + property));
		return new SpringApplicationBuilder(ConsoleApplication.class).run(arguments.toArray(String[]::new));
	}

	private ApiClient client(ConfigurableApplicationContext console, String token) {
		String port = console.getEnvironment().getProperty("local.server.port");
		return new ApiClient("https://localhost:" + port, Tls.trusting(this.dataDir.resolve("ca.pem")), token);
	}

}
