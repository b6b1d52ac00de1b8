package io.mseg.benchmarks.flows;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.mseg.benchmarks.console.Api;
import io.mseg.benchmarks.console.ConsoleProcess;
import io.mseg.benchmarks.console.Options;
import io.mseg.benchmarks.console.Stats;
import io.mseg.benchmarks.console.Trust;
import io.mseg.benchmarks.fanout.EnforcerKeys;
import io.mseg.benchmarks.fanout.Enrollment;
import io.mseg.benchmarks.fanout.MtlsHttp;

/**
 * Flow reports (issue 17, docs/benchmarks.md section 7) against a real console on its
 * embedded PostgreSQL. (1) Ingest: {@code --enforcers} simulated enforcers (100), each
 * enrolled with its own key and certificate and registering {@code --units} units (10),
 * send batches of {@code --batch} aggregated records (500) back to back over their own
 * keep-alive mTLS connection, for {@code --duration} (30s; 60s with {@code --full}) after
 * {@code --warmup} (10s; 20s). (2) Query: {@code --rows} records (1,000,000; 10,000,000
 * with {@code --full}) are bulk-loaded with SQL {@code generate_series}, spread evenly
 * over the last 7 days, then filtered {@code GET /flowreports} over the last hour are
 * timed one after the other ({@code --queries}, 200 per filter, after 20 warm-ups).
 * {@code --phase=ingest} or {@code --phase=query} runs one of the two on a fresh console
 * (the ingest phase stores its records in the last minutes, which would make "the last
 * hour" of the query phase far busier than a week of 10 million records).
 */
public final class FlowLoad {

	private static final int TENANTS = 10;

	/** Batch bodies built ahead per simulated enforcer. */
	private static final int BODIES = 4;

	/** Where a body's batch ID ends: {@code {"batchID":"<36 characters>}. */
	private static final int BATCH_ID_END = "{\"batchID\":\"".length() + 36;

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private final Options options;

	private final EnforcerKeys keys = new EnforcerKeys();

	private FlowLoad(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		new FlowLoad(Options.parse(args)).run();
	}

	/** A simulated enforcer: its ID, tenant, units and policies it names. */
	record Sim(String id, String tenant, List<String> units, List<String> addresses, List<String> policies) {

	}

	private void run() throws Exception {
		int enforcers = this.options.integer("enforcers", 100, 100);
		int units = this.options.integer("units", 10, 10);
		int batch = this.options.integer("batch", 500, 500);
		Duration duration = this.options.duration("duration", "30s", "60s");
		Duration warmup = this.options.duration("warmup", "10s", "20s");
		long rows = this.options.integer("rows", 1_000_000, 10_000_000);
		int queries = this.options.integer("queries", 200, 200);
		System.out.printf(
				"Flow load: %d enforcers x %d units, batches of %d records, %s after %s of warm-up; then %,d rows "
						+ "over 7 days and %d queries per filter; Java %s, %d cores%n",
				enforcers, units, batch, duration, warmup, rows, queries, Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		try (ConsoleProcess console = ConsoleProcess.start(this.options)) {
			Api api = new Api(console, console.token());
			api.post("/namespaces", "/", "{\"name\":\"flows\"}").expect(201);
			List<String> tenants = new ArrayList<>();
			List<List<String>> policies = new ArrayList<>();
			for (int t = 0; t < TENANTS; t++) {
				api.post("/namespaces", "/flows", "{\"name\":\"t" + t + "\"}").expect(201);
				String tenant = "/flows/t" + t;
				tenants.add(tenant);
				List<String> own = new ArrayList<>();
				for (int p = 0; p < 5; p++) {
					own.add(api
						.post("/networkaccesspolicies", tenant,
								"{\"name\":\"p" + p + "\",\"logsEnabled\":true,\"subject\":[[\"app=a" + p
										+ "\"]],\"object\":[[\"app=b" + p + "\"]]}")
						.expect(201)
						.json()
						.get("ID")
						.asString());
				}
				policies.add(own);
			}
			MtlsHttp http = new MtlsHttp(sslContext(console).getSocketFactory(), console.port());
			List<Sim> sims = enroll(console, api, http, tenants, policies, enforcers, units);

			String phase = this.options.string("phase", "both", "both");
			if (!phase.equals("query")) {
				ingest("ingest (warm-up)", console, sims, batch, warmup);
				Result result = ingest("ingest", console, sims, batch, duration);
				System.out.printf("%nRESULT ingest: %s%n", result);
			}
			if (!phase.equals("ingest")) {
				bulkLoad(console, rows);
				query(console, api, sims, queries);
			}
		}
	}

	private SSLContext sslContext(ConsoleProcess console) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(new KeyManager[] { this.keys }, Trust.of(console.ca()), null);
		return context;
	}

	private List<Sim> enroll(ConsoleProcess console, Api api, MtlsHttp http, List<String> tenants,
			List<List<String>> policies, int enforcers, int units) throws Exception {
		List<Sim> sims = new CopyOnWriteArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<?>> work = new ArrayList<>();
		for (int i = 0; i < enforcers; i++) {
			int n = i;
			String tenant = tenants.get(n % tenants.size());
			List<String> own = policies.get(n % tenants.size());
			String token = api.post("/enrollmenttokens", tenant, "{\"maxUses\":1}")
				.expect(201)
				.json()
				.get("token")
				.asString();
			work.add(pool.submit(() -> {
				Enrollment.Enrolled enrolled = Enrollment.enroll(new Api(console, token), "flows-" + n);
				this.keys.add(enrolled.id(), enrolled.keys().getPrivate(),
						Trust.certificate(enrolled.certificatePem()));
				StringBuilder declared = new StringBuilder("[");
				for (int u = 0; u < units; u++) {
					declared.append((u > 0) ? "," : "")
						.append("{\"name\":\"u-")
						.append(n)
						.append('-')
						.append(u)
						.append("\",\"addresses\":[\"10.")
						.append(100 + n / 250)
						.append('.')
						.append(n % 250)
						.append('.')
						.append(u + 1)
						.append("\"],\"associatedTags\":[\"app=a")
						.append(u % 5)
						.append("\"]}");
				}
				StringBuilder body = new StringBuilder();
				int status = http.exchange(enrolled.id(), "PUT", "/enforcers/" + enrolled.id() + "/processingunits",
						declared.append(']').toString(), body);
				if (status != 200) {
					throw new IllegalStateException("registering units answered " + status + ": " + body);
				}
				var registered = JSON.readTree(body.toString());
				List<String> ids = new ArrayList<>();
				List<String> addresses = new ArrayList<>();
				registered.forEach((unit) -> {
					ids.add(unit.get("ID").asString());
					addresses.add(unit.get("addresses").get(0).asString());
				});
				sims.add(new Sim(enrolled.id(), tenant, ids, addresses, own));
				return null;
			}));
		}
		for (Future<?> done : work) {
			done.get();
		}
		pool.shutdown();
		System.out.printf("%d enforcers enrolled, %d units registered%n", sims.size(), sims.size() * units);
		return sims;
	}

	/**
	 * What the ingest measured.
	 *
	 * @param records records stored
	 * @param batches batches stored
	 * @param refused batches refused (any status but 204)
	 * @param seconds how long
	 * @param latency per batch
	 */
	record Result(long records, long batches, long refused, double seconds, Stats latency) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%,.0f records/s (%,d records in %,d batches in %.1f s, %d refused); batch latency %s",
					this.records / this.seconds, this.records, this.batches, this.seconds, this.refused,
					this.latency.millis());
		}

	}

	private Result ingest(String name, ConsoleProcess console, List<Sim> sims, int batch, Duration duration)
			throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		AtomicLong records = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
		List<long[]> latencies = new CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		for (Sim sim : sims) {
			Thread thread = new Thread(() -> {
				long[] mine = new long[256];
				int count = 0;
				SplittableRandom random = new SplittableRandom(sim.id().hashCode());
				SSLSocket socket = null;
				try {
					MtlsHttp http = new MtlsHttp(sslContext(console).getSocketFactory(), console.port());
					socket = http.connect(sim.id());
					String path = "/enforcers/" + sim.id() + "/flowreports";
					// A few bodies built ahead, each sent with a new batch ID: the load
					// generator shares the two cores with the console, and building
					// 2,000 records per request would take much of them.
					String[] bodies = new String[BODIES];
					for (int b = 0; b < BODIES; b++) {
						bodies[b] = batch(sim, batch, random);
					}
					int sentBatches = 0;
					while (System.nanoTime() < end) {
						String template = bodies[sentBatches++ % BODIES];
						String body = "{\"batchID\":\"" + UUID.randomUUID() + template.substring(BATCH_ID_END);
						long sent = System.nanoTime();
						MtlsHttp.Answer answer = MtlsHttp.send(socket, "POST", path, body, false);
						if (answer.status() != 204) {
							refused.incrementAndGet();
							failures.computeIfAbsent(answer.status() + " " + answer.bodyText(), (k) -> new AtomicLong())
								.incrementAndGet();
							continue;
						}
						long nanos = System.nanoTime() - sent;
						records.addAndGet(batch);
						if (count == mine.length) {
							mine = Arrays.copyOf(mine, count * 2);
						}
						mine[count++] = nanos;
					}
				}
				catch (IOException | GeneralSecurityException | RuntimeException ex) {
					failures.computeIfAbsent(ex.toString(), (k) -> new AtomicLong()).incrementAndGet();
				}
				finally {
					latencies.add(Arrays.copyOf(mine, count));
					if (socket != null) {
						try {
							socket.close();
						}
						catch (IOException ex) {
							// gone
						}
					}
				}
			}, "enforcer-" + sim.id());
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
		Result result = new Result(records.get(), all.length, refused.get(), seconds, Stats.of(all));
		System.out.printf("%s: %s%n", name, result);
		failures.forEach((failure, n) -> System.out.printf("  %d x %s%n", n.get(), failure));
		return result;
	}

	/**
	 * A batch as an enforcer sends it after aggregating: records of its units over the
	 * last minutes, a quarter outgoing, a third rejected, some observed, most decided by
	 * a policy and the rest by the default reject.
	 */
	static String batch(Sim sim, int size, SplittableRandom random) {
		StringBuilder json = new StringBuilder(size * 330);
		json.append("{\"batchID\":\"")
			.append(UUID.randomUUID())
			.append("\",\"dropped\":{\"flows\":0,\"records\":0},\"records\":[");
		Instant now = Instant.now();
		for (int i = 0; i < size; i++) {
			int unit = random.nextInt(sim.units().size());
			boolean outgoing = random.nextInt(4) == 0;
			boolean defaultReject = random.nextInt(5) == 0;
			boolean reject = defaultReject || random.nextInt(3) == 0;
			String remote = "198.51." + random.nextInt(100) + "." + (1 + random.nextInt(250));
			json.append((i > 0) ? "," : "")
				.append("{\"time\":\"")
				.append(now.minusSeconds(10L * random.nextInt(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
				.append("\",\"count\":")
				.append(1 + random.nextInt(20))
				.append(",\"processingUnitID\":\"")
				.append(sim.units().get(unit))
				.append("\",\"direction\":\"")
				.append(outgoing ? "Outgoing" : "Incoming")
				.append("\",\"protocol\":\"tcp\",\"sourceAddress\":\"")
				.append(outgoing ? sim.addresses().get(unit) : remote)
				.append("\",\"destinationAddress\":\"")
				.append(outgoing ? remote : sim.addresses().get(unit))
				.append("\",\"destinationPort\":")
				.append(outgoing ? 443 : 8000 + random.nextInt(100))
				.append(",\"action\":\"")
				.append(reject ? "Reject" : "Allow")
				.append("\",\"observed\":")
				.append(!defaultReject && random.nextInt(10) == 0)
				.append(",\"reason\":\"")
				.append(defaultReject ? "DefaultReject\""
						: "Policy\",\"policyID\":\"" + sim.policies().get(random.nextInt(sim.policies().size())) + "\"")
				.append('}');
		}
		return json.append("]}").toString();
	}

	/**
	 * Loads {@code rows} records straight into {@code flow_records} with
	 * {@code generate_series}, in chunks of a million, their times spread evenly over the
	 * last 7 days and their units, namespaces and policies those of the simulated
	 * enforcers; then ANALYZE.
	 */
	private void bulkLoad(ConsoleProcess console, long rows) throws IOException, SQLException {
		String port = Files.readAllLines(console.dataDir().resolve("postgres").resolve("postmaster.pid"))
			.get(3)
			.strip();
		String password = Files.readString(console.dataDir().resolve("embedded-db-password")).strip();
		try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/mseg", "mseg",
				password); Statement sql = db.createStatement()) {
			sql.execute("create temporary table bench_units as select row_number() over (order by u.id) - 1 as i, "
					+ "u.id, u.namespace, u.enforcer_id::uuid as enforcer_id, a.address, "
					+ "(select array_agg(p.id order by p.id) from network_policies p where p.namespace = u.namespace) "
					+ "as policies from processing_units u join processing_unit_addresses a "
					+ "on a.processing_unit_id = u.id where u.namespace like '/flows/%'");
			long units = count(sql, "select count(*) from bench_units");
			long start = System.nanoTime();
			for (long from = 0; from < rows; from += 1_000_000) {
				long to = Math.min(rows, from + 1_000_000);
				sql.execute("insert into flow_records (time, count, processing_unit_id, namespace, enforcer_id, "
						+ "direction, protocol, source_address, destination_address, destination_port, action, "
						+ "observed, reason, policy_id) select now() - (g::float8 / " + rows
						+ " * interval '7 days'), 1 + g % 20, u.id, u.namespace, u.enforcer_id, "
						+ "case when g % 4 = 0 then 'Outgoing' else 'Incoming' end, 'tcp', "
						+ "case when g % 4 = 0 then u.address else '198.51.' || (g % 100) || '.' || (1 + g % 250) end, "
						+ "case when g % 4 = 0 then '198.51.' || (g % 100) || '.' || (1 + g % 250) else u.address end, "
						+ "case when g % 4 = 0 then 443 else 8000 + g % 100 end, "
						+ "case when g % 5 = 0 or g % 3 = 0 then 'Reject' else 'Allow' end, "
						+ "g % 5 <> 0 and g % 10 = 1, case when g % 5 = 0 then 'DefaultReject' else 'Policy' end, "
						+ "case when g % 5 = 0 then null else u.policies[1 + g % 5] end " + "from generate_series("
						+ from + ", " + (to - 1) + ") g join bench_units u on u.i = (g::bigint * 7919) % " + units);
				System.out.printf("  %,d rows loaded (%.0f s)%n", to, (System.nanoTime() - start) / 1e9);
			}
			sql.execute("analyze flow_records");
			System.out.printf(Locale.ROOT,
					"RESULT bulk load: %,d rows in %.0f s (SQL generate_series, 7 indexes), "
							+ "%,d stored in all, %,d in the last hour%n",
					rows, (System.nanoTime() - start) / 1e9, count(sql, "select count(*) from flow_records"),
					count(sql, "select count(*) from flow_records where time >= now() - interval '1 hour'"));
		}
	}

	private static String countTotal(ConsoleProcess console, String path, String namespace)
			throws IOException, InterruptedException {
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.sslContext(console.trusting())
			.build();
		java.net.http.HttpResponse<String> response = client
			.send(java.net.http.HttpRequest.newBuilder(console.uri(path))
				.header("Authorization", "Bearer " + console.token())
				.header("X-Namespace", namespace)
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		return response.headers().firstValue("X-Count-Total").orElse("?");
	}

	private static long count(Statement sql, String query) throws SQLException {
		try (var result = sql.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
	}

	/**
	 * Filtered lists of the last hour, as an admin of /flows (every tenant) and of one.
	 */
	private void query(ConsoleProcess console, Api api, List<Sim> sims, int queries)
			throws IOException, InterruptedException {
		Sim sim = sims.get(0);
		String policy = sim.policies().get(1);
		String since = "since="
				+ URLEncoder.encode(Instant.now().minusSeconds(3600).toString(), StandardCharsets.UTF_8);
		Map<String, String[]> filters = new java.util.LinkedHashMap<>();
		filters.put("/flows, action=Reject", new String[] { "/flows", since + "&action=Reject" });
		filters.put("/flows, observed=true", new String[] { "/flows", since + "&observed=true" });
		filters.put("one tenant, action=Reject", new String[] { sim.tenant(), since + "&action=Reject" });
		filters.put("one tenant, policyID", new String[] { sim.tenant(), since + "&policyID=" + policy });
		filters.put("/flows, processingUnitID",
				new String[] { "/flows", since + "&processingUnitID=" + sim.units().get(0) });
		filters.put("/flows, address", new String[] { "/flows", since + "&address=" + sim.addresses().get(0) });
		filters.put("/flows, port=8042", new String[] { "/flows", since + "&port=8042" });
		for (Map.Entry<String, String[]> filter : filters.entrySet()) {
			String path = "/flowreports?" + filter.getValue()[1];
			String total = null;
			long[] latencies = new long[queries];
			for (int i = -20; i < queries; i++) {
				var response = api.get(path, filter.getValue()[0]).expect(200);
				if (i >= 0) {
					latencies[i] = response.nanos();
				}
			}
			total = countTotal(console, path, filter.getValue()[0]);
			System.out.printf("RESULT query last hour, %s (X-Count-Total %s, page of 100): %s%n", filter.getKey(),
					total, Stats.of(latencies).millis());
		}
	}

}
