package io.mseg.console.database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a transaction writes but never reads back (audit records, the change log): kept
 * until just before it commits, then written in one batch per statement. A transaction of
 * many changes (a group commit, an import) then pays one round trip to the database for
 * all of them instead of one each. A transaction that rolls back writes none.
 */
@Component
public class InsertsAtCommit {

	private static final String KEY = InsertsAtCommit.class.getName();

	private final JdbcTemplate jdbc;

	InsertsAtCommit(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes a row when the current transaction commits, after the rows added before it.
	 * @param sql the insert
	 * @param arguments its parameters
	 * @throws IllegalStateException outside a transaction
	 */
	public void add(String sql, Object... arguments) {
		pending().computeIfAbsent(sql, (key) -> new ArrayList<>()).add(arguments);
	}

	@SuppressWarnings("unchecked")
	private Map<String, List<Object[]>> pending() {
		Map<String, List<Object[]>> rows = (Map<String, List<Object[]>>) TransactionSynchronizationManager
			.getResource(KEY);
		if (rows != null) {
			return rows;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("rows are written at commit: a transaction is required");
		}
		Map<String, List<Object[]>> created = new LinkedHashMap<>();
		TransactionResources.bindUntilCompletion(KEY, created);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				created.forEach(InsertsAtCommit.this.jdbc::batchUpdate);
				created.clear();
			}

		});
		return created;
	}

}
