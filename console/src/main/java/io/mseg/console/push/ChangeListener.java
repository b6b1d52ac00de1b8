package io.mseg.console.push;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.mseg.console.database.NotificationListener;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for the policy-change notifications of every replica and refreshes the policy
 * state when one arrives, or at the poll interval anyway; after a lost connection the
 * refresh catches up from the change log.
 */
@Component
class ChangeListener extends NotificationListener {

	private final PolicyState state;

	private final PushProperties properties;

	ChangeListener(DataSource dataSource, PolicyState state, PushProperties properties) throws SQLException {
		super(dataSource, PolicyChanges.CHANNEL, "policy-change");
		this.state = state;
		this.properties = properties;
	}

	@Override
	protected Duration longestWait() {
		return this.properties.pollInterval();
	}

	@Override
	protected void listening() {
		// whatever was committed while not listening is in the change log
		this.state.refreshSoon();
	}

	@Override
	protected void woke(List<String> payloads) {
		// a notification or the poll interval: either way, look at the log
		this.state.refreshSoon();
	}

	/** Later than the policy state, which it refreshes. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE + 1;
	}

}
