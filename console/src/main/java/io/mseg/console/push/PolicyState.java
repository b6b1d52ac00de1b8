package io.mseg.console.push;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

	/** Readers that need the state and its version to agree hold the read side. */
	private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();

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

	/**
	 * Runs {@code reader} on the state and the version it is the state of, as one
	 * consistent pair: no refresh runs meanwhile (caught up with the database first).
	 */
	public <T> T read(java.util.function.BiFunction<PolicyIndex, Long, T> reader) {
		catchUp();
		this.lock.readLock().lock();
		try {
			return reader.apply(this.index, this.version);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private void catchUp() {
		if (this.database.version() > this.version) {
			refresh();
		}
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

	/**
	 * Applies the changes committed since the last refresh. The change log is read before
	 * the write lock is taken and without holding any lock, so that no thread ever holds
	 * the lock while it waits for a pooled connection: request threads hold connections
	 * while they wait for the lock. Concurrent refreshes may read the same changes; each
	 * change is applied once, in version order.
	 */
	public void refresh() {
		long from = this.version;
		List<Changes> batches = new ArrayList<>();
		Changes changes;
		do {
			changes = this.database.changesSince(from, BATCH);
			if (changes.gap()) {
				log.info("Policy changes after version {} are no longer in the log; reloading everything", from);
				reload();
				return;
			}
			batches.add(changes);
			from = changes.version();
		}
		while (changes.changes().size() == BATCH);
		this.lock.writeLock().lock();
		try {
			batches.forEach(this::apply);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** Reads everything again and treats every enforcer as affected. */
	public void reload() {
		PolicySnapshotService.Versioned current = this.database.current();
		this.lock.writeLock().lock();
		try {
			if (current.version() < this.version) {
				return;
			}
			this.index = PolicyIndex.of(current.snapshot());
			this.version = current.version();
		}
		finally {
			this.lock.writeLock().unlock();
		}
		log.info("Loaded the policy state at version {}: {} processing units, {} external networks, {} policies",
				current.version(), current.snapshot().processingUnits().size(),
				current.snapshot().externalNetworks().size(), current.snapshot().policies().size());
		this.events.publishEvent(PoliciesChanged.everything(current.version()));
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

	/** Applies the changes of a batch that this state does not have yet. */
	private void apply(Changes changes) {
		if (changes.version() <= this.version) {
			return;
		}
		Set<String> units = new HashSet<>();
		Set<String> enforcers = new HashSet<>();
		for (Change change : changes.changes()) {
			if (change.version() > this.version) {
				units.addAll(apply(change, enforcers));
			}
		}
		for (String unit : units) {
			this.index.processingUnit(unit).map(ProcessingUnit::enforcerId).ifPresent(enforcers::add);
		}
		this.version = changes.version();
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
