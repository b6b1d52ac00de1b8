package io.mseg.console.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Listens on a PostgreSQL notification channel ({@code LISTEN}) for what every replica
 * announces, on a dedicated connection of its own (outside the pool, which would hand it
 * to others), on a thread of its own. A lost connection is re-established with a backoff
 * doubling from 1 s to 30 s; what was announced meanwhile is not replayed, so
 * {@link #listening()} tells the subclass to catch up if it needs to.
 */
public abstract class NotificationListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

	private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

	private final HikariDataSource dataSource;

	private final String channel;

	private final String name;

	private volatile Thread thread;

	private volatile Connection connection;

	/**
	 * @param dataSource the pool, whose URL and credentials the connection uses
	 * @param channel the channel
	 * @param name what it listens for, naming its thread and its log lines
	 * @throws SQLException when the data source is not a Hikari pool
	 */
	protected NotificationListener(DataSource dataSource, String channel, String name) throws SQLException {
		this.dataSource = dataSource.unwrap(HikariDataSource.class);
		this.channel = channel;
		this.name = name;
	}

	/**
	 * The longest wait for a notification before {@link #woke} is called with none.
	 * @return the wait
	 */
	protected abstract Duration longestWait();

	/** Called each time the connection listens again: catch up on what was missed. */
	protected void listening() {
	}

	/**
	 * Called when the connection is lost: notifications are missed until
	 * {@link #listening()} is called again.
	 */
	protected void lost() {
	}

	/**
	 * Called after each wait, with the notifications' payloads (none when the wait ended
	 * without one).
	 * @param payloads the payloads, in order
	 */
	protected abstract void woke(List<String> payloads);

	@Override
	public void start() {
		this.thread = new Thread(this::listen, this.name + "-listener");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		Thread listener = this.thread;
		this.thread = null;
		if (listener != null) {
			listener.interrupt();
		}
		closeQuietly();
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void listen() {
		Duration backoff = Duration.ofSeconds(1);
		while (this.thread == Thread.currentThread()) {
			try {
				this.connection = DriverManager.getConnection(this.dataSource.getJdbcUrl(),
						this.dataSource.getUsername(), this.dataSource.getPassword());
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("LISTEN " + this.channel);
				}
				backoff = Duration.ofSeconds(1);
				listening();
				PGConnection pg = this.connection.unwrap(PGConnection.class);
				while (this.thread == Thread.currentThread()) {
					PGNotification[] notifications = pg.getNotifications((int) longestWait().toMillis());
					List<String> payloads = new ArrayList<>();
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							payloads.add(notification.getParameter());
						}
					}
					woke(payloads);
				}
			}
			catch (SQLException ex) {
				lost();
				if (this.thread != Thread.currentThread()) {
					return;
				}
				log.warn("Lost the {} listener connection ({}); reconnecting in {} s", this.name, ex.getMessage(),
						backoff.toSeconds());
				closeQuietly();
				try {
					Thread.sleep(backoff.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = (backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0) ? LONGEST_BACKOFF
						: backoff.multipliedBy(2);
			}
		}
	}

	private void closeQuietly() {
		Connection current = this.connection;
		this.connection = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (SQLException ex) {
				log.debug("Closing the {} listener connection failed", this.name, ex);
			}
		}
	}

}
