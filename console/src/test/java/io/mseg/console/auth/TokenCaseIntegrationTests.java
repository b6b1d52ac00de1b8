package io.mseg.console.auth;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLSocket;

import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.Tls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token is compared exactly: with its letters' case changed it is refused, also on a
 * keep-alive connection that has just carried the right one (the HTTP server's cache of
 * header values used to compare them without case).
 */
class TokenCaseIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void aTokenWithItsCaseChangedIsRefusedOnTheSameConnection() throws Exception {
		URI base = URI.create(this.api.base());
		try (SSLSocket socket = (SSLSocket) Tls.trusting(caFile())
			.getSocketFactory()
			.createSocket(base.getHost(), base.getPort())) {
			OutputStream out = socket.getOutputStream();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			List<Integer> statuses = new ArrayList<>();
			for (String token : new String[] { ADMIN_TOKEN, ADMIN_TOKEN.toUpperCase(Locale.ROOT), ADMIN_TOKEN }) {
				out.write(("HEAD /namespaces HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
						+ "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				statuses.add(readResponse(in));
			}
			assertThat(statuses).containsExactly(200, 401, 200);
		}
	}

	/** Reads the status and headers of one response to HEAD (which never has a body). */
	private static int readResponse(BufferedReader in) throws Exception {
		int status = Integer.parseInt(in.readLine().split(" ")[1]);
		for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
			// headers: not needed
		}
		return status;
	}

}
