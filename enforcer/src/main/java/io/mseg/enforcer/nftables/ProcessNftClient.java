package io.mseg.enforcer.nftables;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code <nft command> -f -} with the script on standard input. The command may be a
 * wrapper such as {@code ip netns exec h1 nft}.
 */
public final class ProcessNftClient implements NftClient {

	private final List<String> command;

	private final Duration timeout;

	/**
	 * A client.
	 * @param command the command and its arguments, e.g. {@code [nft]} or
	 * {@code [ip, netns, exec, h1, nft]}
	 * @param timeout how long one {@code nft} run may take
	 */
	public ProcessNftClient(List<String> command, Duration timeout) {
		if (command.isEmpty()) {
			throw new IllegalArgumentException("the nft command must not be empty");
		}
		this.command = List.copyOf(command);
		this.timeout = timeout;
	}

	@Override
	public void apply(String script) throws NftException {
		run(List.of("-f", "-"), script);
	}

	@Override
	public String query(List<String> arguments) throws NftException {
		return run(arguments, "");
	}

	@Override
	public String version() throws NftException {
		return run(List.of("--version"), "").strip().lines().findFirst().orElse("nft") + " ("
				+ String.join(" ", this.command) + ")";
	}

	private String run(List<String> arguments, String input) throws NftException {
		List<String> full = new ArrayList<>(this.command);
		full.addAll(arguments);
		Process process;
		try {
			process = new ProcessBuilder(full).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new NftException("cannot run '" + String.join(" ", this.command) + "': " + ex.getMessage()
					+ " (is nftables installed?)", ex);
		}
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write(input.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// nft exited early; its output says why
		}
		try {
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new NftException("'" + String.join(" ", full) + "' did not finish within " + this.timeout);
			}
			String text = output.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (process.exitValue() != 0) {
				throw new NftException("'" + String.join(" ", full) + "' failed with exit code " + process.exitValue()
						+ ": " + text.strip());
			}
			return text;
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new NftException("interrupted while running nft", ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new NftException("cannot read the output of nft: " + ex.getMessage(), ex);
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
