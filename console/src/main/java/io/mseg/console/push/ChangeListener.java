package io.mseg.console.push;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for the policy-change notifications of every replica on a dedicated connection
 * of its own (outside the pool, which would hand it to others), and refreshes the policy
 * state when one arrives, or at the poll interval anyway. A lost connection is
 * re-established with backoff; the refresh that follows catches up from the change log.
 */
@Component
class ChangeListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

	private final HikariDataSource dataSource;

	private final PolicyState state;

	private final PushProperties properties;

	private volatile Thread thread;

	private volatile Connection connection;

	ChangeListener(DataSource dataSource, PolicyState state, PushProperties properties) throws SQLException {
		this.dataSource = dataSource.unwrap(HikariDataSource.class);
		this.state = state;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.thread = new Thread(this::listen, "policy-change-listener");
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

	/** Later than the policy state, which it refreshes. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE + 1;
	}

	private void listen() {
		Duration backoff = Duration.ofSeconds(1);
		while (this.thread == Thread.currentThread()) {
			try {
				this.connection = DriverManager.getConnection(this.dataSource.getJdbcUrl(),
						this.dataSource.getUsername(), this.dataSource.getPassword());
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("LISTEN " + PolicyChanges.CHANNEL);
				}
				backoff = Duration.ofSeconds(1);
				// Whatever was committed while not listening is in the change log.
				this.state.refreshSoon();
				PGConnection pg = this.connection.unwrap(PGConnection.class);
				while (this.thread == Thread.currentThread()) {
					// Returns on a notification or after the poll interval: either way,
					// look at the log.
					pg.getNotifications((int) this.properties.pollInterval().toMillis());
					this.state.refreshSoon();
				}
			}
			catch (SQLException ex) {
				if (this.thread != Thread.currentThread()) {
					return;
				}
				log.warn("Lost the policy-change listener connection ({}); reconnecting in {} s", ex.getMessage(),
						backoff.toSeconds());
				closeQuietly();
				sleep(backoff);
				backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
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
				log.debug("Closing the listener connection failed", ex);
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
