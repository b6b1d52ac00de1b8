package io.mseg.console.push;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push settings (prefix {@code mseg.push}).
 *
 * @param heartbeatInterval how often an event stream carries a heartbeat comment, so that
 * both ends notice a dead connection
 * @param pollInterval how often a replica looks for changes even without a notification
 * (the notifications only wake it up earlier)
 * @param changeRetention how long the log of policy changes is kept; an enforcer resuming
 * from an older event is told to resync
 * @param senderThreads threads that write the events of a large push, while the push
 * thread computes the next enforcers' documents; 0 means three per core: a write waits
 * for the network as well as for the CPU (3,000 streams on Jetty: sending took ~20% less
 * time with 6 threads than with 1 on 2 cores)
 * @param recomputeChunk how many enforcers' documents a push computes before it sends
 * their events
 * @param streamsPerEnforcer how many event streams one enforcer may hold open on a
 * replica; opening one more closes its oldest (an enforcer holds one, and briefly two
 * while it reconnects before the console noticed the old one die), so that one
 * certificate cannot hold the connections every tenant's enforcers need
 */
@ConfigurationProperties("mseg.push")
public record PushProperties(@DefaultValue("15s") Duration heartbeatInterval,
		@DefaultValue("10s") Duration pollInterval, @DefaultValue("24h") Duration changeRetention,
		@DefaultValue("0") int senderThreads, @DefaultValue("1000") int recomputeChunk,
		@DefaultValue("2") int streamsPerEnforcer) {

	public PushProperties {
		if (recomputeChunk < 1) {
			throw new IllegalArgumentException("mseg.push.recompute-chunk must be at least 1, not " + recomputeChunk);
		}
		if (streamsPerEnforcer < 1) {
			throw new IllegalArgumentException(
					"mseg.push.streams-per-enforcer must be at least 1, not " + streamsPerEnforcer);
		}
	}

	int senders() {
		return (this.senderThreads > 0) ? this.senderThreads : 3 * Runtime.getRuntime().availableProcessors();
	}

}
