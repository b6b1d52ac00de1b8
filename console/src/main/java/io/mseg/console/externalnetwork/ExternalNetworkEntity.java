package io.mseg.console.externalnetwork;

import java.time.Instant;
import java.util.List;

import io.mseg.console.database.JsonColumns;
import io.mseg.console.object.ManagedObject;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.OptimisticLock;

// Only changed columns are written: the fetcher's bookkeeping columns are also written
// by FeedClaims (JDBC), and an API edit must not put back the values it loaded.
@Entity
@DynamicUpdate
@Table(name = "external_networks")
public class ExternalNetworkEntity extends ManagedObject {

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> entries = List.of();

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> servicePorts = List.of();

	private boolean propagate;

	/** The feed the entries come from; {@code null} for hand-written entries. */
	@Convert(converter = SourceColumn.class)
	@ColumnTransformer(write = "?::jsonb")
	private ExternalNetworkSource source;

	// The status of the source changes at every fetch, most of which change nothing
	// else: it must not change the version (the ETag) that If-Match compares.
	@OptimisticLock(excluded = true)
	private Instant sourceLastAttemptTime;

	@OptimisticLock(excluded = true)
	private Instant sourceLastSuccessTime;

	@OptimisticLock(excluded = true)
	private Integer sourceEntryCount;

	@OptimisticLock(excluded = true)
	private String sourceError;

	// The fetcher's bookkeeping (see FeedClaims): mapped only to be reset with the
	// status.
	@OptimisticLock(excluded = true)
	private Instant sourceNextAttemptTime;

	@OptimisticLock(excluded = true)
	private int sourceFailures;

	@OptimisticLock(excluded = true)
	private String sourceEtag;

	@OptimisticLock(excluded = true)
	private String sourceLastModified;

	// A list held by the mass-removal guard; the list itself (source_held_entries) is
	// read and written by FeedHolds only, on a hold and on an acceptance.
	@OptimisticLock(excluded = true)
	private Instant sourceHeldTime;

	@OptimisticLock(excluded = true)
	private Integer sourceHeldEntryCount;

	@OptimisticLock(excluded = true)
	private Integer sourceHeldRemovedCount;

	@OptimisticLock(excluded = true)
	private String sourceHeldDigest;

	@Override
	public boolean canPropagate() {
		return true;
	}

	@Override
	public boolean propagates() {
		return this.propagate;
	}

	void setPropagate(boolean propagate) {
		this.propagate = propagate;
	}

	List<String> getEntries() {
		return this.entries;
	}

	void setEntries(List<String> entries) {
		this.entries = entries;
	}

	List<String> getServicePorts() {
		return this.servicePorts;
	}

	void setServicePorts(List<String> servicePorts) {
		this.servicePorts = servicePorts;
	}

	ExternalNetworkSource getSource() {
		return this.source;
	}

	void setSource(ExternalNetworkSource source) {
		this.source = source;
	}

	/** The status as the API shows it; {@code null} without a source. */
	ExternalNetworkSourceStatus getSourceStatus() {
		if (this.source == null) {
			return null;
		}
		ExternalNetworkSourceStatus.Held held = (this.sourceHeldDigest != null) ? new ExternalNetworkSourceStatus.Held(
				this.sourceHeldTime, this.sourceHeldEntryCount, this.sourceHeldRemovedCount) : null;
		return new ExternalNetworkSourceStatus(this.sourceLastAttemptTime, this.sourceLastSuccessTime,
				this.sourceEntryCount, this.sourceError, held);
	}

	int getSourceFailures() {
		return this.sourceFailures;
	}

	String getSourceHeldDigest() {
		return this.sourceHeldDigest;
	}

	Instant getSourceHeldTime() {
		return this.sourceHeldTime;
	}

	/**
	 * A fetch succeeded: the entries are its list; {@code etag} and {@code lastModified}
	 * validate it at the next fetch.
	 */
	void recordFetchSuccess(Instant time, String etag, String lastModified, Instant next) {
		this.sourceLastAttemptTime = time;
		this.sourceLastSuccessTime = time;
		this.sourceEntryCount = this.entries.size();
		this.sourceError = null;
		this.sourceFailures = 0;
		this.sourceEtag = etag;
		this.sourceLastModified = lastModified;
		this.sourceNextAttemptTime = next;
		clearHeld();
	}

	/** The feed has not changed since the last good fetch (304). */
	void recordNotModified(Instant time, Instant next) {
		recordFetchSuccess(time, this.sourceEtag, this.sourceLastModified, next);
	}

	/** A fetch failed: the entries stay those of the last good one. */
	void recordFetchFailure(Instant time, String error, Instant next) {
		this.sourceLastAttemptTime = time;
		this.sourceError = error;
		this.sourceFailures++;
		this.sourceNextAttemptTime = next;
	}

	/**
	 * The mass-removal guard held a fetched list: the entries stay, the validators too
	 * (the next fetch must bring the list again to be compared).
	 */
	void recordHeld(Instant time, String reason, String digest, int entryCount, int removedCount, Instant next) {
		this.sourceLastAttemptTime = time;
		this.sourceError = reason;
		this.sourceFailures = 0;
		this.sourceNextAttemptTime = next;
		if (!digest.equals(this.sourceHeldDigest)) {
			this.sourceHeldTime = time;
			this.sourceHeldDigest = digest;
			this.sourceHeldEntryCount = entryCount;
			this.sourceHeldRemovedCount = removedCount;
		}
	}

	/** An admin accepted the held list: it is now the entries. */
	void acceptHeld(List<String> held, Instant time) {
		this.entries = held;
		this.sourceLastSuccessTime = time;
		this.sourceEntryCount = held.size();
		this.sourceError = null;
		// The validators belong to the list before: the next fetch brings the feed whole.
		this.sourceEtag = null;
		this.sourceLastModified = null;
		clearHeld();
	}

	private void clearHeld() {
		this.sourceHeldTime = null;
		this.sourceHeldDigest = null;
		this.sourceHeldEntryCount = null;
		this.sourceHeldRemovedCount = null;
	}

	/**
	 * Forgets what earlier fetches did, and when to fetch next (a new source, or none).
	 */
	void clearSourceStatus() {
		this.sourceLastAttemptTime = null;
		this.sourceLastSuccessTime = null;
		this.sourceEntryCount = null;
		this.sourceError = null;
		// A new list is fetched at once, from scratch: no validators of another URL.
		this.sourceNextAttemptTime = null;
		this.sourceFailures = 0;
		this.sourceEtag = null;
		this.sourceLastModified = null;
		clearHeld();
	}

}
