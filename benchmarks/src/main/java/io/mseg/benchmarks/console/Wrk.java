package io.mseg.benchmarks.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wrk HTTP load generator ({@code apt-get install wrk}) against a console: a fixed
 * number of keep-alive HTTPS/1.1 connections on a few threads (epoll, a few microseconds
 * of CPU per request, so that the console rather than the generator gets the shared
 * cores), each request made by a Lua script.
 */
public final class Wrk {

	private static final Pattern RATE = Pattern.compile("(?m)^\\s*(\\d+) requests in ([0-9.]+)(us|ms|s|m),");

	private static final Pattern PERCENTILE = Pattern.compile("(?m)^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s|m)\\s*$");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern MAX = Pattern.compile("(?m)^\\s+Latency\\s+\\S+\\s+\\S+\\s+([0-9.]+)(us|ms|s|m)");

	private final String baseUri;

	private final int threads;

	private final int connections;

	private final Path scripts;

	/**
	 * @param baseUri where requests go, such as {@code https://localhost:18443}
	 * @param threads wrk's threads
	 * @param connections the connections, spread over the threads
	 */
	public Wrk(String baseUri, int threads, int connections) throws IOException {
		this.baseUri = baseUri;
		this.threads = threads;
		this.connections = connections;
		this.scripts = Files.createTempDirectory("mseg-wrk-");
	}

	/**
	 * Runs one phase.
	 * @param name what it measures, in the report
	 * @param duration how long
	 * @param script the Lua script (its {@code request} function makes each request)
	 * @param arguments handed to the script's {@code init}
	 * @return what wrk measured
	 */
	public Result run(String name, Duration duration, String script, String... arguments)
			throws IOException, InterruptedException {
		Path file = Files.createTempFile(this.scripts, "phase-", ".lua");
		Files.writeString(file, script);
		List<String> command = new ArrayList<>(
				List.of("wrk", "-t" + this.threads, "-c" + this.connections, "-d" + duration.toSeconds() + "s",
						"--timeout", "30s", "--latency", "-s", file.toString(), this.baseUri));
		if (arguments.length > 0) {
			command.add("--");
			command.addAll(List.of(arguments));
		}
		Process wrk;
		try {
			wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("wrk is not installed (apt-get install wrk): " + ex.getMessage(), ex);
		}
		String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
			wrk.destroyForcibly();
			throw new IllegalStateException("wrk failed: " + output);
		}
		Result result = Result.parse(output);
		System.out.printf("%s: %s%n", name, result);
		return result;
	}

	/**
	 * What a phase measured.
	 *
	 * @param requests answered requests
	 * @param errors non-2xx answers and socket errors
	 * @param seconds the phase's length
	 * @param p50 median latency, ms
	 * @param p90 ms
	 * @param p99 ms
	 * @param max ms
	 */
	public record Result(long requests, long errors, double seconds, double p50, double p90, double p99, double max) {

		/** Successful requests per second. */
		public double rate() {
			return (this.requests - Math.min(this.errors, this.requests)) / this.seconds;
		}

		static Result parse(String output) {
			Matcher rate = RATE.matcher(output);
			if (!rate.find()) {
				throw new IllegalStateException("no result in wrk's output: " + output);
			}
			double[] percentiles = new double[3];
			Matcher percentile = PERCENTILE.matcher(output);
			while (percentile.find()) {
				int index = switch (percentile.group(1)) {
					case "50" -> 0;
					case "90" -> 1;
					default -> 2;
				};
				percentiles[index] = millis(percentile.group(2), percentile.group(3));
			}
			long errors = 0;
			Matcher non2xx = NON_2XX.matcher(output);
			if (non2xx.find()) {
				errors += Long.parseLong(non2xx.group(1));
			}
			Matcher socket = SOCKET_ERRORS.matcher(output);
			if (socket.find()) {
				for (int i = 1; i <= 4; i++) {
					errors += Long.parseLong(socket.group(i));
				}
			}
			Matcher max = MAX.matcher(output);
			return new Result(Long.parseLong(rate.group(1)), errors, millis(rate.group(2), rate.group(3)) / 1000,
					percentiles[0], percentiles[1], percentiles[2],
					max.find() ? millis(max.group(1), max.group(2)) : 0);
		}

		private static double millis(String value, String unit) {
			double number = Double.parseDouble(value);
			return switch (unit) {
				case "us" -> number / 1000;
				case "s" -> number * 1000;
				case "m" -> number * 60_000;
				default -> number;
			};
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%.0f requests/s (%d in %.1f s, %d errors); latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
							+ "max %.2f ms",
					rate(), this.requests, this.seconds, this.errors, this.p50, this.p90, this.p99, this.max);
		}

	}

}
