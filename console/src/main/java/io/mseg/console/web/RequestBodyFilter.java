package io.mseg.console.web;

import java.io.IOException;

import io.mseg.console.ConsoleProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards request bodies as they are read. Bodies larger than {@code mseg.max-body-size}
 * ({@code mseg.max-import-size} for imports, {@code mseg.max-flow-report-size} for flow
 * reports) are refused with 413, before they are read when the length is announced, and
 * as soon as the limit is crossed for chunked bodies. Bodies that are not well-formed
 * UTF-8 ({@link Utf8Validator}) are refused with 400: every body of the API is JSON or
 * YAML text. What an endpoint leaves unread is read and dropped before the answer ends,
 * so that the connection stays open and the answer reaches the client.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyFilter extends OncePerRequestFilter {

	/** The most of a refused body read (and dropped) before answering. */
	static final long DISCARDED_AT_MOST = 8 * 1024 * 1024;

	private final ConsoleProperties properties;

	RequestBodyFilter(ConsoleProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limit(request.getRequestURI());
		if (request.getContentLengthLong() > limit) {
			// A client that waits for "100 Continue" gets the 413 instead and sends
			// nothing; reading would invite the whole body.
			if (!"100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
				discard(request.getInputStream());
			}
			response.setHeader(HttpHeaders.CONNECTION, "close");
			Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, new BodyTooLargeException(limit).getMessage());
			return;
		}
		LimitedRequest limited = new LimitedRequest(request, limit);
		try {
			chain.doFilter(limited, response);
		}
		finally {
			// what the endpoint left unread (a refused body, a body on a GET): read and
			// dropped here, or the server would close the connection while the client is
			// still sending it, and the client could lose the answer to the reset
			if (!request.isAsyncStarted()) {
				discard(request.getInputStream());
			}
		}
	}

	private long limit(String uri) {
		if ("/import".equals(uri)) {
			return this.properties.maxImportSize().toBytes();
		}
		if (uri.startsWith("/enforcers/") && uri.endsWith("/flowreports")) {
			return this.properties.maxFlowReportSize().toBytes();
		}
		return this.properties.maxBodySize().toBytes();
	}

	/**
	 * Reads and drops what is left of a refused body, up to {@link #DISCARDED_AT_MOST}:
	 * closing a connection with unread data makes the kernel reset it, and the client
	 * then loses the 413 answer it has not read yet (as Tomcat's swallow limit does).
	 */
	private static void discard(ServletInputStream in) {
		byte[] buffer = new byte[8192];
		long left = DISCARDED_AT_MOST;
		try {
			for (int n = in.read(buffer); n > 0 && left > 0; n = in.read(buffer)) {
				left -= n;
			}
		}
		catch (IOException ex) {
			// the client gave up; nothing to answer
		}
	}

	/** Thrown when a body is not UTF-8; answered with 400. */
	static final class BodyNotUtf8Exception extends IOException {

		BodyNotUtf8Exception(long offset) {
			super("the body is not valid UTF-8 (at byte " + offset + ")");
		}

	}

	/** Thrown when a body crosses the limit; answered with 413. */
	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long limit) {
			super("the request body is larger than the limit of " + limit + " bytes");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private LimitedInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private final Utf8Validator utf8 = new Utf8Validator();

		private long read;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				check(buffer, offset, n);
			}
			else if (n < 0 && this.utf8.end() >= 0) {
				throw new BodyNotUtf8Exception(this.utf8.end());
			}
			return n;
		}

		private void check(byte[] buffer, int offset, int n) throws IOException {
			this.read += n;
			if (this.read > this.limit) {
				throw new BodyTooLargeException(this.limit);
			}
			long bad = this.utf8.feed(buffer, offset, n);
			if (bad >= 0) {
				throw new BodyNotUtf8Exception(bad);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
