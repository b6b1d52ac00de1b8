package io.mseg.benchmarks.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import io.mseg.benchmarks.console.Api;
import io.mseg.benchmarks.console.ConsoleProcess;
import io.mseg.benchmarks.console.Options;
import io.mseg.benchmarks.console.Stats;

/**
 * Fan-out (docs/benchmarks.md): N simulated enforcers hold mTLS event streams to one real
 * console; a policy selecting all of them is edited, and each edit's event is timed from
 * the API call's answer to its arrival at each enforcer. Also the console's heap per open
 * stream. Options: {@code --enforcers} (200; 10,000 with {@code --full}),
 * {@code --changes} (10; 20) after {@code --warmup-changes} (2) that are shown but not
 * counted, {@code --virtual-threads} (Java 21+), {@code --histogram} (write the console's
 * class histogram with the streams open to its data directory), and those of
 * {@link ConsoleProcess#start}.
 */
public final class FanOut {

	private static final String NAMESPACE = "/bench";

	private final Options options;

	private final int enforcers;

	private final int changes;

	/** The first changes, not counted: they run the console's push path cold (JIT). */
	private final int warmupChanges;

	private final EnforcerKeys keys = new EnforcerKeys();

	private final String[] ids;

	/** Arrival time (nanoTime) of each change's event at each enforcer; 0 = not yet. */
	private final long[][] arrivals;

	private final AtomicIntegerArray received;

	private volatile int currentChange = -1;

	private final AtomicInteger openStreams = new AtomicInteger();

	private final AtomicInteger failedStreams = new AtomicInteger();

	private final AtomicInteger unexpectedEvents = new AtomicInteger();

	private FanOut(Options options) {
		this.options = options;
		this.enforcers = options.integer("enforcers", 200, 10_000);
		this.warmupChanges = options.integer("warmup-changes", 2, 2);
		this.changes = this.warmupChanges + options.integer("changes", 10, 20);
		this.ids = new String[this.enforcers];
		this.arrivals = new long[this.changes][this.enforcers];
		this.received = new AtomicIntegerArray(this.changes);
	}

	public static void main(String[] args) throws Exception {
		FanOut fanOut = new FanOut(Options.parse(args));
		fanOut.run();
	}

	private void run() throws Exception {
		System.out.printf("fan-out: %d enforcers, %d changes, Java %s, %d cores%n", this.enforcers, this.changes,
				Runtime.version(), Runtime.getRuntime().availableProcessors());
		try (ConsoleProcess console = ConsoleProcess.start(this.options)) {
			Api admin = new Api(console, console.token());
			admin.post("/namespaces", "/", "{\"name\":\"bench\"}").expect(201);
			admin
				.post("/externalnetworks", NAMESPACE,
						"{\"name\":\"bench-target\",\"entries\":[\"203.0.113.0/24\"],"
								+ "\"associatedTags\":[\"ext=bench-target\"]}")
				.expect(201);
			String policyId = admin.post("/networkaccesspolicies", NAMESPACE, policy(0))
				.expect(201)
				.json()
				.get("ID")
				.asString();
			String enrollmentToken = admin
				.post("/enrollmenttokens", NAMESPACE,
						"{\"name\":\"bench\",\"maxUses\":" + this.enforcers + ",\"tags\":[\"bench=fanout\"]}")
				.expect(201)
				.json()
				.get("token")
				.asString();

			MtlsHttp http = new MtlsHttp(sslContext(console).getSocketFactory(), console.port());
			enrollAndRegister(new Api(console, enrollmentToken), http, console.ca());

			ConsoleProcess.Memory before = console.memoryAfterGc();
			List<Thread> streams = openStreams(http);
			ConsoleProcess.Memory after = console.memoryAfterGc();
			int open = Math.max(1, this.openStreams.get());
			System.out.printf(Locale.ROOT,
					"console heap used after GC: %.1f MiB before the streams, %.1f MiB with %d streams: "
							+ "%.1f KiB per stream%n",
					before.heap() / 1048576.0, after.heap() / 1048576.0, this.openStreams.get(),
					(after.heap() - before.heap()) / 1024.0 / open);
			System.out.printf(Locale.ROOT,
					"console direct buffers: %.1f MiB before, %.1f MiB with the streams (%.1f KiB per stream); "
							+ "resident set: %.1f MiB before, %.1f MiB with the streams (%.1f KiB per stream)%n",
					before.direct() / 1048576.0, after.direct() / 1048576.0,
					(after.direct() - before.direct()) / 1024.0 / open, before.resident() / 1048576.0,
					after.resident() / 1048576.0, (after.resident() - before.resident()) / 1024.0 / open);
			if (this.options.flag("histogram")) {
				Path histogram = console.dataDir().resolve("histogram-with-streams.txt");
				Files.writeString(histogram, console.jcmd("GC.class_histogram"));
				System.out.printf("class histogram of the console with the streams open: %s%n", histogram);
			}
			Thread.sleep(2000);
			measureChanges(admin, policyId);
			streams.forEach(Thread::interrupt);
		}
	}

	private String policy(int change) {
		return "{\"name\":\"bench-egress\",\"action\":\"Allow\",\"applyPolicyMode\":\"OutgoingTraffic\","
				+ "\"subject\":[[\"bench=fanout\"]],\"object\":[[\"ext=bench-target\"]],\"ports\":[\"tcp/"
				+ (1000 + change) + "\"]}";
	}

	private SSLContext sslContext(ConsoleProcess console) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		TrustManager[] trust = io.mseg.benchmarks.console.Trust.of(console.ca());
		context.init(new javax.net.ssl.KeyManager[] { this.keys }, trust, null);
		return context;
	}

	private void enrollAndRegister(Api enrolling, MtlsHttp http, X509Certificate ca) throws Exception {
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(this.options.integer("setup-threads", 8, 8));
		List<Future<?>> work = new ArrayList<>();
		AtomicInteger done = new AtomicInteger();
		for (int i = 0; i < this.enforcers; i++) {
			int n = i;
			work.add(pool.submit(() -> {
				Enrollment.Enrolled enrolled = Enrollment.enroll(enrolling, "bench-" + n);
				this.keys.add(enrolled.id(), enrolled.keys().getPrivate(),
						io.mseg.benchmarks.console.Trust.certificate(enrolled.certificatePem()));
				this.ids[n] = enrolled.id();
				String address = "10." + (100 + (n >> 16)) + "." + ((n >> 8) & 255) + "." + (n & 255);
				StringBuilder body = new StringBuilder();
				int status = http.exchange(enrolled.id(), "PUT", "/enforcers/" + enrolled.id() + "/processingunits",
						"[{\"name\":\"bench-unit-" + n + "\",\"addresses\":[\"" + address + "\"]}]", body);
				if (status != 200) {
					throw new IllegalStateException(
							"registering the units of " + enrolled.id() + " answered " + status + ": " + body);
				}
				int count = done.incrementAndGet();
				if (count % 1000 == 0) {
					System.out.printf("  %d enforcers enrolled and registered%n", count);
				}
				return null;
			}));
		}
		for (Future<?> future : work) {
			future.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT,
				"enrolled %d enforcers and registered one unit each in %.1f s (%.0f per second)%n", this.enforcers,
				seconds, this.enforcers / seconds);
	}

	private List<Thread> openStreams(MtlsHttp http) throws InterruptedException {
		ThreadFactory threads = threadFactory();
		Semaphore handshakes = new Semaphore(this.options.integer("handshakes", 32, 32));
		CountDownLatch opened = new CountDownLatch(this.enforcers);
		List<Thread> started = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < this.enforcers; i++) {
			int n = i;
			handshakes.acquire();
			Thread thread = threads.newThread(() -> stream(http, n, handshakes, opened));
			thread.start();
			started.add(thread);
		}
		if (!opened.await(10, TimeUnit.MINUTES)) {
			System.out.printf("only %d of %d streams opened in 10 minutes%n", this.openStreams.get(), this.enforcers);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "opened %d event streams in %.1f s (%.0f per second), %d failed%n",
				this.openStreams.get(), seconds, this.openStreams.get() / seconds, this.failedStreams.get());
		return started;
	}

	private void stream(MtlsHttp http, int n, Semaphore handshakes, CountDownLatch opened) {
		String id = this.ids[n];
		boolean released = false;
		try (SSLSocket socket = http.connect(id)) {
			socket.setSoTimeout(0);
			MtlsHttp.Answer answer = MtlsHttp.send(socket, "GET", "/enforcers/" + id + "/events", null, false);
			if (answer.status() != 200) {
				throw new IOException("the event stream of " + id + " answered " + answer.status());
			}
			InputStream body = answer.body();
			EventStreamReader.read(body, new EventStreamReader.Listener() {

				private boolean connected;

				@Override
				public void comment(String text) {
					if (!this.connected) {
						this.connected = true;
						FanOut.this.openStreams.incrementAndGet();
						handshakes.release();
						opened.countDown();
					}
				}

				@Override
				public void event(String name, String eventId, String data) {
					long now = System.nanoTime();
					int change = FanOut.this.currentChange;
					if (!"policy".equals(name) || change < 0 || FanOut.this.arrivals[change][n] != 0) {
						FanOut.this.unexpectedEvents.incrementAndGet();
						return;
					}
					FanOut.this.arrivals[change][n] = now;
					FanOut.this.received.incrementAndGet(change);
				}

			});
			released = true;
		}
		catch (IOException ex) {
			if (!Thread.currentThread().isInterrupted() && this.currentChange < this.changes - 1) {
				System.out.printf("stream %d (%s) failed: %s%n", n, id, ex);
			}
		}
		finally {
			if (this.openStreams.get() <= n && !released) {
				// Never opened: let the others go on.
				this.failedStreams.incrementAndGet();
				handshakes.release();
				opened.countDown();
			}
		}
	}

	private void measureChanges(Api admin, String policyId) throws IOException, InterruptedException {
		int open = this.openStreams.get();
		long[] toLast = new long[this.changes];
		long[] fromRequestToLast = new long[this.changes];
		long[] all = new long[this.changes * this.enforcers];
		int allCount = 0;
		int measured = 0;
		Duration wait = this.options.duration("change-timeout", "60s", "60s");
		for (int k = 0; k < this.changes; k++) {
			this.currentChange = k;
			long sent = System.nanoTime();
			admin.put("/networkaccesspolicies/" + policyId, NAMESPACE, policy(k + 1)).expect(200);
			long answered = System.nanoTime();
			long deadline = answered + wait.toNanos();
			while (this.received.get(k) < open && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			int got = this.received.get(k);
			long[] latencies = new long[got];
			int j = 0;
			for (long arrival : this.arrivals[k]) {
				if (arrival != 0 && j < got) {
					latencies[j++] = arrival - answered;
				}
			}
			Stats stats = Stats.of(latencies, j);
			boolean warmup = k < this.warmupChanges;
			if (!warmup) {
				toLast[measured] = stats.max();
				fromRequestToLast[measured] = stats.max() + (answered - sent);
				measured++;
				for (int i = 0; i < j; i++) {
					all[allCount++] = latencies[i];
				}
			}
			System.out.printf(Locale.ROOT,
					"%s %2d: %d/%d enforcers got the event; API call %.0f ms; after its answer: %s%n",
					warmup ? "warm-up change" : "change", k + 1, got, open, (answered - sent) / 1e6, stats.millis());
			Thread.sleep(this.options.duration("pause", "1s", "2s").toMillis());
		}
		this.currentChange = this.changes;
		Stats last = Stats.of(toLast, measured);
		System.out.printf("%nRESULT enforcers=%d streams=%d changes=%d (after %d warm-up changes)%n", this.enforcers,
				open, measured, this.warmupChanges);
		System.out.println(
				"RESULT time from the API answer to the event at the LAST enforcer, over changes: " + last.millis());
		System.out.println("RESULT the same from the API request (includes the API call): "
				+ Stats.of(fromRequestToLast, measured).millis());
		System.out.println("RESULT time from the API answer to the event, every enforcer and change: "
				+ Stats.of(all, allCount).millis());
		System.out.printf("RESULT unexpected or duplicate events: %d%n", this.unexpectedEvents.get());
	}

	/**
	 * Virtual threads on Java 21+ when asked for, else platform threads with small
	 * stacks.
	 */
	private ThreadFactory threadFactory() {
		if (this.options.flag("virtual-threads")) {
			try {
				Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
				return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("--virtual-threads needs Java 21 or newer", ex);
			}
		}
		long stack = this.options.integer("stack-kib", 256, 256) * 1024L;
		AtomicInteger number = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(null, task, "enforcer-stream-" + number.incrementAndGet(), stack);
			thread.setDaemon(true);
			return thread;
		};
	}

}
