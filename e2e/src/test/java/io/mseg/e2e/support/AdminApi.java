package io.mseg.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's admin API with the bootstrap token, trusting the console's CA.
 */
public final class AdminApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI base;

	private final String token;

	private final HttpClient http;

	AdminApi(URI base, String token, Path caPem) {
		this.base = base;
		this.token = token;
		this.http = HttpClient.newBuilder().sslContext(trusting(caPem)).connectTimeout(Duration.ofSeconds(5)).build();
	}

	boolean ready() {
		try {
			return send("GET", "/namespaces", "/", null).statusCode() == 200;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	public JsonNode createNamespace(String parent, String name) {
		return post(parent, "/namespaces", Map.of("name", name));
	}

	/**
	 * Creates an enrollment token for a namespace.
	 * @param namespace where the enforcers join
	 * @param maxUses how many may use it
	 * @return the token text
	 */
	public String enrollmentToken(String namespace, int maxUses) {
		return post(namespace, "/enrollmenttokens", Map.of("maxUses", maxUses, "tags", List.of())).get("token")
			.asString();
	}

	/**
	 * Creates an object.
	 * @param namespace the X-Namespace
	 * @param path e.g. {@code /networkaccesspolicies}
	 * @param body the object
	 * @return the created object
	 */
	public JsonNode post(String namespace, String path, Object body) {
		HttpResponse<String> response = send("POST", path, namespace, JSON.writeValueAsString(body));
		if (response.statusCode() != 201 && response.statusCode() != 200) {
			throw new IllegalStateException("POST " + path + " in " + namespace + " answered " + response.statusCode()
					+ ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	/**
	 * Replaces an object.
	 * @param namespace the X-Namespace
	 * @param path e.g. {@code /networkaccesspolicies/<id>}
	 * @param body the whole object
	 * @return the object as stored
	 */
	public JsonNode put(String namespace, String path, Object body) {
		HttpResponse<String> response = send("PUT", path, namespace, JSON.writeValueAsString(body));
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"PUT " + path + " in " + namespace + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	public JsonNode get(String namespace, String path) {
		HttpResponse<String> response = send("GET", path, namespace, null);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	public void delete(String namespace, String path) {
		HttpResponse<String> response = send("DELETE", path, namespace, null);
		if (response.statusCode() != 200 && response.statusCode() != 204) {
			throw new IllegalStateException(
					"DELETE " + path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private HttpResponse<String> send(String method, String path, String namespace, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.header("X-Namespace", namespace)
			.header("Accept", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static SSLContext trusting(Path caPem) {
		try (InputStream in = Files.newInputStream(caPem)) {
			X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("ca", ca);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the console's CA " + caPem, ex);
		}
	}

}
