package io.mseg.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import javax.net.ssl.SSLException;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;
import io.mseg.cli.config.Settings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The console's REST API over the JDK's HTTP client: bearer token, {@code X-Namespace},
 * JSON in and out, problem details turned into {@link ApiRefusedException}, network and
 * TLS failures into exit code 3.
 */
public final class ConsoleClient {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

	/** The largest page the console serves. */
	static final int PAGE_SIZE = 1000;

	/** What is read of an error's body: problem details are short. */
	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final Settings settings;

	private final String userAgent;

	private ConsoleClient(HttpClient http, Settings settings, String userAgent) {
		this.http = http;
		this.settings = settings;
		this.userAgent = userAgent;
	}

	/** A client for the console of the settings. */
	public static ConsoleClient connect(Settings settings, String version) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.sslContext(TlsContexts.of(settings.trust()))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		return new ConsoleClient(http, settings, "msegctl/" + version);
	}

	/** The namespace requests are made in, {@code null} for the token's own. */
	public String namespace() {
		return this.settings.namespace();
	}

	/** How messages name the request's namespace. */
	public String namespaceForHumans() {
		return (this.settings.namespace() != null) ? this.settings.namespace() : "the token's namespace";
	}

	public JsonNode get(String path, Map<String, String> query) {
		return body(send(request(path, query).GET()));
	}

	/** Every item of a list endpoint, page after page. */
	public List<JsonNode> list(String path, Map<String, String> query) {
		return list(path, query, Integer.MAX_VALUE).items();
	}

	/**
	 * The first {@code limit} items of a list endpoint, page after page, and how many it
	 * holds in all when the console says ({@code X-Count-Total}).
	 */
	public Listing list(String path, Map<String, String> query, int limit) {
		int pageSize = Math.min(limit, PAGE_SIZE);
		List<JsonNode> items = new ArrayList<>();
		OptionalLong total = OptionalLong.empty();
		for (int page = 1;; page++) {
			Map<String, String> pageQuery = new LinkedHashMap<>(query);
			pageQuery.put("page", Integer.toString(page));
			pageQuery.put("pagesize", Integer.toString(pageSize));
			HttpResponse<byte[]> response = send(request(path, pageQuery).GET());
			JsonNode body = body(response);
			if (!body.isArray() || body.isEmpty()) {
				return new Listing(items, total);
			}
			body.values().forEach(items::add);
			total = response.headers().firstValueAsLong("X-Count-Total");
			if (items.size() >= limit) {
				return new Listing(items.subList(0, limit), total);
			}
			if (total.isEmpty() || items.size() >= total.getAsLong() || body.size() < pageSize) {
				return new Listing(items, total);
			}
		}
	}

	/**
	 * Items of a list endpoint and the number it holds in all, when the console says.
	 *
	 * @param items the items, in the console's order
	 * @param total the console's {@code X-Count-Total}
	 */
	public record Listing(List<JsonNode> items, OptionalLong total) {

		public Listing {
			items = List.copyOf(items);
		}

	}

	/**
	 * Reads the {@code text/event-stream} of {@code path}, handing each event to the
	 * listener, until the console ends the stream (a normal return).
	 * @param lastEventId sent as {@code Last-Event-ID} to resume a stream, or
	 * {@code null}
	 * @throws ApiRefusedException when the console refuses the request
	 * @throws CliException with {@link ExitCodes#UNREACHABLE} when the console cannot be
	 * reached or the connection breaks
	 */
	public void events(String path, Map<String, String> query, String lastEventId, EventListener listener) {
		HttpRequest.Builder builder = request(path, query).setHeader("Accept", "text/event-stream").GET();
		if (lastEventId != null) {
			builder.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw unreachable(this.settings.url(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(ExitCodes.UNREACHABLE, "interrupted while waiting for the console");
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() >= 400) {
				throw refused(response.statusCode(), response.headers(), body.readNBytes(MAX_ERROR_BODY));
			}
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			if (!contentType.startsWith("text/event-stream")) {
				throw new CliException(ExitCodes.API_REFUSED,
						"the console answered " + response.statusCode() + " with "
								+ (contentType.isEmpty() ? "no content type" : contentType) + ", not an event stream: "
								+ snippet(body.readNBytes(MAX_ERROR_BODY)));
			}
			listener.opened();
			EventStreamReader events = new EventStreamReader(new InputStreamReader(body, StandardCharsets.UTF_8));
			for (ServerSentEvent event = events.next(); event != null; event = events.next()) {
				listener.event(event);
			}
		}
		catch (IOException ex) {
			throw unreachable(this.settings.url(), ex);
		}
	}

	/** What {@link #events} does with the stream. */
	public interface EventListener {

		/** The console accepted the request and the stream begins. */
		default void opened() {
		}

		void event(ServerSentEvent event);

	}

	public JsonNode post(String path, Map<String, String> query, byte[] body, String contentType) {
		return body(send(request(path, query).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))));
	}

	public JsonNode postJson(String path, Object body) {
		return post(path, Map.of(), JSON.writeValueAsBytes(body), "application/json");
	}

	public JsonNode delete(String path, Map<String, String> query) {
		return body(send(request(path, query).DELETE()));
	}

	private HttpRequest.Builder request(String path, Map<String, String> query) {
		StringBuilder uri = new StringBuilder(this.settings.url().toString()).append(path);
		char separator = '?';
		for (Map.Entry<String, String> parameter : query.entrySet()) {
			uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
			separator = '&';
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json")
			.header("User-Agent", this.userAgent)
			.header("Authorization", "Bearer " + this.settings.token());
		if (this.settings.namespace() != null) {
			builder.header("X-Namespace", this.settings.namespace());
		}
		return builder;
	}

	/** A path segment, such as an ID, safe to put in a URL. */
	public static String segment(String value) {
		return encode(value).replace("+", "%20");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder builder) {
		HttpRequest request = builder.build();
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw unreachable(this.settings.url(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(ExitCodes.UNREACHABLE, "interrupted while waiting for the console");
		}
		if (response.statusCode() >= 400) {
			throw refused(response);
		}
		return response;
	}

	private static JsonNode body(HttpResponse<byte[]> response) {
		if (response.body().length == 0) {
			return MissingNode.getInstance();
		}
		try {
			return JSON.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new CliException(ExitCodes.API_REFUSED, "the console answered " + response.statusCode()
					+ " with a body that is not JSON: " + snippet(response.body()));
		}
	}

	static ApiRefusedException refused(HttpResponse<byte[]> response) {
		return refused(response.statusCode(), response.headers(), response.body());
	}

	static ApiRefusedException refused(int status, HttpHeaders headers, byte[] body) {
		String contentType = headers.firstValue("Content-Type").orElse("");
		if (contentType.contains("json") && body.length > 0) {
			try {
				JsonNode problem = JSON.readTree(body);
				List<ApiRefusedException.FieldError> errors = new ArrayList<>();
				for (JsonNode error : problem.path("errors")) {
					errors.add(new ApiRefusedException.FieldError(error.path("field").asString(""),
							error.path("message").asString("")));
				}
				return new ApiRefusedException(status, problem.path("title").asString(null),
						problem.path("detail").asString(null), errors);
			}
			catch (JacksonException ex) {
				// not problem details after all: shown as text below
			}
		}
		String text = snippet(body);
		return new ApiRefusedException(status, null, text.isEmpty() ? null : text, List.of());
	}

	/**
	 * The failure to reach the console, saying whether the network or TLS failed.
	 */
	static CliException unreachable(URI url, IOException ex) {
		// Host and port only: user information in the URL must not reach a message.
		String base = url.getScheme() + "://" + url.getHost() + ((url.getPort() >= 0) ? ":" + url.getPort() : "");
		String certificateProblem = null;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CertificateException) {
				certificateProblem = cause.getMessage();
			}
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException) {
				String why = (certificateProblem != null) ? certificateProblem : cause.getMessage();
				return new CliException(ExitCodes.UNREACHABLE,
						"TLS failure with the console at " + base + ": " + tlsAdvice(why), ex);
			}
		}
		String why;
		if (ex instanceof HttpConnectTimeoutException) {
			why = "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
		}
		else if (ex instanceof HttpTimeoutException) {
			why = "no answer within " + REQUEST_TIMEOUT.toMinutes() + " minutes";
		}
		else if (hasCause(ex, UnresolvedAddressException.class) || hasCause(ex, UnknownHostException.class)) {
			why = "unknown host " + url.getHost();
		}
		else if (hasCause(ex, ConnectException.class)) {
			why = "connection refused (is the console running, and is the URL's port right?)";
		}
		else {
			why = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			if ("http".equalsIgnoreCase(url.getScheme())) {
				why += " (the console serves HTTPS: is the URL's scheme right?)";
			}
		}
		return new CliException(ExitCodes.UNREACHABLE, "cannot reach the console at " + base + ": " + why, ex);
	}

	private static String tlsAdvice(String why) {
		String text = (why != null) ? why : "handshake failed";
		if (text.contains("PKIX path") || text.contains("unable to find valid certification path")) {
			return "its certificate is not trusted (" + text
					+ "); trust its CA with --ca ca.pem or --ca-fingerprint <SHA-256>";
		}
		if (text.contains("subject alternative") || text.contains("No name matching")) {
			return "its certificate is not valid for this host name (" + text + ")";
		}
		return text;
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String snippet(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

}
