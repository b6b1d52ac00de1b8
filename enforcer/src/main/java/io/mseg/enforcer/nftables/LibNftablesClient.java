package io.mseg.enforcer.nftables;

import java.util.List;
import java.util.Optional;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Runs scripts through libnftables, the library behind the {@code nft} command, inside
 * this process: a change costs one netlink transaction instead of starting an {@code nft}
 * process (5–8 ms a change on a loaded machine, more than the transaction itself). The
 * same parser and the same transaction as {@code nft -f}, with the same error text. Its
 * netlink socket is opened when the client is created, in the network namespace of the
 * creating thread, and stays there. One call at a time: a libnftables context is not
 * thread-safe.
 */
public final class LibNftablesClient implements NftClient {

	/** {@code NFT_CTX_DEFAULT}. */
	private static final int CONTEXT_DEFAULT = 0;

	/** {@code NFT_CTX_OUTPUT_TERSE}: listings without set elements. */
	private static final int OUTPUT_TERSE = 1 << 11;

	/** Where Debian and most distributions install it without the development package. */
	private static final List<String> NAMES = List.of("nftables", "libnftables.so.1");

	private final LibNftables library;

	private final Pointer context;

	private final String name;

	/** The functions of {@code nftables/libnftables.h} this client calls. */
	interface LibNftables extends Library {

		Pointer nft_ctx_new(int flags);

		int nft_ctx_buffer_output(Pointer context);

		int nft_ctx_buffer_error(Pointer context);

		String nft_ctx_get_output_buffer(Pointer context);

		String nft_ctx_get_error_buffer(Pointer context);

		int nft_ctx_output_get_flags(Pointer context);

		void nft_ctx_output_set_flags(Pointer context, int flags);

		int nft_run_cmd_from_buffer(Pointer context, String buffer);

	}

	private LibNftablesClient(LibNftables library, Pointer context, String name) {
		this.library = library;
		this.context = context;
		this.name = name;
	}

	/**
	 * Loads libnftables and creates a context in the calling thread's network namespace.
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
				library.nft_ctx_buffer_output(context);
				library.nft_ctx_buffer_error(context);
				return Optional.of(new LibNftablesClient(library, context, name));
			}
			catch (UnsatisfiedLinkError ex) {
				// try the next name
			}
		}
		return Optional.empty();
	}

	@Override
	public synchronized void apply(String script) throws NftException {
		run(script, false);
	}

	/**
	 * Runs a read-only command given as {@code nft} arguments: an optional {@code -t}
	 * (terse), then the command, e.g. {@code [-t, list, sets, inet]}.
	 */
	@Override
	public synchronized String query(List<String> arguments) throws NftException {
		boolean terse = !arguments.isEmpty() && arguments.get(0).equals("-t");
		return run(String.join(" ", terse ? arguments.subList(1, arguments.size()) : arguments), terse);
	}

	@Override
	public String version() {
		return "libnftables (" + this.name + ", in-process)";
	}

	private String run(String commands, boolean terse) throws NftException {
		int flags = this.library.nft_ctx_output_get_flags(this.context);
		this.library.nft_ctx_output_set_flags(this.context, terse ? (flags | OUTPUT_TERSE) : (flags & ~OUTPUT_TERSE));
		int result = this.library.nft_run_cmd_from_buffer(this.context, commands);
		// Reading the buffers also empties them for the next call.
		String output = this.library.nft_ctx_get_output_buffer(this.context);
		String error = this.library.nft_ctx_get_error_buffer(this.context);
		if (result != 0) {
			throw new NftException("libnftables refused the transaction: "
					+ ((error == null || error.isBlank()) ? "exit code " + result : error.strip()));
		}
		return (output != null) ? output : "";
	}

}
