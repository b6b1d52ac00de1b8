package io.mseg.console.externalnetwork.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fetch itself, against a local HTTP server (allowed by {@code allowed-hosts}).
 */
class FeedClientTests {

	private static final String LIST = "10.0.0.0/8\n192.168.0.0/16\n";

	private HttpServer server;

	private final FeedClient client = new FeedClient(new FeedAddressGuard(List.of("127.0.0.1")), Duration.ofSeconds(2),
			1024);

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/list.txt", (exchange) -> {
			if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				exchange.sendResponseHeaders(304, -1);
				exchange.close();
				return;
			}
			exchange.getResponseHeaders().add("ETag", "\"v1\"");
			exchange.getResponseHeaders().add("Last-Modified", "Sat, 05 Dec 2026 12:00:00 GMT");
			send(exchange, 200, LIST);
		});
		this.server.createContext("/down", (exchange) -> send(exchange, 503, "maintenance"));
		this.server.createContext("/big", (exchange) -> send(exchange, 200, "10.0.0.0/8\n".repeat(200)));
		this.server.createContext("/to-https", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "https://127.0.0.1:" + port() + "/list.txt");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		this.server.createContext("/moved", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "/list.txt");
			exchange.sendResponseHeaders(301, -1);
			exchange.close();
		});
		this.server.createContext("/slow", (exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (int i = 0; i < 30; i++) {
					out.write('#');
					out.flush();
					Thread.sleep(200);
				}
			}
			catch (InterruptedException | IOException ex) {
				// the client gave up
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aFetchBringsTheBodyAndItsValidators() {
		FeedClient.Result result = this.client.fetch(url("/list.txt"), null, null, null);
		assertThat(result).isEqualTo(new FeedClient.Fetched(LIST, "\"v1\"", "Sat, 05 Dec 2026 12:00:00 GMT"));
	}

	@Test
	void theValidatorsAreSentAndA304IsNotModified() {
		assertThat(this.client.fetch(url("/list.txt"), null, "\"v1\"", null)).isEqualTo(new FeedClient.NotModified());
	}

	@Test
	void anAnswerOtherThan2xxIsAnError() {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> this.client.fetch(url("/down"), null, null, null))
			.withMessageContaining("503");
	}

	@Test
	void aBodyOverTheSizeLimitIsRefused() {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> this.client.fetch(url("/big"), null, null, null))
			.withMessageContaining("limit of 1024");
	}

	@Test
	void aRedirectWithinTheSchemeIsFollowed() {
		assertThat(this.client.fetch(url("/moved"), null, null, null)).isInstanceOf(FeedClient.Fetched.class);
	}

	@Test
	void aRedirectToAnotherSchemeIsRefused() {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> this.client.fetch(url("/to-https"), null, null, null))
			.withMessageContaining("redirect from http to https");
	}

	@Test
	void aFeedThatTakesLongerThanTheTimeLimitIsAbandoned() {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> this.client.fetch(url("/slow"), null, null, null))
			.withMessageContaining("longer than 2s");
	}

	@Test
	void aLoopbackFeedIsRefusedWithoutAllowedHosts() {
		FeedClient guarded = new FeedClient(new FeedAddressGuard(List.of()), Duration.ofSeconds(2), 1024);
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> guarded.fetch(url("/list.txt"), null, null, null))
			.withMessageContaining("mseg.feeds.allowed-hosts");
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

	private int port() {
		return this.server.getAddress().getPort();
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
