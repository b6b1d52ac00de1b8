package io.mseg.benchmarks.fanout;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Minimal HTTP/1.1 over a blocking TLS socket per request, with the client certificate of
 * one enforcer: enough for the enforcer endpoints and an event stream, without a client
 * per enforcer.
 */
public final class MtlsHttp {

	private final SSLSocketFactory factory;

	private final int port;

	public MtlsHttp(SSLSocketFactory factory, int port) {
		this.factory = factory;
		this.port = port;
	}

	/**
	 * An answer's head and its body stream (de-chunked).
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body
	 */
	public record Answer(int status, Map<String, String> headers, InputStream body) {

		public String bodyText() throws IOException {
			return new String(this.body.readAllBytes(), StandardCharsets.UTF_8);
		}

	}

	/** Opens a TLS connection as the enforcer {@code alias} (handshake included). */
	public SSLSocket connect(String alias) throws IOException {
		Socket plain = new Socket();
		plain.setTcpNoDelay(true);
		plain.connect(new InetSocketAddress("127.0.0.1", this.port), 30_000);
		SSLSocket socket = (SSLSocket) this.factory.createSocket(plain, EnforcerKeys.peerHost(alias), this.port, true);
		socket.setUseClientMode(true);
		socket.setSoTimeout(60_000);
		socket.startHandshake();
		return socket;
	}

	/** One request on its own connection ({@code Connection: close}), body read fully. */
	public int exchange(String alias, String method, String path, String json, StringBuilder body) throws IOException {
		try (SSLSocket socket = connect(alias)) {
			Answer answer = send(socket, method, path, json, true);
			body.append(answer.bodyText());
			return answer.status();
		}
	}

	/** Writes a request and reads the answer's head. */
	public static Answer send(SSLSocket socket, String method, String path, String json, boolean close)
			throws IOException {
		byte[] content = (json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder head = new StringBuilder();
		head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
		head.append("Host: localhost\r\n");
		head.append((json != null) ? "Content-Type: application/json\r\n" : "");
		head.append("Accept: ")
			.append("/events".equals(path.substring(path.lastIndexOf('/'))) ? "text/event-stream" : "application/json")
			.append("\r\n");
		if (json != null || !"GET".equals(method)) {
			head.append("Content-Length: ").append(content.length).append("\r\n");
		}
		head.append(close ? "Connection: close\r\n" : "").append("\r\n");
		OutputStream out = socket.getOutputStream();
		out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
		out.write(content);
		out.flush();
		return readAnswer(new BufferedInputStream(socket.getInputStream(), 4096));
	}

	static Answer readAnswer(InputStream in) throws IOException {
		String statusLine = readLine(in);
		if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
			throw new IOException("not an HTTP/1.1 answer: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
		}
		InputStream body;
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = new ChunkedInputStream(in);
		}
		else if (headers.containsKey("content-length")) {
			body = new BoundedInputStream(in, Long.parseLong(headers.get("content-length")));
		}
		else {
			body = in;
		}
		return new Answer(status, headers, body);
	}

	/** A line without its CR LF (or LF); {@code null} at the end of the stream. */
	static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			line.write(b);
		}
		return (line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The body of a {@code Transfer-Encoding: chunked} answer. A chunk's data is handed
	 * over as soon as it is read: the line end that closes it is read with the next
	 * chunk's size, since a server may send it only with that chunk (Jetty does), which
	 * for an event stream can be the next event.
	 */
	static final class ChunkedInputStream extends InputStream {

		private final InputStream in;

		private long remaining;

		private boolean endOfChunkPending;

		private boolean done;

		ChunkedInputStream(InputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.done) {
				return -1;
			}
			if (this.remaining == 0) {
				if (this.endOfChunkPending) {
					readLine(this.in);
					this.endOfChunkPending = false;
				}
				String size = readLine(this.in);
				if (size == null) {
					throw new EOFException("the chunked body ended without its last chunk");
				}
				int extension = size.indexOf(';');
				this.remaining = Long.parseLong((extension < 0) ? size.trim() : size.substring(0, extension).trim(),
						16);
				if (this.remaining == 0) {
					// Trailers, up to the empty line.
					for (String line = readLine(this.in); line != null && !line.isEmpty(); line = readLine(this.in)) {
						// ignored
					}
					this.done = true;
					return -1;
				}
			}
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (read == -1) {
				throw new EOFException("the chunked body ended inside a chunk");
			}
			this.remaining -= read;
			this.endOfChunkPending = this.remaining == 0;
			return read;
		}

	}

	/** The body of an answer with a {@code Content-Length}. */
	static final class BoundedInputStream extends InputStream {

		private final InputStream in;

		private long remaining;

		BoundedInputStream(InputStream in, long length) {
			this.in = in;
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int b = this.in.read();
			if (b != -1) {
				this.remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (read > 0) {
				this.remaining -= read;
			}
			return read;
		}

	}

}
