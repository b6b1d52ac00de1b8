package io.mseg.enforcer.nftables;

/**
 * {@code nft} could not run, or refused a script.
 */
public class NftException extends Exception {

	private static final long serialVersionUID = 1L;

	public NftException(String message) {
		super(message);
	}

	public NftException(String message, Throwable cause) {
		super(message, cause);
	}

}
