package io.mseg.console.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.Tls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body the endpoint does not read (a GET that carries one) is read and dropped before
 * the answer: the connection stays open, and its answer is never lost to a reset. The
 * server used to answer at once and close the connection while the body was still
 * arriving; the client, still writing, could then lose the answer.
 */
class UnreadBodyIntegrationTests extends ConsoleIntegrationTest {

	@Test
	void aGetWithABodyThatArrivesLateIsAnsweredAndTheConnectionStaysOpen() throws Exception {
		URI base = URI.create(this.api.base());
		try (SSLSocket socket = (SSLSocket) Tls.trusting(caFile())
			.getSocketFactory()
			.createSocket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			byte[] body = ("{\"unexpected\": \"" + "x".repeat(60_000) + "\"}").getBytes(StandardCharsets.UTF_8);
			out.write(("GET /namespaces HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
					+ ADMIN_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(300);
			out.write(body);
			out.flush();
			Map<String, String> first = readResponse(in, true);
			assertThat(first.get(":status")).isEqualTo("200");
			assertThat(first.get("connection")).isNotEqualToIgnoringCase("close");

			out.write(("HEAD /namespaces HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
					+ ADMIN_TOKEN + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(readResponse(in, false).get(":status")).as("the same connection, again").isEqualTo("200");
		}
	}

	/**
	 * The status (as {@code :status}) and headers of a response; its body read past (none
	 * for HEAD).
	 */
	private static Map<String, String> readResponse(InputStream in, boolean body) throws IOException {
		Map<String, String> headers = new HashMap<>();
		headers.put(":status", line(in).split(" ")[1]);
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
		String length = headers.get("content-length");
		if (body && length != null) {
			in.readNBytes(Integer.parseInt(length));
		}
		return headers;
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("the connection closed");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

}
