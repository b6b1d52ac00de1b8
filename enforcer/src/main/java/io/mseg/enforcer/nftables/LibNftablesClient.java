package io.mseg.enforcer.nftables;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Runs scripts through libnftables, the library behind the {@code nft} command, inside
 * this process: a change costs one netlink transaction instead of starting an {@code nft}
 * process (5–10 ms a change on a loaded machine, more than the transaction itself). The
 * same parser and the same transaction as {@code nft -f}, with the same error text.
 * <p>
 * Each call gets a new libnftables context (0.1 ms): a context caches what its commands
 * read from the kernel, 140 MB after a table of 200,000 elements, and only freeing it
 * gives that back; after a large script the freed memory is returned to the system
 * ({@code malloc_trim}). The calls run one at a time on the client's own thread, started
 * by the thread that loaded it: a context's netlink socket belongs to the network
 * namespace of the thread that opens it, and so the client always works in the namespace
 * it was loaded in.
 */
public final class LibNftablesClient implements NftClient {

	/** {@code NFT_CTX_DEFAULT}. */
	private static final int CONTEXT_DEFAULT = 0;

	/** {@code NFT_CTX_OUTPUT_TERSE}: listings without set elements. */
	private static final int OUTPUT_TERSE = 1 << 11;

	/** Scripts above this size are followed by {@code malloc_trim}. */
	private static final int LARGE = 1 << 20;

	/**
	 * {@code nftables} is found as {@code libnftables.so.1} too; the explicit name for
	 * loaders that do not look for versioned names.
	 */
	private static final List<String> NAMES = List.of("nftables", "libnftables.so.1");

	private final LibNftables library;

	private final String name;

	private final ExecutorService thread;

	/** The functions of {@code nftables/libnftables.h} this client calls. */
	interface LibNftables extends Library {

		Pointer nft_ctx_new(int flags);

		void nft_ctx_free(Pointer context);

		int nft_ctx_buffer_output(Pointer context);

		int nft_ctx_buffer_error(Pointer context);

		String nft_ctx_get_output_buffer(Pointer context);

		String nft_ctx_get_error_buffer(Pointer context);

		void nft_ctx_output_set_flags(Pointer context, int flags);

		int nft_run_cmd_from_buffer(Pointer context, Pointer buffer);

	}

	/** glibc's way to hand freed heap memory back to the system. */
	interface Malloc extends Library {

		int malloc_trim(long pad);

	}

	private LibNftablesClient(LibNftables library, String name) {
		this.library = library;
		this.name = name;
		this.thread = Executors.newSingleThreadExecutor((task) -> {
			Thread worker = new Thread(task, "libnftables");
			worker.setDaemon(true);
			return worker;
		});
	}

	/**
	 * Loads libnftables for use in the calling thread's network namespace.
	 * @return the client, empty when the library cannot be loaded (then run {@code nft})
	 */
	public static Optional<LibNftablesClient> load() {
		for (String name : NAMES) {
			try {
				LibNftables library = Native.load(name, LibNftables.class);
				Pointer context = library.nft_ctx_new(CONTEXT_DEFAULT);
				if (context == null) {
					return Optional.empty();
				}
				library.nft_ctx_free(context);
				LibNftablesClient client = new LibNftablesClient(library, name);
				// Started here, so that it is in this thread's namespace.
				client.thread.submit(() -> null).get();
				return Optional.of(client);
			}
			catch (UnsatisfiedLinkError ex) {
				// try the next name
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
			catch (ExecutionException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	@Override
	public void apply(String script) throws NftException {
		call(script, false);
	}

	/**
	 * Runs a read-only command given as {@code nft} arguments: an optional {@code -t}
	 * (terse), then the command, e.g. {@code [-t, list, sets, inet]}.
	 */
	@Override
	public String query(List<String> arguments) throws NftException {
		boolean terse = !arguments.isEmpty() && arguments.get(0).equals("-t");
		return call(String.join(" ", terse ? arguments.subList(1, arguments.size()) : arguments), terse);
	}

	@Override
	public String version() {
		return "libnftables (" + this.name + ", in-process)";
	}

	private String call(String commands, boolean terse) throws NftException {
		Future<String> result = this.thread.submit(() -> run(commands, terse));
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NftException("interrupted while libnftables ran", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof NftException refused) {
				throw refused;
			}
			throw new NftException("libnftables failed: " + ex.getCause(), ex.getCause());
		}
	}

	private String run(String commands, boolean terse) throws NftException {
		byte[] bytes = commands.getBytes(StandardCharsets.UTF_8);
		Pointer context = this.library.nft_ctx_new(CONTEXT_DEFAULT);
		if (context == null) {
			throw new NftException("libnftables could not create a context");
		}
		try (Memory buffer = new Memory(bytes.length + 1L)) {
			this.library.nft_ctx_buffer_output(context);
			this.library.nft_ctx_buffer_error(context);
			this.library.nft_ctx_output_set_flags(context, terse ? OUTPUT_TERSE : 0);
			buffer.write(0, bytes, 0, bytes.length);
			buffer.setByte(bytes.length, (byte) 0);
			int result = this.library.nft_run_cmd_from_buffer(context, buffer);
			String output = this.library.nft_ctx_get_output_buffer(context);
			String error = this.library.nft_ctx_get_error_buffer(context);
			if (result != 0) {
				throw new NftException("libnftables refused the transaction: "
						+ ((error == null || error.isBlank()) ? "exit code " + result : error.strip()));
			}
			return (output != null) ? output : "";
		}
		finally {
			this.library.nft_ctx_free(context);
			if (bytes.length > LARGE) {
				trim();
			}
		}
	}

	private static void trim() {
		try {
			Native.load("c", Malloc.class).malloc_trim(0);
		}
		catch (UnsatisfiedLinkError ex) {
			// not glibc: the memory stays with the allocator
		}
	}

}
