package io.mseg.enforcer.nftables;

import java.util.List;

/**
 * The enforcer's only access to the kernel's firewall: one atomic {@code nft -f}
 * transaction at a time. {@code ProcessNftClient} runs {@code nft}; tests use a recording
 * fake.
 */
public interface NftClient {

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
	 * @return its version line
	 * @throws NftException when it is missing or fails
	 */
	String version() throws NftException;

}
