package io.mseg.enforcer.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.jupiter.api.Assumptions;

/**
 * What the enforcer's kernel tests share: the check that they can run (root, {@code nft},
 * {@code ip}; skipped with the reason otherwise, a failure with
 * {@code MSEG_REQUIRE_KERNEL_TESTS=true}), commands, and code run inside a network
 * namespace.
 */
public final class Kernel {

	/** {@code CLONE_NEWNET}. */
	private static final int NEWNET = 0x40000000;

	private Kernel() {
	}

	/** The few libc calls that enter a namespace. */
	interface LibC extends Library {

		LibC INSTANCE = Native.load("c", LibC.class);

		int open(String path, int flags);

		int close(int fd);

		int setns(int fd, int type);

	}

	/**
	 * Skips the calling test class, or fails it in CI, when the kernel tests cannot run.
	 * @param test the test's name, for the message
	 */
	public static void requireOrSkip(String test) {
		String missing = missing();
		if (missing.isEmpty()) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("MSEG_REQUIRE_KERNEL_TESTS"))) {
			throw new IllegalStateException(missing + " and MSEG_REQUIRE_KERNEL_TESTS=true");
		}
		System.err.println("SKIPPED " + test + ": " + missing);
		Assumptions.abort(missing);
	}

	private static String missing() {
		List<String> missing = new ArrayList<>();
		try {
			if (!run("id", "-u").strip().equals("0")) {
				missing.add("root");
			}
			run("nft", "--version");
			run("ip", "-V");
		}
		catch (Exception ex) {
			missing.add("nft and ip (" + ex.getMessage() + ")");
		}
		return missing.isEmpty() ? "" : "kernel tests need " + String.join(", ", missing);
	}

	/**
	 * Runs a command to its end.
	 * @param command the command
	 * @return its output
	 * @throws IOException when it fails
	 */
	public static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output.strip());
		}
		return output;
	}

	/**
	 * Runs code on a thread of its own inside a named network namespace (one that
	 * {@code ip netns add} created): what it opens there, such as a netlink socket, stays
	 * in that namespace.
	 * @param ns the namespace's name
	 * @param code the code
	 * @return what the code returned
	 */
	public static <T> T inNamespace(String ns, Supplier<T> code) throws Exception {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			int fd = LibC.INSTANCE.open("/run/netns/" + ns, 0);
			try {
				if (fd < 0 || LibC.INSTANCE.setns(fd, NEWNET) != 0) {
					throw new IllegalStateException("cannot enter network namespace " + ns);
				}
				result.complete(code.get());
			}
			catch (RuntimeException | Error ex) {
				// an assertion failing inside must fail the test, not leave it waiting
				result.completeExceptionally(ex);
			}
			finally {
				LibC.INSTANCE.close(fd);
			}
		}, "in-" + ns);
		thread.start();
		try {
			return result.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

}
