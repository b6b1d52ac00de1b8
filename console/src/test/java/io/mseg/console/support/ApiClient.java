package io.mseg.console.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small HTTP client for the tests: each call names the namespace ({@code X-Namespace})
 * and answers the status, headers and body, as a black-box user sees them.
 */
public final class ApiClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final SSLContext tls;

	private final String token;

	private final HttpClient http;

	/**
	 * A client of the console at {@code base} that trusts {@code tls}'s CA, presents its
	 * client certificate if it has one, and sends {@code token} (when not null) as a
	 * bearer token.
	 */
	public ApiClient(String base, SSLContext tls, String token) {
		this.base = base;
		this.tls = tls;
		this.token = token;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build();
	}

	/** The same console with another bearer token (null for none). */
	public ApiClient withToken(String token) {
		return new ApiClient(this.base, this.tls, token);
	}

	/**
	 * The same console over another TLS context (such as one with an enforcer
	 * certificate).
	 */
	public ApiClient withTls(SSLContext tls) {
		return new ApiClient(this.base, tls, this.token);
	}

	public String base() {
		return this.base;
	}

	public Response get(String namespace, String path) {
		return send("GET", namespace, path, (String) null, Map.of());
	}

	public Response post(String namespace, String path, String json) {
		return send("POST", namespace, path, json, Map.of("Content-Type", "application/json"));
	}

	public Response put(String namespace, String path, String json) {
		return send("PUT", namespace, path, json, Map.of("Content-Type", "application/json"));
	}

	public Response delete(String namespace, String path) {
		return send("DELETE", namespace, path, (String) null, Map.of());
	}

	/** Any request; {@code namespace} may be null to leave {@code X-Namespace} out. */
	public Response send(String method, String namespace, String path, String body, Map<String, String> headers) {
		BodyPublisher publisher = (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody();
		return sendPublisher(method, namespace, path, publisher, headers);
	}

	public Response sendPublisher(String method, String namespace, String path, BodyPublisher body,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body);
		if (namespace != null) {
			request.header("X-Namespace", namespace);
		}
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A GET whose body is read as it arrives (an event stream); close the stream to hang
	 * up.
	 */
	public HttpResponse<java.io.InputStream> openStream(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		headers.forEach(request::header);
		try {
			return this.http.send(request.build(), BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Builds JSON bodies from alternating keys and values. */
	public static String json(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return JSON.writeValueAsString(map);
	}

	/** What the server answered. */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public String id() {
			return json().get("ID").asString();
		}

		public Response expectStatus(int expected) {
			assertThat(this.status).as("status of a response with body %s", this.body).isEqualTo(expected);
			return this;
		}

		/**
		 * Asserts an RFC 9457 problem with this status, naming these fields in its
		 * errors.
		 */
		public Response expectProblem(int expected, String... fields) {
			expectStatus(expected);
			assertThat(header("Content-Type")).startsWith("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.get("status").asInt()).isEqualTo(expected);
			assertThat(problem.get("detail").asString()).isNotBlank();
			if (fields.length > 0) {
				assertThat(problem.get("errors").valueStream().map((e) -> e.get("field").asString())).contains(fields);
			}
			return this;
		}

	}

}
