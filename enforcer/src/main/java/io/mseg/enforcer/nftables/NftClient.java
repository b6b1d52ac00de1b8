package io.mseg.enforcer.nftables;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The enforcer's only access to the kernel's firewall: one atomic {@code nft -f}
 * transaction at a time. {@link LibNftablesClient} calls libnftables in-process,
 * {@link ProcessNftClient} runs {@code nft}; tests use a recording fake.
 */
public interface NftClient {

	/**
	 * The client for an nft command: libnftables in-process for the plain {@code nft}
	 * when the library loads, else the command as a process (a wrapper such as
	 * {@code ip netns exec h1 nft}, or a path such as {@code /usr/sbin/nft}, which also
	 * chooses the process deliberately).
	 * @param command the command and its arguments
	 * @param timeout how long one {@code nft} process may take
	 * @return the client
	 */
	static NftClient forCommand(List<String> command, Duration timeout) {
		if (command.equals(List.of("nft"))) {
			Optional<LibNftablesClient> library = LibNftablesClient.load();
			if (library.isPresent()) {
				return library.get();
			}
		}
		return new ProcessNftClient(command, timeout);
	}

	/**
	 * Applies a script as one transaction.
	 * @param script the {@code nft -f} text
	 * @throws NftException when {@code nft} refuses it or cannot run (then the kernel
	 * keeps what it had)
	 */
	void apply(String script) throws NftException;

	/**
	 * Runs a read-only command, such as {@code -t list sets inet}.
	 * @param arguments the arguments after the nft command
	 * @return what nft printed
	 * @throws NftException when it fails
	 */
	String query(List<String> arguments) throws NftException;

	/**
	 * Checks that {@code nft} can run at all, before anything else happens.
	 * @return what runs it: its version line and command, or the library
	 * @throws NftException when it is missing or fails
	 */
	String version() throws NftException;

}
