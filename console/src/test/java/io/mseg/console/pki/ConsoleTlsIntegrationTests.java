package io.mseg.console.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLSocket;

import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.Tls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "mseg.tls.hosts=console.example.test, 10.20.30.40")
class ConsoleTlsIntegrationTests extends ConsoleIntegrationTest {

	@LocalServerPort
	private int port;

	@Test
	void servesHttpsWithACertificateOfItsOwnCaForLocalhostAndTheConfiguredHosts() throws Exception {
		X509Certificate ca = Tls.readCa(caFile());
		try (SSLSocket socket = (SSLSocket) Tls.trusting(caFile())
			.getSocketFactory()
			.createSocket("localhost", this.port)) {
			socket.startHandshake();
			X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
			served.verify(ca.getPublicKey());
			assertThat(served.getSubjectAlternativeNames()).extracting((name) -> String.valueOf(name.get(1)))
				.contains("localhost", "127.0.0.1", "console.example.test", "10.20.30.40");
			assertThat(served.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
		}
		assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
	}

	@Test
	void keepsPrivateKeysInOwnerOnlyFilesAndNeverAnswersThem() throws Exception {
		for (String secret : List.of("ca-key.pem", "server-key.pem", "bootstrap-token", "embedded-db-password")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir().resolve(secret))))
				.as(secret)
				.isEqualTo("rw-------");
		}
		String caKey = Files.readString(dataDir().resolve("ca-key.pem"));
		String keyBody = caKey.lines().filter((line) -> !line.startsWith("-----")).findFirst().orElseThrow();
		for (String path : List.of("/enrollmenttokens", "/apitokens", "/v3/api-docs")) {
			assertThat(this.api.get(this.tenant, path).body()).doesNotContain(keyBody).doesNotContain("PRIVATE KEY");
		}
		String enrollment = this.api.post(this.tenant, "/enrollmenttokens", "{}").json().get("token").asString();
		String enrolled = this.api.withToken(enrollment)
			.post(null, "/enforcers",
					io.mseg.console.support.ApiClient.json("name", "x", "certificateRequest",
							new io.mseg.console.support.TestEnforcer().csr("x")))
			.expectStatus(201)
			.body();
		assertThat(enrolled).doesNotContain(keyBody).doesNotContain("PRIVATE KEY");
	}

	@Test
	void refusesPlainHttp() throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(64);
			assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("200");
		}
		catch (java.net.SocketException | java.net.SocketTimeoutException ex) {
			// The TLS port dropped the plain request: refused, as it should be.
		}
	}

	@Test
	void healthIsPublic() {
		this.api.withToken(null).get(null, "/actuator/health").expectStatus(200);
		this.api.withToken(null).get(null, "/v3/api-docs").expectStatus(200);
	}

}
