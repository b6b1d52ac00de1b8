package io.mseg.console.object;

/**
 * A body with the version its {@code ETag} is made of.
 *
 * @param <D> the body
 */
public record Versioned<D>(D body, long version) {

	public String etag() {
		return "\"" + this.version + "\"";
	}

}
