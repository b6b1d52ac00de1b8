package io.mseg.console.flow;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.mseg.console.database.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Listens for the stored-batch notifications of every replica ({@code LISTEN
 * mseg_flow_records}) and hands them to {@link FlowEvents}. Batches stored while the
 * connection was lost are not replayed (a live tail shows what happens while it is open).
 */
@Component
class FlowListener extends NotificationListener {

	private static final Logger log = LoggerFactory.getLogger(FlowListener.class);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final FlowEvents events;

	FlowListener(DataSource dataSource, FlowEvents events) throws SQLException {
		super(dataSource, FlowStore.CHANNEL, "flow-report");
		this.events = events;
	}

	@Override
	protected Duration longestWait() {
		return WAIT;
	}

	@Override
	protected void woke(List<String> payloads) {
		payloads.forEach(this::deliver);
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

}
