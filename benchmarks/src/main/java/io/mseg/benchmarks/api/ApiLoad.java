package io.mseg.benchmarks.api;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.mseg.benchmarks.console.Api;
import io.mseg.benchmarks.console.ConsoleProcess;
import io.mseg.benchmarks.console.Options;
import io.mseg.benchmarks.console.Stats;

/**
 * API load (docs/benchmarks.md): a fixed number of callers, each with its own keep-alive
 * HTTPS/1.1 connection and the bootstrap token, create objects for a fixed time, then
 * read them for a fixed time, against a real console on its embedded PostgreSQL; then one
 * {@code POST /import} of a document of many objects, and the same import again (nothing
 * to change). Options: {@code --concurrency} (16), {@code --duration} (10s; 60s with
 * {@code --full}), {@code --warmup} (5s; 20s), {@code --kind} ({@code processingunits} or
 * {@code networkaccesspolicies}), {@code --import-objects} (1,000; 10,000), and those of
 * {@link ConsoleProcess#start}.
 */
public final class ApiLoad {

	private static final String NAMESPACE = "/load";

	private final Options options;

	private final AtomicInteger numbers = new AtomicInteger();

	private final List<String> created = new CopyOnWriteArrayList<>();

	private ApiLoad(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		new ApiLoad(Options.parse(args)).run();
	}

	private void run() throws Exception {
		int concurrency = this.options.integer("concurrency", 16, 16);
		Duration duration = this.options.duration("duration", "10s", "60s");
		Duration warmup = this.options.duration("warmup", "5s", "20s");
		String kind = this.options.string("kind", "processingunits", "processingunits");
		int importObjects = this.options.integer("import-objects", 1000, 10_000);
		System.out.printf(
				"API load: %d callers, %s per phase after %s of warm-up, creating %s; import of %d objects;"
						+ " Java %s, %d cores%n",
				concurrency, duration, warmup, kind, importObjects, Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		try (ConsoleProcess console = ConsoleProcess.start(this.options)) {
			Api api = new Api(console, console.token());
			api.post("/namespaces", "/", "{\"name\":\"load\"}").expect(201);

			phase("create " + kind + " (warm-up)", concurrency, warmup, () -> create(api, kind));
			Result creates = phase("create " + kind, concurrency, duration, () -> create(api, kind));
			phase("read " + kind + " (warm-up)", concurrency, warmup, () -> read(api, kind));
			Result reads = phase("read " + kind, concurrency, duration, () -> read(api, kind));
			phase("list " + kind + " (warm-up)", concurrency, warmup, () -> list(api, kind));
			Result lists = phase("list " + kind + ", pages of 100", concurrency, duration, () -> list(api, kind));
			// The floor: what HTTPS, the filters and Jetty cost without the API's work.
			Api anonymous = new Api(console, null);
			phase("liveness probe (warm-up)", concurrency, warmup, () -> liveness(anonymous));
			Result floor = phase("liveness probe, no credentials", concurrency, duration, () -> liveness(anonymous));
			System.out.printf("%nRESULT creates: %s%nRESULT reads: %s%nRESULT lists: %s%nRESULT floor (liveness): %s%n",
					creates, reads, lists, floor);

			String document = importDocument(importObjects);
			System.out.printf("%nimport document: %d objects, %.1f MiB%n", importObjects,
					document.length() / 1048576.0);
			api.post("/namespaces", "/", "{\"name\":\"imported\"}").expect(201);
			Api.Response first = api.send("POST", "/import", "/imported", document, Duration.ofMinutes(20)).expect(200);
			int createdCount = first.json().get("created").size();
			Api.Response again = api.send("POST", "/import", "/imported", document, Duration.ofMinutes(20)).expect(200);
			System.out.printf(Locale.ROOT, "RESULT import of %d objects: %.2f s (%d created)%n", importObjects,
					first.nanos() / 1e9, createdCount);
			System.out.printf(Locale.ROOT,
					"RESULT the same import again (nothing to change): %.2f s (%d created, " + "%d updated)%n",
					again.nanos() / 1e9, again.json().get("created").size(), again.json().get("updated").size());
		}
	}

	/** One request; answers its latency in nanoseconds, negative when it failed. */
	@FunctionalInterface
	interface Call {

		long call() throws IOException, InterruptedException;

	}

	/**
	 * What a phase measured.
	 *
	 * @param requests successful requests
	 * @param errors failed requests (non-2xx or I/O)
	 * @param seconds the phase's length
	 * @param latency the latencies of successful requests
	 */
	record Result(long requests, long errors, double seconds, Stats latency) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%.0f requests/s (%d in %.1f s, %d errors); latency %s",
					this.requests / this.seconds, this.requests, this.seconds, this.errors, this.latency.millis());
		}

	}

	private Result phase(String name, int concurrency, Duration duration, Call call) throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		List<long[]> latencies = new CopyOnWriteArrayList<>();
		AtomicLong errors = new AtomicLong();
		ConcurrentHashMap<String, AtomicLong> failures = new ConcurrentHashMap<>();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < concurrency; i++) {
			Thread thread = new Thread(() -> {
				long[] mine = new long[1024];
				int count = 0;
				while (System.nanoTime() < end) {
					try {
						long nanos = call.call();
						if (nanos < 0) {
							errors.incrementAndGet();
							continue;
						}
						if (count == mine.length) {
							mine = Arrays.copyOf(mine, count * 2);
						}
						mine[count++] = nanos;
					}
					catch (IOException | RuntimeException ex) {
						errors.incrementAndGet();
						failures.computeIfAbsent(ex.toString(), (key) -> new AtomicLong()).incrementAndGet();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						break;
					}
				}
				latencies.add(Arrays.copyOf(mine, count));
			}, "caller-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
		Result result = new Result(all.length, errors.get(), seconds, Stats.of(all));
		System.out.printf("%s: %s%n", name, result);
		failures.forEach((failure, count) -> System.out.printf("  %d x %s%n", count.get(), failure));
		return result;
	}

	private long create(Api api, String kind) throws IOException, InterruptedException {
		int n = this.numbers.incrementAndGet();
		String body = switch (kind) {
			case "processingunits" -> "{\"name\":\"pu-" + n + "\",\"addresses\":[\"" + address(n)
					+ "\"],\"associatedTags\":[\"app=app" + (n % 20) + "\",\"env=prod\"]}";
			case "networkaccesspolicies" ->
				"{\"name\":\"policy-" + n + "\",\"subject\":[[\"app=app" + (n % 20) + "\"]],\"object\":[[\"app=app"
						+ ((n + 1) % 20) + "\"]],\"ports\":[\"tcp/" + (1 + n % 60000) + "\"]}";
			default -> throw new IllegalArgumentException("--kind must be processingunits or networkaccesspolicies");
		};
		Api.Response response = api.post("/" + kind, NAMESPACE, body);
		if (response.status() != 201) {
			return -1;
		}
		this.created.add(response.json().get("ID").asString());
		return response.nanos();
	}

	private long read(Api api, String kind) throws IOException, InterruptedException {
		String id = this.created.get(ThreadLocalRandom.current().nextInt(this.created.size()));
		Api.Response response = api.get("/" + kind + "/" + id, NAMESPACE);
		return (response.status() == 200) ? response.nanos() : -1;
	}

	private long list(Api api, String kind) throws IOException, InterruptedException {
		int pages = Math.max(1, this.created.size() / 100);
		int page = 1 + ThreadLocalRandom.current().nextInt(pages);
		Api.Response response = api.get("/" + kind + "?page=" + page + "&pagesize=100", NAMESPACE);
		return (response.status() == 200) ? response.nanos() : -1;
	}

	private static long liveness(Api api) throws IOException, InterruptedException {
		Api.Response response = api.get("/actuator/health/liveness", null);
		return (response.status() == 200) ? response.nanos() : -1;
	}

	private static String address(int n) {
		return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
	}

	/**
	 * A document of {@code objects} objects: 1% namespaces, 10% external networks, 39%
	 * policies, 50% processing units, spread over the namespaces.
	 */
	static String importDocument(int objects) {
		int namespaces = Math.max(1, objects / 100);
		int networks = objects / 10;
		int units = objects / 2;
		int policies = objects - namespaces - networks - units;
		StringBuilder json = new StringBuilder(objects * 200);
		json.append("{\"label\":\"bench-import\",\"data\":{\"namespaces\":[");
		for (int i = 0; i < namespaces; i++) {
			json.append((i > 0) ? "," : "").append("{\"name\":\"s").append(i).append("\"}");
		}
		json.append("],\"externalnetworks\":[");
		for (int i = 0; i < networks; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"name\":\"net-")
				.append(i)
				.append("\",\"namespace\":\"s")
				.append(i % namespaces)
				.append("\",\"entries\":[\"198.")
				.append(18 + (i >> 8) % 2)
				.append('.')
				.append(i & 255)
				.append(".0/24\"],\"servicePorts\":[\"tcp/443\"],\"associatedTags\":[\"ext=net")
				.append(i % 50)
				.append("\"]}");
		}
		json.append("],\"networkaccesspolicies\":[");
		for (int i = 0; i < policies; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"name\":\"policy-")
				.append(i)
				.append("\",\"namespace\":\"s")
				.append(i % namespaces)
				.append("\",\"applyPolicyMode\":\"OutgoingTraffic\",\"subject\":[[\"app=app")
				.append(i % 20)
				.append("\"]],\"object\":[[\"ext=net")
				.append(i % 50)
				.append("\"]]}");
		}
		json.append("],\"processingunits\":[");
		for (int i = 0; i < units; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"name\":\"unit-")
				.append(i)
				.append("\",\"namespace\":\"s")
				.append(i % namespaces)
				.append("\",\"addresses\":[\"10.")
				.append(200 + ((i >> 16) & 15))
				.append('.')
				.append((i >> 8) & 255)
				.append('.')
				.append(i & 255)
				.append("\"],\"associatedTags\":[\"app=app")
				.append(i % 20)
				.append("\"]}");
		}
		json.append("]}}");
		return json.toString();
	}

}
