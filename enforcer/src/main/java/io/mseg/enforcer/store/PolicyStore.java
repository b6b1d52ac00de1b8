package io.mseg.enforcer.store;

import java.io.IOException;
import java.util.Optional;

/**
 * The last rendered policy received from the console, kept on disk exactly as received
 * (with its ETag) before it is applied, so that the host is protected at start-up before
 * the console answers, and while the console is unreachable.
 */
public final class PolicyStore {

	static final String DOCUMENT = "policy.json";

	static final String ETAG = "policy.etag";

	private final StateFiles files;

	public PolicyStore(StateFiles files) {
		this.files = files;
	}

	/**
	 * Keeps a policy (document first, then its ETag: a crash in between only costs one
	 * refetch).
	 * @param stored the policy
	 * @throws IOException when it cannot be written
	 */
	public void save(StoredPolicy stored) throws IOException {
		this.files.write(DOCUMENT, stored.json());
		this.files.write(ETAG, (stored.etag() != null) ? stored.etag() : "");
	}

	/**
	 * The last policy kept.
	 * @return it, or empty when none was ever received
	 * @throws IOException when it exists but cannot be read
	 */
	public Optional<StoredPolicy> load() throws IOException {
		Optional<String> json = this.files.read(DOCUMENT);
		if (json.isEmpty()) {
			return Optional.empty();
		}
		String etag = this.files.read(ETAG).map(String::strip).filter((text) -> !text.isEmpty()).orElse(null);
		return Optional.of(new StoredPolicy(json.get(), etag));
	}

	/**
	 * A rendered policy as received.
	 *
	 * @param json the body, as the console sent it
	 * @param etag its ETag, or {@code null}
	 */
	public record StoredPolicy(String json, String etag) {

	}

}
