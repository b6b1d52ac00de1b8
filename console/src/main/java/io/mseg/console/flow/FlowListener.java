package io.mseg.console.flow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for the stored-batch notifications of every replica ({@code LISTEN
 * mseg_flow_records}) on a connection of its own, outside the pool, and hands them to
 * {@link FlowEvents}. A lost connection is re-established with backoff; batches stored
 * meanwhile are not replayed (a live tail shows what happens while it is open).
 */
@Component
class FlowListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FlowListener.class);

	private static final int WAIT_MILLIS = 10_000;

	private final HikariDataSource dataSource;

	private final FlowEvents events;

	private volatile Thread thread;

	private volatile Connection connection;

	FlowListener(DataSource dataSource, FlowEvents events) throws SQLException {
		this.dataSource = dataSource.unwrap(HikariDataSource.class);
		this.events = events;
	}

	@Override
	public void start() {
		this.thread = new Thread(this::listen, "flow-report-listener");
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
					statement.execute("LISTEN " + FlowStore.CHANNEL);
				}
				backoff = Duration.ofSeconds(1);
				PGConnection pg = this.connection.unwrap(PGConnection.class);
				while (this.thread == Thread.currentThread()) {
					PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							deliver(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				if (this.thread != Thread.currentThread()) {
					return;
				}
				log.warn("Lost the flow report listener connection ({}); reconnecting in {} s", ex.getMessage(),
						backoff.toSeconds());
				closeQuietly();
				try {
					Thread.sleep(backoff.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = (backoff.toSeconds() >= 15) ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
			}
		}
	}

	private void deliver(String payload) {
		FlowNotification notification = FlowNotification.parse(payload);
		if (notification == null) {
			return;
		}
		try {
			this.events.stored(notification);
		}
		catch (RuntimeException ex) {
			log.warn("Reading stored flow records for the live tail failed: {}", ex.getMessage());
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
				log.debug("Closing the flow report listener connection failed", ex);
			}
		}
	}

}
