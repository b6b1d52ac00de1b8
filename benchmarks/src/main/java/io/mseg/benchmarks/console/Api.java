package io.mseg.benchmarks.console;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's REST API with a bearer token, over HTTPS/1.1 with keep-alive (the
 * {@link HttpClient} keeps a pool of connections, one per concurrent caller).
 */
public final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConsoleProcess console;

	private final String token;

	private final HttpClient client;

	public Api(ConsoleProcess console, String token) {
		this.console = console;
		this.token = token;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(console.trusting())
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/**
	 * An answer and how long it took, from sending the request to having read the body.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 * @param nanos the latency
	 */
	public record Response(int status, String body, long nanos) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public Response expect(int expected) {
			if (this.status != expected) {
				throw new IllegalStateException("expected " + expected + ", got " + this.status + ": " + this.body);
			}
			return this;
		}

	}

	public Response send(String method, String path, String namespace, String json)
			throws IOException, InterruptedException {
		return send(method, path, namespace, json, Duration.ofSeconds(60));
	}

	public Response send(String method, String path, String namespace, String json, Duration timeout)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.console.uri(path))
			.timeout(timeout)
			.header("Authorization", "Bearer " + this.token)
			.header("Accept", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (namespace != null) {
			request.header("X-Namespace", namespace);
		}
		long start = System.nanoTime();
		HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body(), System.nanoTime() - start);
	}

	public Response post(String path, String namespace, String json) throws IOException, InterruptedException {
		return send("POST", path, namespace, json);
	}

	public Response put(String path, String namespace, String json) throws IOException, InterruptedException {
		return send("PUT", path, namespace, json);
	}

	public Response get(String path, String namespace) throws IOException, InterruptedException {
		return send("GET", path, namespace, null);
	}

	/** A JSON string literal. */
	public static String quote(String text) {
		return JSON.writeValueAsString(text);
	}

}
