package io.mseg.console.externalnetwork;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which replica fetches a source: the database decides. A claim moves the source's next
 * attempt ahead by a lease in one conditional update, so that of replicas racing for the
 * same due source exactly one gets it (the others find it no longer due once the winner's
 * row lock is released), and no transaction stays open during the HTTP fetch. A replica
 * that dies mid-fetch loses the source for one lease only. Times are the database's, the
 * one clock every replica shares.
 */
@Component
class FeedClaims {

	private static final SourceColumn SOURCE = new SourceColumn();

	private final JdbcClient jdbc;

	FeedClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A claimed source: fetch it, then record the outcome.
	 *
	 * @param id the network
	 * @param source the source as it is now (the fetch is recorded only if it still is)
	 * @param etag the ETag of the last good fetch, or {@code null}
	 * @param lastModified the Last-Modified of the last good fetch, or {@code null}
	 * @param failures failed fetches in a row before this one
	 */
	record Claim(UUID id, ExternalNetworkSource source, String etag, String lastModified, int failures) {
	}

	/** The feed-backed networks due now, earliest first (never fetched ones first). */
	@Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
	List<UUID> due(int limit) {
		return this.jdbc
			.sql("select id from external_networks where source is not null and (source_next_attempt_time is null "
					+ "or source_next_attempt_time <= now()) order by source_next_attempt_time nulls first limit ?")
			.param(limit)
			.query(UUID.class)
			.list();
	}

	/**
	 * Claims a source if it is still due.
	 * @param id the network
	 * @param lease how long the claim keeps other replicas off (longer than a fetch)
	 * @return the claim, empty when another replica has it or it is no longer due
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	Optional<Claim> claim(UUID id, Duration lease) {
		return this.jdbc
			.sql("update external_networks set source_next_attempt_time = now() + make_interval(secs => ?) "
					+ "where id = ? and source is not null and (source_next_attempt_time is null "
					+ "or source_next_attempt_time <= now()) returning id, source, source_etag, "
					+ "source_last_modified, source_failures")
			.params(lease.toMillis() / 1000.0, id)
			.query((row, n) -> new Claim(row.getObject("id", UUID.class),
					SOURCE.convertToEntityAttribute(row.getString("source")), row.getString("source_etag"),
					row.getString("source_last_modified"), row.getInt("source_failures")))
			.optional();
	}

}
