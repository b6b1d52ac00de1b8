package io.mseg.enforcer.console;

/**
 * The answer to a rendered-policy request.
 *
 * @param json the body, or {@code null} when not modified (304)
 * @param etag the ETag of what the console holds
 */
public record Fetched(String json, String etag) {

	public boolean notModified() {
		return this.json == null;
	}

}
