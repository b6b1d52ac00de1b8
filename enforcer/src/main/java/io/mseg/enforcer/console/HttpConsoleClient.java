package io.mseg.enforcer.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.policy.render.wire.SectionNames;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The console's enforcer endpoints over HTTPS with the JDK's HTTP client. The TLS context
 * decides the trust (only the console's CA) and the client certificate.
 */
public final class HttpConsoleClient implements ConsoleApi {

	private static final String JSON = "application/json";

	private final URI base;

	private final HttpClient http;

	private final Duration timeout;

	/**
	 * A client.
	 * @param base the console's base URL
	 * @param tls the TLS context (trust and client certificate)
	 * @param timeout connect and response timeout of ordinary requests
	 */
	public HttpConsoleClient(URI base, SSLContext tls, Duration timeout) {
		String text = base.toString();
		this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
		this.timeout = timeout;
		this.http = HttpClient.newBuilder()
			.sslContext(tls)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public Certificates enroll(String token, String name, String csrPem) throws ConsoleException {
		String body = PolicyDocuments.json().writeValueAsString(Map.of("name", name, "certificateRequest", csrPem));
		HttpResponse<String> response = send(request("/enforcers").header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body)), 201);
		return read(response.body(), Certificates.class);
	}

	@Override
	public Certificates renew(String enforcerId, String csrPem) throws ConsoleException {
		String body = PolicyDocuments.json().writeValueAsString(Map.of("certificateRequest", csrPem));
		HttpResponse<String> response = send(
				request("/enforcers/" + enforcerId + "/certificate").POST(HttpRequest.BodyPublishers.ofString(body)),
				200);
		return read(response.body(), Certificates.class);
	}

	@Override
	public void registerUnits(String enforcerId, List<ReportedUnit> units) throws ConsoleException {
		String body = PolicyDocuments.json().writeValueAsString(units);
		send(request("/enforcers/" + enforcerId + "/processingunits").PUT(HttpRequest.BodyPublishers.ofString(body)),
				200);
	}

	@Override
	public void poke(String enforcerId, Status status) throws ConsoleException {
		String body = PolicyDocuments.json().writeValueAsString(status);
		send(request("/enforcers/" + enforcerId + "/poke").POST(HttpRequest.BodyPublishers.ofString(body)), 204);
	}

	@Override
	public void postFlowReports(String enforcerId, String body) throws ConsoleException {
		send(request("/enforcers/" + enforcerId + "/flowreports").POST(HttpRequest.BodyPublishers.ofString(body)), 204);
	}

	@Override
	public Fetched fetchPolicyIndex(String enforcerId, String etag) throws ConsoleException {
		HttpRequest.Builder request = request("/enforcers/" + enforcerId + "/renderedpolicy/index").GET();
		if (etag != null) {
			request.header("If-None-Match", etag);
		}
		HttpResponse<String> response = send(request, 200, 304);
		String newTag = response.headers().firstValue("ETag").orElse(etag);
		return new Fetched((response.statusCode() == 304) ? null : response.body(), newTag);
	}

	@Override
	public Map<String, String> fetchSections(String enforcerId, List<String> names) throws ConsoleException {
		String body = PolicyDocuments.json().writeValueAsString(Map.of("sections", names));
		HttpResponse<String> response = send(
				request("/enforcers/" + enforcerId + "/renderedpolicy/sections").setHeader("Accept", "text/plain")
					.POST(HttpRequest.BodyPublishers.ofString(body)),
				200);
		Map<String, String> sections = new LinkedHashMap<>();
		for (String line : (Iterable<String>) response.body().lines()::iterator) {
			int space = line.indexOf(' ');
			String name = (space > 0) ? line.substring(0, space) : line;
			String json = (space > 0) ? line.substring(space + 1) : "";
			// the name is the content's hash: a section that does not match it is not
			// kept, whatever went wrong on the way
			if (!SectionNames.of(json).equals(name)) {
				throw new ConsoleException(200, "the console sent section " + name + " with content of another name",
						null);
			}
			sections.put(name, json);
		}
		if (!sections.keySet().containsAll(names)) {
			throw new ConsoleException(200,
					"the console left out " + names.stream().filter((name) -> !sections.containsKey(name)).count()
							+ " of the sections asked for",
					null);
		}
		return sections;
	}

	@Override
	public EventStream events(String enforcerId, String lastEventId) throws ConsoleException {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create(this.base + "/enforcers/" + enforcerId + "/events"))
			.header("Accept", "text/event-stream")
			.header("Cache-Control", "no-store")
			.GET();
		if (lastEventId != null) {
			builder.header("Last-Event-ID", lastEventId);
		}
		StreamHandler handler = new StreamHandler();
		CompletableFuture<HttpResponse<String>> exchange = this.http.sendAsync(builder.build(), handler);
		exchange.whenComplete((response, error) -> {
			if (error != null) {
				handler.info.completeExceptionally(error);
			}
			handler.lines.offer((error != null) ? error : StreamHandler.END);
		});
		HttpResponse.ResponseInfo info;
		try {
			info = handler.info.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw new ConsoleException("the console did not answer the event stream request within " + this.timeout,
					ex);
		}
		catch (ExecutionException ex) {
			throw new ConsoleException("cannot open the event stream: " + describe(ex.getCause()), ex.getCause());
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new ConsoleException("interrupted", ex);
		}
		if (info.statusCode() != 200) {
			String body;
			try {
				body = exchange.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).body();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				body = "";
			}
			catch (ExecutionException | TimeoutException ex) {
				body = "";
			}
			throw error(info.statusCode(), body, info.headers());
		}
		return new LineEventStream(handler, exchange);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(this.timeout)
			.header("Content-Type", JSON)
			.header("Accept", JSON);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, int... expected) throws ConsoleException {
		HttpRequest built = request.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new ConsoleException("cannot reach the console at " + this.base + ": " + describe(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ConsoleException("interrupted", ex);
		}
		for (int status : expected) {
			if (response.statusCode() == status) {
				return response;
			}
		}
		throw error(response.statusCode(), response.body(), response.headers());
	}

	private ConsoleException error(int status, String body, java.net.http.HttpHeaders headers) {
		String detail = null;
		try {
			JsonNode problem = PolicyDocuments.json().readTree(body);
			if (problem != null && problem.has("detail")) {
				detail = problem.get("detail").asString();
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// not a problem document
		}
		Duration retryAfter = headers.firstValue("Retry-After").flatMap(HttpConsoleClient::seconds).orElse(null);
		return new ConsoleException(status, "the console answered " + status + ((detail != null) ? ": " + detail
				: ((body != null && !body.isBlank()) ? ": " + abbreviate(body) : "")), retryAfter);
	}

	private static java.util.Optional<Duration> seconds(String text) {
		try {
			return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(text.strip())));
		}
		catch (NumberFormatException ex) {
			return java.util.Optional.empty();
		}
	}

	private static String abbreviate(String text) {
		String line = text.strip().replaceAll("\\s+", " ");
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	private <T> T read(String body, Class<T> type) throws ConsoleException {
		try {
			return PolicyDocuments.json().readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new ConsoleException(200, "unreadable answer from the console: " + ex.getOriginalMessage(), null);
		}
	}

	/**
	 * The innermost cause that says something, e.g. "ConnectException: Connection
	 * refused".
	 */
	static String describe(Throwable error) {
		Throwable described = error;
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null || described.getMessage() == null) {
				described = cause;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		String message = described.getMessage();
		return described.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * Hands the status over as soon as the headers arrive; a 200 body is split into lines
	 * for the reader, any other body is kept whole (the problem document).
	 */
	private static final class StreamHandler implements BodyHandler<String> {

		static final Object END = new Object();

		final CompletableFuture<HttpResponse.ResponseInfo> info = new CompletableFuture<>();

		final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();

		final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

		@Override
		public BodySubscriber<String> apply(HttpResponse.ResponseInfo responseInfo) {
			this.info.complete(responseInfo);
			if (responseInfo.statusCode() != 200) {
				return BodySubscribers.ofString(StandardCharsets.UTF_8);
			}
			return BodySubscribers.mapping(BodySubscribers.fromLineSubscriber(new Flow.Subscriber<String>() {

				@Override
				public void onSubscribe(Flow.Subscription s) {
					StreamHandler.this.subscription.set(s);
					s.request(Long.MAX_VALUE);
				}

				@Override
				public void onNext(String line) {
					StreamHandler.this.lines.offer(line);
				}

				@Override
				public void onError(Throwable error) {
					StreamHandler.this.lines.offer(error);
				}

				@Override
				public void onComplete() {
					StreamHandler.this.lines.offer(END);
				}

			}), (ignored) -> "");
		}

	}

	private static final class LineEventStream implements EventStream {

		private final StreamHandler handler;

		private final CompletableFuture<?> exchange;

		private final SseParser parser = new SseParser();

		LineEventStream(StreamHandler handler, CompletableFuture<?> exchange) {
			this.handler = handler;
			this.exchange = exchange;
		}

		@Override
		public SseEvent next(Duration timeout) throws IOException, InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (true) {
				long left = deadline - System.nanoTime();
				Object item = (left > 0) ? this.handler.lines.poll(left, TimeUnit.NANOSECONDS) : null;
				if (item == null) {
					return null;
				}
				if (item == StreamHandler.END) {
					this.handler.lines.offer(item);
					throw new IOException("the console closed the event stream");
				}
				if (item instanceof Throwable error) {
					this.handler.lines.offer(item);
					throw new IOException("the event stream broke: " + describe(error), error);
				}
				SseEvent event = this.parser.line((String) item);
				if (event != null) {
					return event;
				}
			}
		}

		@Override
		public void close() {
			Flow.Subscription subscription = this.handler.subscription.get();
			if (subscription != null) {
				subscription.cancel();
			}
			this.exchange.cancel(true);
			// Wake a reader blocked in next(): the stream is over.
			this.handler.lines.offer(StreamHandler.END);
		}

	}

}
