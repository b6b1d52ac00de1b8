package io.mseg.console.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Sends drafts to the console: through the JDK's HTTP/1.1 client when it can express the
 * request, else over a raw TLS socket (broken request lines, raw bytes in headers,
 * framing the client would fix).
 */
public final class Transport {

	private static final int MAX_BODY = 4 * 1024 * 1024;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** A body on loopback ends at once; one that does not is a failure, found sooner. */
	private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

	private final String host;

	private final int port;

	private final SSLContext tls;

	private final HttpClient client;

	private final Map<Credential, String> tokens = new EnumMap<>(Credential.class);

	private SSLContext enforcerTls;

	private HttpClient enforcerClient;

	public Transport(String host, int port, SSLContext tls) {
		this.host = host;
		this.port = port;
		this.tls = tls;
		this.client = client(tls);
	}

	private static HttpClient client(SSLContext tls) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.sslContext(tls)
			.build();
	}

	public void token(Credential credential, String token) {
		this.tokens.put(credential, token);
	}

	/** The TLS context with the enforcer's client certificate. */
	public void enforcer(SSLContext tls) {
		this.enforcerTls = tls;
		this.enforcerClient = client(tls);
	}

	public Answer send(Draft draft) {
		// JDK 17's client never ends the body of a final answer to Expect: 100-continue.
		if (!draft.raw && !draft.expectContinue) {
			try {
				Answer answer = sendWithClient(draft);
				if (answer.status() < 0 && answer.failure().contains("received no bytes")) {
					// The client reused a connection the server had just closed (after a
					// refusal with Connection: close); the request never reached it.
					answer = sendWithClient(draft);
				}
				return answer;
			}
			catch (IllegalArgumentException ex) {
				// The JDK client refuses this request (a header it restricts, a target it
				// cannot parse): the raw socket can send it.
				draft.raw = true;
			}
		}
		Answer answer = sendRaw(draft);
		if (answer.status() < 0 && answer.failure().contains("without an answer")) {
			// Seen once in thousands: the answer lost to a reset racing the close. Only a
			// second silence counts.
			answer = sendRaw(draft);
		}
		return answer;
	}

	private String authorization(Draft draft) {
		if (draft.authorization == null) {
			return null;
		}
		if (!draft.authorization.equals(Draft.FROM_CREDENTIAL)) {
			return draft.authorization;
		}
		String token = this.tokens.get(draft.credential);
		return (token != null) ? "Bearer " + token : null;
	}

	private Answer sendWithClient(Draft draft) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("https://" + this.host + ":" + this.port + draft.target()))
			.timeout(TIMEOUT)
			.method(draft.method,
					(draft.body != null) ? BodyPublishers.ofByteArray(draft.body) : BodyPublishers.noBody());
		String authorization = authorization(draft);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		request.expectContinue(draft.expectContinue);
		for (String[] header : draft.headers) {
			if (header[0].isEmpty() || !isAscii(header[1])) {
				throw new IllegalArgumentException("raw header");
			}
			request.header(header[0], header[1]);
		}
		if (!draft.version.equals("HTTP/1.1") || !draft.host || !draft.contentLength) {
			throw new IllegalArgumentException("raw framing");
		}
		HttpClient http = (draft.credential == Credential.ENFORCER && this.enforcerClient != null) ? this.enforcerClient
				: this.client;
		try {
			HttpResponse<InputStream> response = http.sendAsync(request.build(), BodyHandlers.ofInputStream())
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
			byte[] body;
			try (InputStream in = response.body()) {
				String type = response.headers().firstValue("Content-Type").orElse("");
				// An event stream never ends: its headers are the answer. Any other body
				// must end in time: a body that never ends is a failure to report, not a
				// hang of the test.
				body = type.startsWith("text/event-stream") ? new byte[0]
						: java.util.concurrent.CompletableFuture.supplyAsync(() -> readBody(in))
							.get(BODY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				return Answer.none("status " + response.statusCode() + " came, but its body did not end within "
						+ BODY_TIMEOUT.toSeconds() + " s");
			}
			return new Answer(response.statusCode(), headers, body, null);
		}
		catch (ExecutionException ex) {
			return Answer.none(ex.getCause().getClass().getSimpleName() + ": " + ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			return Answer.none("no answer within " + TIMEOUT.toSeconds() + " s");
		}
		catch (IOException ex) {
			return Answer.none(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] readBody(InputStream in) {
		try {
			return in.readNBytes(MAX_BODY);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static boolean isAscii(String value) {
		return value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

	private Answer sendRaw(Draft draft) {
		SSLContext context = (draft.credential == Credential.ENFORCER && this.enforcerTls != null) ? this.enforcerTls
				: this.tls;
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 5000);
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			line(request, draft.method + " " + draft.target() + " " + draft.version);
			if (draft.host) {
				line(request, "Host: " + this.host + ":" + this.port);
			}
			String authorization = authorization(draft);
			if (authorization != null) {
				line(request, "Authorization: " + authorization);
			}
			for (String[] header : draft.headers) {
				line(request, header[0].isEmpty() ? header[1] : header[0] + ": " + header[1]);
			}
			if (draft.body != null && draft.contentLength) {
				line(request, "Content-Length: " + draft.body.length);
			}
			if (draft.expectContinue) {
				line(request, "Expect: 100-continue");
			}
			line(request, "Connection: close");
			line(request, "");
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			if (draft.body != null && draft.expectContinue) {
				out.write(request.toByteArray());
				out.flush();
				byte[] interim = interimAnswer(socket);
				if (interim.length > 0 && !isContinue(interim)) {
					// A final answer instead of "100 Continue": the body is never sent.
					byte[] rest = in.readNBytes(MAX_BODY);
					return parse(concat(interim, rest));
				}
				request.reset();
			}
			if (draft.body != null) {
				request.writeBytes(draft.body);
			}
			out.write(request.toByteArray());
			out.flush();
			return parse(in.readNBytes(MAX_BODY));
		}
		catch (IOException ex) {
			return Answer.none(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	/**
	 * What the server says after the head of an {@code Expect: 100-continue} request: the
	 * head of its first answer, or nothing when it stays silent (then the body follows,
	 * as curl does after a second; longer here, so that a busy test machine does not send
	 * a refused body).
	 */
	private static byte[] interimAnswer(SSLSocket socket) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		socket.setSoTimeout(5000);
		try {
			InputStream in = socket.getInputStream();
			byte[] crlfcrlf = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
			while (BodyText.indexOf(head.toByteArray(), crlfcrlf) < 0) {
				int b = in.read();
				if (b < 0) {
					break;
				}
				head.write(b);
			}
		}
		catch (java.net.SocketTimeoutException ex) {
			// silent: send the body
		}
		finally {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
		}
		return head.toByteArray();
	}

	private static boolean isContinue(byte[] head) {
		return new String(head, StandardCharsets.ISO_8859_1).matches("(?s)HTTP/1\\.[01] 100.*");
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static void line(ByteArrayOutputStream out, String text) {
		out.writeBytes(Draft.wire(text));
		out.writeBytes(new byte[] { '\r', '\n' });
	}

	private static Answer parse(byte[] response) {
		int end = BodyText.indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		if (response.length == 0 || end < 0) {
			return Answer.none((response.length == 0) ? "the connection closed without an answer"
					: "a broken answer: " + Excerpts.printable(response, 200));
		}
		String[] lines = new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		String[] status = lines[0].split(" ", 3);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
		}
		byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
		if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
			body = dechunk(body);
		}
		try {
			return new Answer(Integer.parseInt(status[1]), headers, body, null);
		}
		catch (RuntimeException ex) {
			return Answer.none("a broken status line: " + Excerpts.printable(lines[0], 200));
		}
	}

	private static byte[] dechunk(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < body.length) {
			int lineEnd = BodyText.indexOf(java.util.Arrays.copyOfRange(body, at, body.length),
					new byte[] { '\r', '\n' });
			if (lineEnd < 0) {
				break;
			}
			String size = new String(body, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
			int length;
			try {
				length = Integer.parseInt(size, 16);
			}
			catch (NumberFormatException ex) {
				break;
			}
			at += lineEnd + 2;
			if (length == 0 || at + length > body.length) {
				break;
			}
			out.write(body, at, length);
			at += length + 2;
		}
		return out.toByteArray();
	}

}
