package io.mseg.console.externalnetwork.feed;

/**
 * A feed that cannot be taken: unreadable, of another shape, or with an invalid entry.
 * The message names where (a line, an index) and is what {@code sourceStatus.error}
 * shows.
 */
public class FeedException extends RuntimeException {

	public FeedException(String message) {
		super(message);
	}

}
