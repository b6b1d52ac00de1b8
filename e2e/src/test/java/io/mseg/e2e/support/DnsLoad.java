package io.mseg.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DNS load generator for the benchmarks: sends A queries over UDP straight to a
 * resolver's address on port 53 (what a host's stub resolver does, so the enforcer's
 * redirect applies to them exactly as to an application's lookups), one new socket per
 * query as {@code getaddrinfo} opens one, and times each from send to answer. Run inside
 * a host's namespace by {@link #run}, in a JVM of its own, with only the JDK on its class
 * path; the wire format is the few bytes of RFC 1035 a question needs (this client only
 * asks, it interprets nothing beyond the header).
 * <p>
 * Arguments: {@code --server ADDRESS --names PATTERN --count N [--warmup N]
 * [--concurrency N] [--timeout-ms N]}. The pattern has one {@code %d}: the queries ask
 * for names 1..warmup+count, each once, so no answer comes from a cache. Warm-up queries
 * run first, on the same threads, and are not counted. Every loop is bounded: each query
 * is sent once and waited for at most the timeout.
 * <p>
 * Prints one line: <pre>
 * result ok=&lt;n&gt; errors=&lt;n&gt; timeouts=&lt;n&gt; millis=&lt;elapsed&gt; p50=&lt;µs&gt; p99=&lt;µs&gt; max=&lt;µs&gt;
 * </pre> where an error is an answer that is not a NOERROR with at least one record.
 */
public final class DnsLoad {

	private static final Pattern RESULT = Pattern
		.compile("result ok=(\\d+) errors=(\\d+) timeouts=(\\d+) millis=(\\d+) p50=(-?\\d+) p99=(-?\\d+) max=(-?\\d+)");

	private final InetSocketAddress server;

	private final String names;

	private final int count;

	private final int warmup;

	private final int concurrency;

	private final int timeoutMillis;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicInteger errors = new AtomicInteger();

	private final AtomicInteger timeouts = new AtomicInteger();

	private DnsLoad(InetSocketAddress server, String names, int count, int warmup, int concurrency, int timeoutMillis) {
		this.server = server;
		this.names = names;
		this.count = count;
		this.warmup = warmup;
		this.concurrency = concurrency;
		this.timeoutMillis = timeoutMillis;
	}

	public static void main(String[] args) throws Exception {
		String server = null;
		String names = null;
		int count = 0;
		int warmup = 0;
		int concurrency = 1;
		int timeoutMillis = 2000;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--server" -> server = args[++i];
				case "--names" -> names = args[++i];
				case "--count" -> count = Integer.parseInt(args[++i]);
				case "--warmup" -> warmup = Integer.parseInt(args[++i]);
				case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
				case "--timeout-ms" -> timeoutMillis = Integer.parseInt(args[++i]);
				default -> throw new IllegalArgumentException("unknown argument " + args[i]);
			}
		}
		if (server == null || names == null || count <= 0) {
			throw new IllegalArgumentException("--server, --names and --count are required");
		}
		new DnsLoad(new InetSocketAddress(InetAddress.getByName(server), 53), names, count, warmup, concurrency,
				timeoutMillis)
			.generate();
	}

	/**
	 * Runs the generator inside a host's namespace and reads its result.
	 * @param host where it runs
	 * @param timeout the longest it may take
	 * @param server the resolver's address
	 * @param names the name pattern, with one {@code %d}
	 * @param count how many queries are counted
	 * @param warmup how many are sent first and not counted
	 * @param concurrency how many are in flight at once
	 * @return what it measured
	 */
	public static Result run(Host host, Duration timeout, String server, String names, int count, int warmup,
			int concurrency) {
		List<String> command = List.of("ip", "netns", "exec", host.ns(), ConsoleProcess.java(), "-Xshare:auto",
				"-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", classes().toString(), DnsLoad.class.getName(), "--server",
				server, "--names", names, "--count", Integer.toString(count), "--warmup", Integer.toString(warmup),
				"--concurrency", Integer.toString(concurrency));
		Shell.Result result = Shell.run(timeout, command);
		Matcher matcher = RESULT.matcher(result.output());
		if (!matcher.find()) {
			throw new IllegalStateException("the DNS load generator in " + host + " did not finish (exit "
					+ result.exitCode() + "):\n" + result.output());
		}
		return new Result(count, Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3)), Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5)),
				Long.parseLong(matcher.group(6)), Long.parseLong(matcher.group(7)));
	}

	private static Path classes() {
		try {
			return Path.of(DnsLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void generate() throws InterruptedException {
		runPhase(this.warmup, new long[0]);
		this.errors.set(0);
		this.timeouts.set(0);
		long[] latencies = new long[this.count];
		Arrays.fill(latencies, -1);
		long start = System.nanoTime();
		runPhase(this.count, latencies);
		long elapsed = System.nanoTime() - start;
		long[] answered = Arrays.stream(latencies).filter((latency) -> latency >= 0).sorted().toArray();
		System.out.println("result ok=" + (answered.length - this.errors.get()) + " errors=" + this.errors.get()
				+ " timeouts=" + this.timeouts.get() + " millis=" + elapsed / 1_000_000 + " p50="
				+ percentile(answered, 50) + " p99=" + percentile(answered, 99) + " max="
				+ ((answered.length > 0) ? answered[answered.length - 1] / 1000 : -1));
		System.out.flush();
	}

	/** Sends {@code queries} queries from the threads; records latencies if it can. */
	private void runPhase(int queries, long[] latencies) throws InterruptedException {
		int offset = this.next.get();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < this.concurrency; t++) {
			Thread thread = new Thread(() -> {
				for (int i = this.next.getAndIncrement(); i < offset + queries; i = this.next.getAndIncrement()) {
					long latency = query(String.format(this.names, i + 1));
					if (latencies.length > 0) {
						latencies[i - offset] = latency;
					}
				}
			}, "dns-load-" + t);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		// The threads each took one index past the end.
		this.next.set(offset + queries);
	}

	/** One query: its latency in nanoseconds, or -1 when no answer came in time. */
	private long query(String name) {
		byte[] query = question(name);
		byte[] buffer = new byte[4096];
		try (DatagramSocket socket = new DatagramSocket()) {
			socket.connect(this.server);
			socket.setSoTimeout(this.timeoutMillis);
			long start = System.nanoTime();
			socket.send(new DatagramPacket(query, query.length));
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			// Bounded: the socket is connected, and anything but our answer ends it too.
			socket.receive(packet);
			long latency = System.nanoTime() - start;
			boolean ours = packet.getLength() >= 12 && buffer[0] == query[0] && buffer[1] == query[1];
			int rcode = buffer[3] & 0x0f;
			int answers = ((buffer[6] & 0xff) << 8) | (buffer[7] & 0xff);
			if (!ours || rcode != 0 || answers == 0) {
				this.errors.incrementAndGet();
			}
			return latency;
		}
		catch (SocketTimeoutException ex) {
			this.timeouts.incrementAndGet();
			return -1;
		}
		catch (IOException ex) {
			this.errors.incrementAndGet();
			return -1;
		}
	}

	/**
	 * What a run measured.
	 *
	 * @param queries how many queries were counted
	 * @param ok answered with records
	 * @param errors answered otherwise, or failed to send
	 * @param timeouts not answered in time
	 * @param millis how long the counted queries took
	 * @param p50 the median latency, in microseconds
	 * @param p99 the 99th percentile, in microseconds
	 * @param max the longest, in microseconds
	 */
	public record Result(int queries, int ok, int errors, int timeouts, long millis, long p50, long p99, long max) {

		/** Answered lookups per second. */
		public double rate() {
			return this.ok * 1000.0 / Math.max(1, this.millis);
		}

	}

	/** A standard query for the A records of a name, recursion desired. */
	static byte[] question(String name) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int id = ThreadLocalRandom.current().nextInt(0x10000);
		out.writeBytes(new byte[] { (byte) (id >> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 });
		for (String label : name.split("\\.")) {
			byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
			out.write(bytes.length);
			out.writeBytes(bytes);
		}
		out.writeBytes(new byte[] { 0, 0, 1, 0, 1 });
		return out.toByteArray();
	}

	/** The nearest-rank percentile, in microseconds. */
	private static long percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return -1;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)] / 1000;
	}

}
