package io.mseg.console.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The HTTP server's own behaviour where it meets the API's rules:
 * <ul>
 * <li>what it refuses before any servlet runs (a request line or URI it cannot parse,
 * headers too large, an ambiguous path) is answered as a problem, like every other
 * refusal, instead of Jetty's HTML page;</li>
 * <li>its cache of header values on a keep-alive connection compares them with their
 * case: otherwise {@code Authorization: Bearer mseg_AbC} after {@code mseg_abc} on the
 * same connection reached the API as the cached value, and a token with its letters' case
 * changed was accepted.</li>
 * </ul>
 */
@Component
class HttpServerSettings implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

	@Override
	public void customize(JettyServletWebServerFactory factory) {
		factory.addServerCustomizers((server) -> {
			server.setErrorHandler(new ProblemErrorHandler());
			for (Connector connector : server.getConnectors()) {
				for (ConnectionFactory connections : connector.getConnectionFactories()) {
					if (connections instanceof HttpConfiguration.ConnectionFactory http) {
						http.getHttpConfiguration().setHeaderCacheCaseSensitive(true);
					}
				}
			}
		});
	}

	static final class ProblemErrorHandler extends ErrorHandler {

		/** Every method gets a problem body, not only GET and POST. */
		@Override
		public boolean errorPageForMethod(String method) {
			return true;
		}

		@Override
		protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
				Callback callback) {
			response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
			response.write(true, body(code), callback);
		}

		private static ByteBuffer body(int status) {
			return ByteBuffer
				.wrap(Problems.body(status, Problems.genericDetail(status)).getBytes(StandardCharsets.UTF_8));
		}

	}

}
