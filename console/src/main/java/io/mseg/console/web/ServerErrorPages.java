package io.mseg.console.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the HTTP server refuses before any servlet runs (a request line or URI it cannot
 * parse, headers too large, an ambiguous path) is answered as a problem, like every other
 * refusal, instead of Jetty's HTML page.
 */
@Component
class ServerErrorPages implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

	@Override
	public void customize(JettyServletWebServerFactory factory) {
		factory.addServerCustomizers((server) -> server.setErrorHandler(new ProblemErrorHandler()));
	}

	static final class ProblemErrorHandler extends ErrorHandler {

		@Override
		protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
				Callback callback) {
			response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
			response.write(true, body(code), callback);
		}

		@Override
		public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
			fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
			return body(status);
		}

		private static ByteBuffer body(int status) {
			return ByteBuffer
				.wrap(Problems.body(status, Problems.genericDetail(status)).getBytes(StandardCharsets.UTF_8));
		}

	}

}
