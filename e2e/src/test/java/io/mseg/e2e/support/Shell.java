package io.mseg.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs short commands with a hard timeout and captures their output.
 */
public final class Shell {

	private Shell() {
	}

	/**
	 * The result of a command.
	 *
	 * @param exitCode its exit code, -1 when it timed out
	 * @param output standard output and error
	 */
	public record Result(int exitCode, String output) {

		public boolean ok() {
			return this.exitCode == 0;
		}

	}

	public static Result run(Duration timeout, List<String> command) {
		return run(timeout, command, null);
	}

	public static Result run(Duration timeout, String... command) {
		return run(timeout, List.of(command), null);
	}

	/**
	 * Runs a command to its end or its timeout.
	 * @param timeout the longest time it may take (then it is killed)
	 * @param command the command
	 * @param input its standard input, or {@code null} for none
	 * @return its exit code and output
	 */
	public static Result run(Duration timeout, List<String> command, String input) {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return new Result(127, "cannot run " + command + ": " + ex.getMessage());
		}
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
		try (OutputStream stdin = process.getOutputStream()) {
			if (input != null) {
				stdin.write(input.getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			// the command does not read its input
		}
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				process.waitFor(5, TimeUnit.SECONDS);
				return new Result(-1, output.getNow("") + "\n(timed out after " + timeout + ")");
			}
			return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS));
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return new Result(-1, "interrupted");
		}
		catch (Exception ex) {
			return new Result(process.exitValue(), "");
		}
	}

	/**
	 * Runs a command and fails when it fails.
	 * @param command the command
	 * @return its output
	 */
	public static String check(String... command) {
		Result result = run(Duration.ofSeconds(30), command);
		if (!result.ok()) {
			throw new IllegalStateException(
					String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output().strip());
		}
		return result.output();
	}

	/**
	 * Kills processes and everything they started, and waits for them.
	 * @param processes the processes
	 */
	public static void killAll(List<Process> processes) {
		for (Process process : processes) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
		for (Process process : processes) {
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static String read(InputStream in) {
		try (in) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			in.transferTo(bytes);
			return bytes.toString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
