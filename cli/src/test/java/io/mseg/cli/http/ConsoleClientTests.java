package io.mseg.cli.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertificateException;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleClientTests {

	private static final URI URL = URI.create("https://console.example.com:8443");

	@Test
	void aRefusedConnectionSaysTheConsoleCannotBeReached() {
		CliException failure = ConsoleClient.unreachable(URL, new ConnectException());
		assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(failure).hasMessage("cannot reach the console at https://console.example.com:8443: connection "
				+ "refused (is the console running, and is the URL's port right?)");
	}

	@Test
	void userInformationInTheUrlIsNeverShown() {
		URI withSecret = URI.create("https://user:s3cret@console.example.com:8443");
		assertThat(ConsoleClient.unreachable(withSecret, new ConnectException())).hasMessageNotContaining("s3cret")
			.hasMessageContaining("https://console.example.com:8443");
	}

	@Test
	void aConnectTimeoutSaysSo() {
		assertThat(ConsoleClient.unreachable(URL, new HttpConnectTimeoutException("x")))
			.hasMessageContaining("no connection within 10 s");
	}

	@Test
	void anUntrustedCertificateIsATlsFailureWithAdvice() {
		SSLHandshakeException handshake = new SSLHandshakeException(
				"PKIX path building failed: unable to find " + "valid certification path to requested target");
		CliException failure = ConsoleClient.unreachable(URL, handshake);
		assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(failure).hasMessageStartingWith("TLS failure with the console at https://console.example.com:8443")
			.hasMessageContaining("not trusted")
			.hasMessageContaining("--ca-fingerprint");
	}

	@Test
	void aTlsFailureShowsTheCertificateProblemBehindIt() {
		SSLHandshakeException handshake = new SSLHandshakeException("handshake failed");
		handshake.initCause(new CertificateException(
				"no certificate of the console's TLS chain has the pinned " + "SHA-256 fingerprint abc"));
		assertThat(ConsoleClient.unreachable(URL, handshake)).hasMessageContaining("pinned SHA-256 fingerprint abc");
	}

	@Test
	void aHostNameMismatchSaysSo() {
		SSLHandshakeException handshake = new SSLHandshakeException("x");
		handshake.initCause(new CertificateException("No subject alternative names matching IP address 10.0.0.1"));
		assertThat(ConsoleClient.unreachable(URL, handshake)).hasMessageContaining("not valid for this host name");
	}

	@Test
	void aRefusalListsItsStatusDetailAndEveryFieldError() {
		ApiRefusedException refused = new ApiRefusedException(422, "Unprocessable Content", "2 fields are invalid",
				List.of(new ApiRefusedException.FieldError("subject[0]", "empty value"),
						new ApiRefusedException.FieldError("ports[0]", "out of range")));
		assertThat(refused.exitCode()).isEqualTo(ExitCodes.API_REFUSED);
		assertThat(refused.getMessage().lines()).containsExactly(
				"the console refused the request: 422 Unprocessable Content: 2 fields are invalid",
				"  subject[0]: empty value", "  ports[0]: out of range");
	}

}
