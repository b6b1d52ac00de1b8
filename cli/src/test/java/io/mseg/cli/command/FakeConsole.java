package io.mseg.cli.command;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the console's HTTP API on a loopback port (the JDK's HTTP server):
 * canned answers by path, every request recorded. For the CLI's tests of endpoints the
 * console of this branch does not serve yet.
 */
final class FakeConsole implements AutoCloseable {

	/** A request as the fake console received it. */
	record Request(String path, Map<String, String> query, String accept, String lastEventId) {

	}

	/** One answer to a request. */
	interface Answer {

		void send(Request request, HttpExchange exchange) throws IOException;

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, Queue<Answer>> answers = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	FakeConsole() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::dispatch);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Answers requests for the path with these answers in turn, the last one again and
	 * again.
	 */
	FakeConsole on(String path, Answer... answers) {
		this.answers.put(path, new ConcurrentLinkedQueue<>(List.of(answers)));
		return this;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	List<Request> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	private void dispatch(HttpExchange exchange) throws IOException {
		try (exchange) {
			Request request = new Request(exchange.getRequestURI().getPath(), query(exchange.getRequestURI()),
					exchange.getRequestHeaders().getFirst("Accept"),
					exchange.getRequestHeaders().getFirst("Last-Event-ID"));
			this.requests.add(request);
			Queue<Answer> queue = this.answers.get(request.path());
			Answer answer = (queue == null) ? null : (queue.size() > 1) ? queue.poll() : queue.peek();
			if (answer == null) {
				problem(404, "no such endpoint in this fake console").send(request, exchange);
			}
			else {
				answer.send(request, exchange);
			}
		}
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new LinkedHashMap<>();
		if (uri.getRawQuery() != null) {
			for (String parameter : uri.getRawQuery().split("&")) {
				String[] parts = parameter.split("=", 2);
				query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						URLDecoder.decode((parts.length > 1) ? parts[1] : "", StandardCharsets.UTF_8));
			}
		}
		return query;
	}

	/** A list endpoint holding these items (JSON objects), served page by page. */
	static Answer list(List<String> items) {
		return (request, exchange) -> {
			int page = Integer.parseInt(request.query().getOrDefault("page", "1"));
			int size = Integer.parseInt(request.query().getOrDefault("pagesize", "100"));
			List<String> slice = items.subList(Math.min((page - 1) * size, items.size()),
					Math.min(page * size, items.size()));
			exchange.getResponseHeaders().add("X-Count-Total", Integer.toString(items.size()));
			send(exchange, 200, "application/json", "[" + String.join(",", slice) + "]");
		};
	}

	/** An RFC 9457 problem. */
	static Answer problem(int status, String detail) {
		return (request, exchange) -> send(exchange, status, "application/problem+json",
				"{\"status\":" + status + ",\"title\":\"Refused\",\"detail\":\"" + detail + "\"}");
	}

	/** A {@code text/event-stream} of this text, which then ends. */
	static Answer eventStream(String... chunks) {
		return (request, exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream body = exchange.getResponseBody();
			for (String chunk : chunks) {
				body.write(chunk.getBytes(StandardCharsets.UTF_8));
				body.flush();
			}
		};
	}

	/**
	 * The lines of an event named {@code flowreport} carrying this record, one
	 * {@code data:} line per line of its text.
	 */
	static String flowreport(String record) {
		StringBuilder event = new StringBuilder("event: flowreport\n");
		record.lines().forEach((line) -> event.append("data: ").append(line).append('\n'));
		return event.append('\n').toString();
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	static List<String> repeated(int count, java.util.function.IntFunction<String> item) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(item.apply(i));
		}
		return items;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
