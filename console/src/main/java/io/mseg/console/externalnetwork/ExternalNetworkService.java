package io.mseg.console.externalnetwork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.database.Invalidations;
import io.mseg.console.database.PolicyWriteLock;
import io.mseg.console.externalnetwork.feed.FeedSchedule;
import io.mseg.console.externalnetwork.feed.RefreshInterval;
import io.mseg.console.externalnetwork.feed.RemovalGuard;
import io.mseg.console.object.ObjectService;
import io.mseg.console.object.Versioned;
import io.mseg.console.web.ApiException;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NamespacePath;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * External networks: the shared object rules plus their conversion to the decision core.
 */
@Service
public class ExternalNetworkService extends ObjectService<ExternalNetworkEntity, ExternalNetworkBody> {

	private final RemovalGuard removalGuard;

	private final HeldLists heldLists;

	private final Clock clock;

	ExternalNetworkService(ExternalNetworkRepository repository, AuditTrail audit, PolicyWriteLock writeLock,
			Clock clock, Invalidations invalidations, FeedProperties feeds, HeldLists heldLists) {
		super(new ExternalNetworkKind(feeds), repository, audit, writeLock, clock, invalidations);
		this.removalGuard = new RemovalGuard(feeds.maxRemovalShare());
		this.heldLists = heldLists;
		this.clock = clock;
	}

	/** What a fetch of a source did to its network. */
	public enum FetchOutcome {

		/** The fetched list replaced the entries: a new policy version. */
		APPLIED,
		/** The fetched list is the entries. */
		UNCHANGED,
		/** The feed answered 304: it has not changed since the last good fetch. */
		NOT_MODIFIED,
		/** The list would remove too many entries at once: held, not applied. */
		HELD,
		/** Nothing could be taken: the entries stay those of the last good fetch. */
		FAILED,
		/**
		 * The network is gone, or its source names another list now: nothing recorded.
		 */
		SUPERSEDED

	}

	/**
	 * Takes a good fetch of a source: when its list differs from the entries, applies it
	 * through the path of an API edit (one new policy version, an audit record naming the
	 * feed, the push), unless the mass-removal guard holds it; records the outcome in the
	 * status and schedules the next fetch either way.
	 * @param id the network
	 * @param fetchedFrom the source as it was when the fetch started
	 * @param entries the fetched list, canonical (as the feed parser gives it)
	 * @param etag the fetch's {@code ETag}, or {@code null}
	 * @param lastModified the fetch's {@code Last-Modified}, or {@code null}
	 * @param time when the fetch was made
	 */
	@Transactional
	public FetchOutcome applyFetch(String id, ExternalNetworkSource fetchedFrom, List<String> entries, String etag,
			String lastModified, Instant time) {
		FetchOutcome[] outcome = { FetchOutcome.SUPERSEDED };
		changeAsConsole(id, "feed " + fetchedFrom.url(), (entity) -> {
			if (!SourceFields.sameList(entity.getSource(), fetchedFrom)) {
				return false;
			}
			Duration interval = interval(entity);
			Instant next = FeedSchedule.afterSuccess(time, interval, random());
			if (entity.getEntries().equals(entries)) {
				entity.recordFetchSuccess(time, etag, lastModified, next);
				outcome[0] = FetchOutcome.UNCHANGED;
				return false;
			}
			String digest = HeldLists.digest(entries);
			if (!confirmsHeldList(entity, digest, time, interval)) {
				Optional<RemovalGuard.Held> held = this.removalGuard.check(entity.getEntries(), entries);
				if (held.isPresent()) {
					if (!digest.equals(entity.getSourceHeldDigest())) {
						this.heldLists.store(entity.getId(), entries);
					}
					entity.recordHeld(time, held.get().reason(), digest, entries.size(), held.get().removed(), next);
					outcome[0] = FetchOutcome.HELD;
					return false;
				}
			}
			forgetHeldList(entity);
			entity.setEntries(List.copyOf(entries));
			entity.recordFetchSuccess(time, etag, lastModified, next);
			outcome[0] = FetchOutcome.APPLIED;
			return true;
		});
		return outcome[0];
	}

	// The same held list fetched again an interval later (not by a retry after a failure,
	// which comes sooner) is the feed's real content, not a truncated download.
	private static boolean confirmsHeldList(ExternalNetworkEntity entity, String digest, Instant time,
			Duration interval) {
		return digest.equals(entity.getSourceHeldDigest())
				&& !time.isBefore(entity.getSourceHeldTime().plus(interval.multipliedBy(9).dividedBy(10)));
	}

	private void forgetHeldList(ExternalNetworkEntity entity) {
		if (entity.getSourceHeldDigest() != null) {
			this.heldLists.clear(entity.getId());
		}
	}

	/**
	 * Records a fetch that brought nothing new (304), keeping the entries, and schedules
	 * the next one.
	 */
	@Transactional
	public FetchOutcome recordNotModified(String id, ExternalNetworkSource fetchedFrom, Instant time) {
		FetchOutcome[] outcome = { FetchOutcome.SUPERSEDED };
		changeAsConsole(id, null, (entity) -> {
			if (SourceFields.sameList(entity.getSource(), fetchedFrom)) {
				// The validators are those of the entries: the feed went back to them.
				forgetHeldList(entity);
				entity.recordNotModified(time, FeedSchedule.afterSuccess(time, interval(entity), random()));
				outcome[0] = FetchOutcome.NOT_MODIFIED;
			}
			return false;
		});
		return outcome[0];
	}

	/**
	 * Records a failed fetch: the entries stay those of the last good one, the status
	 * shows why (no new version, no audit record: nothing the policy depends on changed),
	 * and the next attempt backs off.
	 */
	@Transactional
	public FetchOutcome recordFetchFailure(String id, ExternalNetworkSource fetchedFrom, String error, Instant time) {
		FetchOutcome[] outcome = { FetchOutcome.SUPERSEDED };
		changeAsConsole(id, null, (entity) -> {
			if (SourceFields.sameList(entity.getSource(), fetchedFrom)) {
				Instant next = FeedSchedule.afterFailure(time, interval(entity), entity.getSourceFailures() + 1,
						random());
				entity.recordFetchFailure(time, error, next);
				outcome[0] = FetchOutcome.FAILED;
			}
			return false;
		});
		return outcome[0];
	}

	/**
	 * Applies the list the mass-removal guard holds, on an admin's word: a new policy
	 * version, audited as the caller's change.
	 * @throws io.mseg.console.web.ApiException 409 when no list is held
	 */
	@Transactional
	public Versioned<ExternalNetworkBody> acceptHeldList(NamespacePath namespace, String id, String ifMatch) {
		// A feed's change is not a hand edit: protected networks take it without
		// override.
		return changeAsCaller(namespace, id, ifMatch, true, (entity) -> {
			String digest = entity.getSourceHeldDigest();
			if (entity.getSource() == null || digest == null) {
				throw ApiException.conflict("external network " + entity.getName() + " has no held list to accept");
			}
			List<String> held = this.heldLists.find(entity.getId(), digest)
				.orElseThrow(() -> ApiException
					.conflict("the held list of external network " + entity.getName() + " is gone; fetch again"));
			this.heldLists.clear(entity.getId());
			entity.acceptHeld(held, this.clock.instant());
		});
	}

	private static Duration interval(ExternalNetworkEntity entity) {
		return RefreshInterval.parse(entity.getSource().refreshInterval());
	}

	private static double random() {
		return ThreadLocalRandom.current().nextDouble();
	}

	/** Every external network of every namespace, as the decision core sees them. */
	@Transactional(readOnly = true)
	public List<ExternalNetwork> allModels() {
		return findAll().stream().map(ExternalNetworkKind::toModel).toList();
	}

	/** Those of these objects that still exist, as the decision core sees them, by ID. */
	@Transactional(readOnly = true)
	public Map<String, ExternalNetwork> models(Collection<String> ids) {
		Map<String, ExternalNetwork> models = new HashMap<>();
		findAllAnywhere(ids).forEach((id, entity) -> models.put(id, ExternalNetworkKind.toModel(entity)));
		return models;
	}

}
