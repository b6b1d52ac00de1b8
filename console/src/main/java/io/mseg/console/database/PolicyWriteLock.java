package io.mseg.console.database;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one lock every change of namespaces, policies, external networks and processing
 * units takes, first: the row of the policy version (which each such transaction bumps,
 * and holds until it commits, so that versions commit in order). Taken before any
 * object's row, it gives every writer the same lock order: a recursive namespace deletion
 * and an enforcer registering its units used to lock the same rows in opposite orders,
 * and PostgreSQL ended one of them with "deadlock detected".
 */
@Component
public class PolicyWriteLock {

	private static final String KEY = PolicyWriteLock.class.getName();

	private final JdbcClient jdbc;

	PolicyWriteLock(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the lock for the current transaction (again costs nothing); held until it
	 * ends.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void acquire() {
		if (TransactionSynchronizationManager.hasResource(KEY)) {
			return;
		}
		this.jdbc.sql("select version from policy_state where id = 1 for update").query(Long.class).single();
		TransactionResources.bindUntilCompletion(KEY, Boolean.TRUE);
	}

}
