package io.mseg.console.push;

import java.time.Clock;
import java.util.Set;

import io.mseg.console.audit.ObjectChanged;
import io.mseg.console.database.InsertsAtCommit;
import io.mseg.console.database.TransactionResources;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Bumps the policy version once per transaction that changes namespaces, policies,
 * external networks or processing units, logs what changed at that version, and queues a
 * PostgreSQL notification that every replica receives when the transaction commits.
 */
@Component
class PolicyChanges {

	static final String CHANNEL = "mseg_policy_changes";

	private static final Set<String> POLICY_KINDS = Set.of("namespace", "networkaccesspolicy", "externalnetwork",
			"processingunit");

	private static final String VERSION_KEY = PolicyChanges.class.getName() + ".version";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final PolicyState state;

	private final InsertsAtCommit inserts;

	PolicyChanges(JdbcClient jdbc, Clock clock, PolicyState state, InsertsAtCommit inserts) {
		this.jdbc = jdbc;
		this.inserts = inserts;
		this.clock = clock;
		this.state = state;
	}

	@EventListener
	void objectChanged(ObjectChanged change) {
		if (!POLICY_KINDS.contains(change.kind())) {
			return;
		}
		long version = versionOfThisTransaction();
		this.inserts.add(
				"insert into policy_changes (version, kind, object_id, namespace, change_time) "
						+ "values (?, ?, ?, ?, ?) on conflict do nothing",
				version, change.kind(), change.objectId(), change.namespace(),
				java.sql.Timestamp.from(this.clock.instant()));
	}

	/**
	 * The version of the current transaction: bumped at its first change, under the row
	 * lock that makes versions commit in order.
	 */
	private long versionOfThisTransaction() {
		Long version = (Long) TransactionSynchronizationManager.getResource(VERSION_KEY);
		if (version != null) {
			return version;
		}
		long bumped = this.jdbc
			.sql("with bumped as (update policy_state set version = version + 1 where id = 1 returning version) "
					+ "select version from bumped, pg_notify(?, version::text)")
			.param(CHANNEL)
			.query(Long.class)
			.single();
		TransactionResources.bindUntilCompletion(VERSION_KEY, bumped);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				// This replica need not wait for its own notification to come back.
				PolicyChanges.this.state.refreshSoon();
			}

		});
		return bumped;
	}

}
