package io.mseg.console.database;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What the current transaction holds, for as long as it lasts. */
public final class TransactionResources {

	private TransactionResources() {
	}

	/**
	 * Binds {@code value} to the current transaction until it completes (commit or
	 * rollback).
	 * @param key the key ({@link TransactionSynchronizationManager#getResource})
	 * @param value the value
	 */
	public static void bindUntilCompletion(Object key, Object value) {
		TransactionSynchronizationManager.bindResource(key, value);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResource(key);
			}

		});
	}

}
