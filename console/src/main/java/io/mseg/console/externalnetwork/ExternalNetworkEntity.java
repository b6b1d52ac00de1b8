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
		return new ExternalNetworkSourceStatus(this.sourceLastAttemptTime, this.sourceLastSuccessTime,
				this.sourceEntryCount, this.sourceError);
	}

	/** A fetch succeeded: its list (now the entries) has {@code entryCount} entries. */
	void recordFetchSuccess(Instant time, int entryCount) {
		this.sourceLastAttemptTime = time;
		this.sourceLastSuccessTime = time;
		this.sourceEntryCount = entryCount;
		this.sourceError = null;
	}

	/** A fetch failed or was held: the entries stay those of the last good one. */
	void recordFetchFailure(Instant time, String error) {
		this.sourceLastAttemptTime = time;
		this.sourceError = error;
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
	}

}
