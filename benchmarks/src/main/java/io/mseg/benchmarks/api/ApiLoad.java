package io.mseg.benchmarks.api;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.mseg.benchmarks.console.Api;
import io.mseg.benchmarks.console.ConsoleProcess;
import io.mseg.benchmarks.console.Options;
import io.mseg.benchmarks.console.Wrk;
import tools.jackson.databind.JsonNode;

/**
 * API load (docs/benchmarks.md): wrk ({@link Wrk}) keeps a fixed number of keep-alive
 * HTTPS/1.1 connections busy with the bootstrap token against a real console on its
 * embedded PostgreSQL, for fixed-time phases, each after an unmeasured warm-up: creates,
 * reads by ID of random objects of a namespace of a fixed size, then of random objects
 * among all those created (more than the console caches), random list pages of 100 in the
 * namespace of a fixed size, and the floor (the same load on
 * {@code GET /benchmark/floor}, an authenticated request that does nothing, so that each
 * figure is also a share of what HTTP, TLS and security allow here); then one
 * {@code POST /import} of a document of many objects, and the same import again (nothing
 * to change). Options: {@code --concurrency} (connections, 16), {@code --threads} (wrk's,
 * 2), {@code --duration} (10s; 60s with {@code --full}), {@code --warmup} (5s; 60s: the
 * JIT compiler needs about a minute of load to settle), {@code --kind}
 * ({@code processingunits} or {@code networkaccesspolicies}), {@code --import-objects}
 * (1,000; 10,000), {@code --list-objects} (the namespace of a fixed size: 1,000; 10,000),
 * and those of {@link ConsoleProcess#start}.
 */
public final class ApiLoad {

	private static final String NAMESPACE = "/load";

	private static final String LISTED = "/list";

	/** Names and addresses of each wrk thread and phase are numbered from here on. */
	private static final int NUMBERS_PER_THREAD = 1 << 21;

	private final Options options;

	private ApiLoad(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		String[] withFloor = Arrays.copyOf(args, args.length + 1);
		withFloor[args.length] = "--console-arg=--mseg.benchmark.floor-endpoint=true";
		new ApiLoad(Options.parse(withFloor)).run();
	}

	private void run() throws Exception {
		int concurrency = this.options.integer("concurrency", 16, 16);
		int threads = this.options.integer("threads", 2, 2);
		Duration duration = this.options.duration("duration", "10s", "60s");
		Duration warmup = this.options.duration("warmup", "5s", "60s");
		String kind = this.options.string("kind", "processingunits", "processingunits");
		int importObjects = this.options.integer("import-objects", 1000, 10_000);
		int listObjects = this.options.integer("list-objects", 1000, 10_000);
		System.out.printf(
				"API load: wrk, %d threads, %d connections, %s per phase after %s of warm-up, creating %s;"
						+ " import of %d objects; Java %s, %d cores%n",
				threads, concurrency, duration, warmup, kind, importObjects, Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		try (ConsoleProcess console = ConsoleProcess.start(this.options)) {
			Api api = new Api(console, console.token());
			api.post("/namespaces", "/", "{\"name\":\"load\"}").expect(201);
			Wrk wrk = new Wrk("https://localhost:" + console.port(), threads, concurrency);
			String headers = headers(console.token(), NAMESPACE);

			String creating = headers + createScript(kind);
			wrk.run("create " + kind + " (warm-up)", warmup, creating, "0");
			Wrk.Result creates = wrk.run("create " + kind, duration, creating,
					Integer.toString(threads * NUMBERS_PER_THREAD));
			List<String> created = ids(api, kind, NAMESPACE);
			System.out.printf("%d %s in %s%n", created.size(), kind, NAMESPACE);

			// Reads and lists use a namespace of a fixed size, so that their figures do
			// not depend on how fast the create phase went: a list page's cost grows with
			// its offset and the count with the namespace, and the console caches up to
			// 20,000 objects of a kind.
			api.post("/namespaces", "/", "{\"name\":\"list\"}").expect(201);
			api.send("POST", "/import", LISTED, listDocument(listObjects), Duration.ofMinutes(10)).expect(200);
			List<String> listed = ids(api, "processingunits", LISTED);
			String reading = headers(console.token(), LISTED) + readScript("processingunits", listed);
			wrk.run("read processingunits (warm-up)", warmup, reading);
			Wrk.Result reads = wrk.run("read processingunits by ID, random among " + listed.size(), duration, reading);
			// Reads spread over more objects than the cache holds: mostly from the
			// database.
			String readingCreated = headers + readScript(kind, created);
			wrk.run("read " + kind + " (warm-up)", Duration.ofSeconds(Math.min(10, warmup.toSeconds())),
					readingCreated);
			Wrk.Result uncached = wrk.run("read " + kind + " by ID, random among the " + created.size() + " created",
					duration, readingCreated);
			String listing = headers(console.token(), LISTED)
					+ listScript("processingunits", Math.max(1, listObjects / 100));
			wrk.run("list processingunits (warm-up)", warmup, listing);
			Wrk.Result lists = wrk.run("list processingunits, random pages of 100 among " + listObjects, duration,
					listing);
			String floor = headers + "wrk.path = \"/benchmark/floor\"\n";
			wrk.run("floor (warm-up)", warmup, floor);
			Wrk.Result floors = wrk.run("floor: GET /benchmark/floor", duration, floor);
			System.out.printf(Locale.ROOT,
					"%nRESULT creates: %s%nRESULT reads: %s (%.0f%% of the floor)%n"
							+ "RESULT reads among the created (more than the cache holds): %s%nRESULT lists: %s%n"
							+ "RESULT floor: %s%n",
					creates, reads, 100 * reads.rate() / floors.rate(), uncached, lists, floors);

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

	/**
	 * The headers of every request; each thread numbers its own (global {@code index}).
	 */
	private static String headers(String token, String namespace) {
		return """
				wrk.headers["Authorization"] = "Bearer %s"
				wrk.headers["Accept"] = "application/json"
				wrk.headers["X-Namespace"] = "%s"
				local threads = 0
				function setup(thread)
				  thread:set("index", threads)
				  threads = threads + 1
				end
				""".formatted(token, namespace);
	}

	/**
	 * Creates, each with a unique name (and address): thread {@code index} of a phase
	 * whose first number is the script's argument numbers its own range.
	 */
	static String createScript(String kind) {
		String body = switch (kind) {
			case "processingunits" -> "string.format('{\"name\":\"pu-%d\",\"addresses\":[\"10.%d.%d.%d\"],"
					+ "\"associatedTags\":[\"app=app%d\",\"env=prod\"]}', n, math.floor(n / 65536) % 256, "
					+ "math.floor(n / 256) % 256, n % 256, n % 20)";
			case "networkaccesspolicies" -> "string.format('{\"name\":\"policy-%d\",\"subject\":[[\"app=app%d\"]],"
					+ "\"object\":[[\"app=app%d\"]],\"ports\":[\"tcp/%d\"]}', n, n % 20, (n + 1) % 20, 1 + n % 60000)";
			default -> throw new IllegalArgumentException("--kind must be processingunits or networkaccesspolicies");
		};
		return """
				wrk.method = "POST"
				wrk.path = "/%s"
				wrk.headers["Content-Type"] = "application/json"
				local n = 0
				function init(args)
				  n = tonumber(args[1]) + index * %d
				end
				function request()
				  n = n + 1
				  return wrk.format(nil, nil, nil, %s)
				end
				""".formatted(kind, NUMBERS_PER_THREAD, body);
	}

	/** Reads of random objects among {@code ids}. */
	static String readScript(String kind, List<String> ids) {
		return """
				local ids = {"%s"}
				function init(args)
				  math.randomseed(index + 1)
				end
				function request()
				  return wrk.format("GET", "/%s/" .. ids[math.random(#ids)])
				end
				""".formatted(String.join("\",\"", ids), kind);
	}

	/** Random pages of 100 among {@code pages}. */
	static String listScript(String kind, int pages) {
		return """
				function init(args)
				  math.randomseed(index + 1)
				end
				function request()
				  return wrk.format("GET", "/%s?pagesize=100&page=" .. math.random(%d))
				end
				""".formatted(kind, pages);
	}

	/** The IDs of every object of the kind in the namespace. */
	private static List<String> ids(Api api, String kind, String namespace) throws IOException, InterruptedException {
		List<String> ids = new ArrayList<>();
		for (int page = 1;; page++) {
			JsonNode objects = api.get("/" + kind + "?pagesize=1000&page=" + page, namespace).expect(200).json();
			objects.forEach((object) -> ids.add(object.get("ID").asString()));
			if (objects.size() < 1000) {
				return ids;
			}
		}
	}

	/** {@code units} processing units for the list phase (addresses in 172.16.0.0/12). */
	static String listDocument(int units) {
		StringBuilder json = new StringBuilder(units * 100);
		json.append("{\"label\":\"bench-list\",\"data\":{\"processingunits\":[");
		for (int i = 0; i < units; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"name\":\"listed-")
				.append(i)
				.append("\",\"addresses\":[\"172.")
				.append(16 + ((i >> 16) & 15))
				.append('.')
				.append((i >> 8) & 255)
				.append('.')
				.append(i & 255)
				.append("\"],\"associatedTags\":[\"app=app")
				.append(i % 20)
				.append("\",\"env=prod\"]}");
		}
		return json.append("]}}").toString();
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
