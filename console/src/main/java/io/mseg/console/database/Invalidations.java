package io.mseg.console.database;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the caches of every replica that what they hold of a topic changed: the replica's
 * own caches right after the changing transaction commits (before its answer is sent),
 * the others by a PostgreSQL notification sent at that commit. A replica that is not
 * listening (starting, or its notification connection lost) would miss notifications, so
 * its caches are not to be trusted until it listens again, and they are emptied then.
 */
@Component
public class Invalidations extends NotificationListener {

	static final String CHANNEL = "mseg_invalidations";

	private final JdbcClient jdbc;

	private final Map<String, List<Runnable>> subscribers = new ConcurrentHashMap<>();

	private volatile boolean listening;

	Invalidations(DataSource dataSource, JdbcClient jdbc) throws SQLException {
		super(dataSource, CHANNEL, "cache-invalidation");
		this.jdbc = jdbc;
	}

	/**
	 * Calls {@code invalidate} each time anything of {@code topic} changes, on any
	 * replica, and each time this replica listens again after missing notifications.
	 * @param topic what changed, such as {@code apitoken}
	 * @param invalidate empties a cache
	 */
	public void subscribe(String topic, Runnable invalidate) {
		this.subscribers.computeIfAbsent(topic, (key) -> new CopyOnWriteArrayList<>()).add(invalidate);
	}

	/**
	 * Announces, from within the changing transaction, that something of {@code topic}
	 * changed: caches everywhere are emptied when (and only if) it commits. Publishing
	 * the same topic again in the transaction costs nothing.
	 * @param topic the topic
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void publish(String topic) {
		String key = Invalidations.class.getName() + "." + topic;
		if (TransactionSynchronizationManager.hasResource(key)) {
			return; // a group commit changes up to 100 objects: once is enough
		}
		TransactionResources.bindUntilCompletion(key, Boolean.TRUE);
		this.jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, topic).query().singleRow();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				invalidate(topic);
			}

		});
	}

	/**
	 * Whether caches may be used: this replica is listening, so it hears of every change.
	 * @return whether it is listening
	 */
	public boolean trusted() {
		return this.listening;
	}

	@Override
	protected Duration longestWait() {
		return Duration.ofSeconds(30);
	}

	@Override
	protected void listening() {
		this.listening = true;
		this.subscribers.values().forEach((invalidators) -> invalidators.forEach(Runnable::run));
	}

	@Override
	protected void lost() {
		this.listening = false;
	}

	@Override
	protected void woke(List<String> payloads) {
		payloads.stream().distinct().forEach(this::invalidate);
	}

	private void invalidate(String topic) {
		this.subscribers.getOrDefault(topic, List.of()).forEach(Runnable::run);
	}

}
