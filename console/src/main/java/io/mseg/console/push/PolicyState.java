package io.mseg.console.push;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mseg.console.snapshot.PolicySnapshotService;
import io.mseg.console.snapshot.PolicySnapshotService.Change;
import io.mseg.console.snapshot.PolicySnapshotService.Changes;
import io.mseg.policy.index.PolicyIndex;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This replica's in-memory view of every processing unit, external network and policy (an
 * indexed {@link PolicyIndex}), kept up to date from the database's change log: the
 * tables are the truth, notifications only say when to look. Each refresh works out which
 * enforcers' rendered policies the changes may affect and publishes
 * {@link PoliciesChanged} for them.
 */
@Component
public class PolicyState implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PolicyState.class);

	private static final int BATCH = 5_000;

	private final PolicySnapshotService database;

	private final ApplicationEventPublisher events;

	/**
	 * Refreshes and expiry timers run here; created on start (a test context may be
	 * restarted).
	 */
	private volatile ScheduledExecutorService refresher;

	private final AtomicBoolean refreshQueued = new AtomicBoolean();

	private volatile PolicyIndex index = new PolicyIndex();

	private volatile long version = -1;

	private volatile boolean running;

	private final Clock clock;

	private ScheduledFuture<?> expiry;

	PolicyState(PolicySnapshotService database, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		Gauge.builder("mseg.policy.version", this, (state) -> state.version)
			.description("The policy version this replica has applied")
			.register(meters);
		this.database = database;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "policy-state-refresh");
			thread.setDaemon(true);
			return thread;
		});
		reload();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.refresher.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** The state as of the database's current version (catching up first if behind). */
	public PolicyIndex current() {
		if (this.database.version() > this.version) {
			refresh();
		}
		return this.index;
	}

	public long version() {
		return this.version;
	}

	/** Asks for a refresh on the refresher thread; requests made meanwhile are merged. */
	public void refreshSoon() {
		ScheduledExecutorService executor = this.refresher;
		if (executor != null && !executor.isShutdown() && this.refreshQueued.compareAndSet(false, true)) {
			executor.execute(() -> {
				this.refreshQueued.set(false);
				try {
					refresh();
				}
				catch (RuntimeException ex) {
					log.warn("Could not refresh the policy state; the next notification or poll retries", ex);
				}
			});
		}
	}

	/** Applies the changes committed since the last refresh. */
	public synchronized void refresh() {
		Changes changes;
		do {
			changes = this.database.changesSince(this.version, BATCH);
			if (changes.gap()) {
				log.info("Policy changes after version {} are no longer in the log; reloading everything",
						this.version);
				reload();
				return;
			}
			apply(changes);
		}
		while (changes.changes().size() == BATCH);
	}

	/** Reads everything again and treats every enforcer as affected. */
	public synchronized void reload() {
		PolicySnapshotService.Versioned current = this.database.current();
		this.index = PolicyIndex.of(current.snapshot());
		this.version = current.version();
		log.info("Loaded the policy state at version {}: {} processing units, {} external networks, {} policies",
				this.version, this.index.processingUnitCount(), this.index.externalNetworkCount(),
				this.index.policyCount());
		this.events.publishEvent(PoliciesChanged.everything(this.version));
		scheduleExpiry();
	}

	/**
	 * A policy that expires changes rendered policies without any change in the database:
	 * at that instant every enforcer is looked at again.
	 */
	private synchronized void scheduleExpiry() {
		if (this.expiry != null) {
			this.expiry.cancel(false);
		}
		ScheduledExecutorService executor = this.refresher;
		if (executor == null || executor.isShutdown()) {
			return;
		}
		Instant now = this.clock.instant();
		this.index.nextExpiration(now).ifPresent((when) -> {
			long delay = Math.max(0, Duration.between(now, when).toMillis()) + 1;
			this.expiry = executor.schedule(() -> {
				this.events.publishEvent(PoliciesChanged.everything(this.version));
				scheduleExpiry();
			}, delay, TimeUnit.MILLISECONDS);
		});
	}

	private void apply(Changes changes) {
		Set<String> units = new HashSet<>();
		Set<String> enforcers = new HashSet<>();
		for (Change change : changes.changes()) {
			units.addAll(apply(change, enforcers));
		}
		for (String unit : units) {
			this.index.processingUnit(unit).map(ProcessingUnit::enforcerId).ifPresent(enforcers::add);
		}
		this.version = Math.max(this.version, changes.version());
		if (!changes.changes().isEmpty()) {
			scheduleExpiry();
		}
		enforcers.remove(null);
		if (!enforcers.isEmpty()) {
			this.events.publishEvent(new PoliciesChanged(Set.copyOf(enforcers), false, this.version));
		}
	}

	/**
	 * Applies one change and answers the units it may affect; the enforcer that held a
	 * changed unit before is added to {@code enforcers} (the unit may be gone or moved).
	 */
	private Set<String> apply(Change change, Set<String> enforcers) {
		Optional<?> current = change.current();
		switch (change.kind()) {
			case "processingunit" -> {
				this.index.processingUnit(change.objectId()).map(ProcessingUnit::enforcerId).ifPresent(enforcers::add);
				return current.isPresent() ? this.index.put((ProcessingUnit) current.get())
						: this.index.removeProcessingUnit(change.objectId());
			}
			case "externalnetwork" -> {
				return current.isPresent() ? this.index.put((ExternalNetwork) current.get())
						: this.index.removeExternalNetwork(change.objectId());
			}
			case "networkaccesspolicy" -> {
				return current.isPresent() ? this.index.put((NetworkPolicy) current.get())
						: this.index.removeNetworkPolicy(change.objectId());
			}
			default -> {
				return Set.of();
			}
		}
	}

}
