package io.mseg.enforcer.console;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * Makes a console client for a TLS context: the pinned CA alone for enrollment, the
 * client certificate afterwards (a new one after each renewal).
 */
@FunctionalInterface
public interface ConsoleConnector {

	/**
	 * A client using this TLS context.
	 * @param tls trust and client certificate
	 * @return the client
	 */
	ConsoleApi connect(SSLContext tls);

	/**
	 * The HTTPS implementation.
	 * @param console the console's base URL
	 * @param timeout connect and response timeout
	 * @return a connector making {@link HttpConsoleClient}s
	 */
	static ConsoleConnector https(URI console, Duration timeout) {
		return (tls) -> new HttpConsoleClient(console, tls, timeout);
	}

}
