package io.mseg.console.externalnetwork;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.database.PolicyWriteLock;
import io.mseg.console.object.ObjectService;
import io.mseg.policy.model.ExternalNetwork;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * External networks: the shared object rules plus their conversion to the decision core.
 */
@Service
public class ExternalNetworkService extends ObjectService<ExternalNetworkEntity, ExternalNetworkBody> {

	ExternalNetworkService(ExternalNetworkRepository repository, AuditTrail audit, PolicyWriteLock writeLock,
			Clock clock, FeedProperties feeds) {
		super(new ExternalNetworkKind(feeds), repository, audit, writeLock, clock);
	}

	/**
	 * Applies a good fetch of a source through the path of an API edit (one new policy
	 * version, an audit record naming the feed, the push) when its list differs from the
	 * entries; records the success in the status either way. A fetch of a source that was
	 * changed or removed meanwhile is dropped.
	 * @param id the network
	 * @param fetchedFrom the source as it was when the fetch started
	 * @param entries the fetched list, canonical (as the feed parser gives it)
	 * @param time when the fetch was made
	 * @return the network after, empty when it no longer exists
	 */
	@Transactional
	public Optional<ExternalNetworkBody> applyFetch(String id, ExternalNetworkSource fetchedFrom, List<String> entries,
			Instant time) {
		return changeAsConsole(id, "feed " + fetchedFrom.url(), (entity) -> {
			if (!SourceFields.sameList(entity.getSource(), fetchedFrom)) {
				return false;
			}
			entity.recordFetchSuccess(time, entries.size());
			if (entity.getEntries().equals(entries)) {
				return false;
			}
			entity.setEntries(List.copyOf(entries));
			return true;
		});
	}

	/**
	 * Records a fetch that brought nothing new (304), keeping the entries.
	 * @return the network after, empty when it no longer exists
	 */
	@Transactional
	public Optional<ExternalNetworkBody> recordNotModified(String id, ExternalNetworkSource fetchedFrom, Instant time) {
		return changeAsConsole(id, null, (entity) -> {
			if (SourceFields.sameList(entity.getSource(), fetchedFrom)) {
				entity.recordFetchSuccess(time, entity.getEntries().size());
			}
			return false;
		});
	}

	/**
	 * Records a failed or held fetch: the entries stay those of the last good one, the
	 * status shows why (no new version, no audit record: nothing the policy depends on
	 * changed).
	 * @return the network after, empty when it no longer exists
	 */
	@Transactional
	public Optional<ExternalNetworkBody> recordFetchFailure(String id, ExternalNetworkSource fetchedFrom, String error,
			Instant time) {
		return changeAsConsole(id, null, (entity) -> {
			if (SourceFields.sameList(entity.getSource(), fetchedFrom)) {
				entity.recordFetchFailure(time, error);
			}
			return false;
		});
	}

	/** Every external network of every namespace, as the decision core sees them. */
	@Transactional(readOnly = true)
	public List<ExternalNetwork> allModels() {
		return findAll().stream().map(ExternalNetworkKind::toModel).toList();
	}

	/** One object, as the decision core sees it, if it still exists. */
	@Transactional(readOnly = true)
	public Optional<ExternalNetwork> model(String id) {
		return findAnywhere(id).map(ExternalNetworkKind::toModel);
	}

}
