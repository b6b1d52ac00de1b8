package io.mseg.enforcer.agent;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import io.mseg.enforcer.console.ConsoleApi;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.console.EnforcementStatus;
import io.mseg.enforcer.console.Fetched;
import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.document.PolicySections;
import io.mseg.enforcer.nftables.NftException;
import io.mseg.enforcer.store.PolicyStore;
import io.mseg.enforcer.store.PolicyStore.StoredPolicy;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;

/**
 * Fetches the rendered policy in sections and, when it changed, checks it, stores it and
 * enforces it. The index comes first ({@code If-None-Match} with the ETag of the one
 * held), then only the sections not held yet. A section that left the policy between the
 * two requests (409) means a newer index: fetched again, a few times at most. At start-up
 * the stored policy is enforced the same way, before the console answers.
 */
final class PolicyFetcher {

	private static final Logger log = Logger.getLogger(PolicyFetcher.class.getName());

	static final int ATTEMPTS = 3;

	private final ConsoleLink link;

	private final PolicyStore store;

	private final Enforcement enforcement;

	private final StatusReport status;

	private final TimeSource time;

	/**
	 * The sections of the policy enforced, parsed: a new version needs only the others.
	 */
	private final PolicySections sections = new PolicySections();

	/** The ETag of the index enforced. */
	private String etag;

	PolicyFetcher(ConsoleLink link, PolicyStore store, Enforcement enforcement, StatusReport status, TimeSource time) {
		this.link = link;
		this.store = store;
		this.enforcement = enforcement;
		this.status = status;
		this.time = time;
	}

	/**
	 * Enforces the policy of the state directory, if any: the host is protected before
	 * the console answers.
	 * @throws IOException when the state directory cannot be read
	 */
	void enforceStored() throws IOException {
		try {
			Optional<StoredPolicy> stored = this.store.load();
			if (stored.isPresent()) {
				EnforcerPolicyIndex index = PolicySections.parseIndex(stored.get().index());
				this.sections.add(index, stored.get().sections());
				this.enforcement.enforce(this.sections.assemble(index), "the state directory");
				this.sections.retain(index);
				this.etag = stored.get().etag();
				return;
			}
			Optional<String> document = this.store.loadDocument();
			if (document.isPresent()) {
				this.enforcement.enforce(PolicyDocuments.parse(document.get()), "the state directory (whole document)");
				return;
			}
			log.info("No stored policy yet: the kernel is not touched until the console sends one");
		}
		catch (IllegalArgumentException | NftException ex) {
			log.severe("Cannot enforce the stored policy: " + ex.getMessage());
		}
	}

	/**
	 * Fetches, and when the policy changed: checks it, stores it, applies it.
	 * @param source why, for the log
	 * @throws ConsoleException when the console failed or refused
	 * @throws IOException when the state directory cannot be written
	 * @throws NftException when nft refused the new rules
	 */
	void fetch(String source) throws ConsoleException, IOException, NftException {
		ConsoleApi api = this.link.api();
		String id = this.link.enforcerId();
		for (int attempt = 1;; attempt++) {
			long start = this.time.nanoTime();
			Fetched fetched = api.fetchPolicyIndex(id, this.etag);
			long indexed = this.time.nanoTime();
			if (fetched.notModified()) {
				log.fine("Policy unchanged (304)");
				this.status.synced();
				return;
			}
			EnforcerPolicyIndex index;
			Map<String, String> received;
			try {
				index = PolicySections.parseIndex(fetched.json());
				received = fetchSections(api, id, this.sections.missing(index));
			}
			catch (ConsoleException ex) {
				if (ex.status() == 409 && attempt < ATTEMPTS) {
					log.fine(() -> "The policy changed while its sections were fetched: " + ex.getMessage());
					continue;
				}
				throw ex;
			}
			catch (IllegalArgumentException ex) {
				refused(ex);
				return;
			}
			PolicyDocument document;
			try {
				this.sections.add(index, received);
				document = this.sections.assemble(index);
				this.enforcement.check(document);
			}
			catch (IllegalArgumentException ex) {
				refused(ex);
				return;
			}
			long checked = this.time.nanoTime();
			this.store.save(new StoredPolicy(fetched.json(), fetched.etag(), received), index.sections());
			long stored = this.time.nanoTime();
			log.fine(() -> "Fetched the index in " + millis(indexed - start) + " ms and " + received.size()
					+ " sections in " + millis(checked - indexed) + " ms (parsed and checked), stored in "
					+ millis(stored - checked) + " ms");
			this.enforcement.enforce(document, source);
			this.sections.retain(index);
			this.etag = fetched.etag();
			this.status.synced();
			this.status.report(EnforcementStatus.ACTIVE);
			return;
		}
	}

	/**
	 * The version enforced, for the log.
	 * @return it, or {@code none}
	 */
	String currentVersion() {
		PolicyDocument document = this.enforcement.document();
		return (document != null) ? String.valueOf(document.version()) : "none";
	}

	private static Map<String, String> fetchSections(ConsoleApi api, String id, List<String> names)
			throws ConsoleException {
		Map<String, String> received = new LinkedHashMap<>();
		for (int from = 0; from < names.size(); from += ConsoleApi.MAX_SECTIONS) {
			received.putAll(
					api.fetchSections(id, names.subList(from, Math.min(names.size(), from + ConsoleApi.MAX_SECTIONS))));
		}
		return received;
	}

	private void refused(IllegalArgumentException ex) {
		log.severe(
				"The console sent a policy this enforcer cannot enforce, keeping the previous one: " + ex.getMessage());
		this.status.report(EnforcementStatus.FAILED);
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

}
