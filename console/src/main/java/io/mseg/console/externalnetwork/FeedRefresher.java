package io.mseg.console.externalnetwork;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.mseg.console.externalnetwork.ExternalNetworkService.FetchOutcome;
import io.mseg.console.externalnetwork.FeedClaims.Claim;
import io.mseg.console.externalnetwork.feed.FeedAddressGuard;
import io.mseg.console.externalnetwork.feed.FeedClient;
import io.mseg.console.externalnetwork.feed.FeedException;
import io.mseg.console.externalnetwork.feed.FeedFormat;
import io.mseg.console.externalnetwork.feed.FeedParser;
import io.mseg.console.externalnetwork.feed.JsonPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps feed-backed external networks current: every poll interval, claims the sources
 * that are due (one replica per source, {@link FeedClaims}) as long as a fetch slot is
 * free, fetches each off the scheduler's thread, and hands the outcome to the
 * {@link ExternalNetworkService}, which applies a new list through the path of an API
 * edit. The schedule lives in the database, so a restarted replica fetches only what is
 * due, and a new source at once.
 */
@Component
class FeedRefresher implements SchedulingConfigurer, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(FeedRefresher.class);

	private final FeedClaims claims;

	private final ExternalNetworkService networks;

	private final FeedProperties properties;

	private final FeedClient client;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Semaphore slots;

	private final ExecutorService fetchers;

	FeedRefresher(FeedClaims claims, ExternalNetworkService networks, FeedProperties properties, Clock clock,
			MeterRegistry meters) {
		this.claims = claims;
		this.networks = networks;
		this.properties = properties;
		this.client = new FeedClient(new FeedAddressGuard(properties.allowedHosts()), properties.timeout(),
				properties.maxSize().toBytes());
		this.clock = clock;
		this.meters = meters;
		this.slots = new Semaphore(properties.concurrency());
		this.fetchers = Executors.newFixedThreadPool(properties.concurrency(), (task) -> {
			Thread thread = new Thread(task, "feed-fetch");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (this.properties.enabled()) {
			registrar.addFixedDelayTask(this::refreshDue, this.properties.pollInterval());
		}
	}

	/**
	 * Claims and starts the fetches that are due, as many as there are free slots; does
	 * not wait for them.
	 * @return how many were started
	 */
	int refreshDue() {
		int started = 0;
		try {
			List<UUID> due = this.claims.due(this.properties.concurrency());
			for (UUID id : due) {
				if (!this.slots.tryAcquire()) {
					break;
				}
				var claim = this.claims.claim(id, lease());
				if (claim.isEmpty()) {
					this.slots.release();
					continue;
				}
				this.fetchers.execute(() -> {
					try {
						refresh(claim.get());
					}
					finally {
						this.slots.release();
					}
				});
				started++;
			}
		}
		catch (RuntimeException ex) {
			// The database may be away for a moment: the next poll tries again.
			logger.warn("Cannot look for feeds to fetch: {}", ex.toString());
		}
		return started;
	}

	/**
	 * Waits until every fetch started so far has been recorded (tests and shutdown).
	 * @return whether they all were within the time
	 */
	boolean awaitIdle(Duration within) throws InterruptedException {
		int all = this.properties.concurrency();
		if (!this.slots.tryAcquire(all, within.toMillis(), TimeUnit.MILLISECONDS)) {
			return false;
		}
		this.slots.release(all);
		return true;
	}

	// Longer than a fetch can take, so that no other replica starts the same source
	// while this one still may record it.
	private Duration lease() {
		return this.properties.timeout().multipliedBy(2).plusMinutes(1);
	}

	/** Fetches one claimed source and records what happened. */
	void refresh(Claim claim) {
		ExternalNetworkSource source = claim.source();
		String id = claim.id().toString();
		Instant time = this.clock.instant();
		FetchOutcome outcome;
		String error = null;
		try {
			FeedClient.Result result = this.client.fetch(URI.create(source.url()), source.caCertificate(), claim.etag(),
					claim.lastModified());
			if (result instanceof FeedClient.Fetched fetched) {
				List<String> entries = parser(source).parse(fetched.body()).entries();
				outcome = this.networks.applyFetch(id, source, entries, fetched.etag(), fetched.lastModified(), time);
			}
			else {
				outcome = this.networks.recordNotModified(id, source, time);
			}
		}
		catch (FeedException ex) {
			error = ex.getMessage();
			outcome = this.networks.recordFetchFailure(id, source, error, time);
		}
		catch (RuntimeException ex) {
			// Not the feed's fault: said in the status all the same, so that nobody waits
			// for a list that is not coming.
			logger.error("Fetching the feed of external network {} failed", id, ex);
			error = "the console could not take the feed: " + ex.getClass().getSimpleName();
			outcome = this.networks.recordFetchFailure(id, source, error, time);
		}
		this.meters.counter("mseg.feed.fetches", "outcome", outcome.name().toLowerCase()).increment();
		log(id, source, outcome, error);
	}

	private FeedParser parser(ExternalNetworkSource source) {
		JsonPath path = (source.path() != null) ? JsonPath.parse(source.path()) : null;
		return new FeedParser(FeedFormat.of(source.format()).orElseThrow(), source.service(), source.region(), path,
				this.properties.maxEntries());
	}

	// The URL's query may carry a feed's API key: logs name the host only.
	private static void log(String id, ExternalNetworkSource source, FetchOutcome outcome, String error) {
		String host = URI.create(source.url()).getHost();
		switch (outcome) {
			case APPLIED -> logger.info("External network {}: applied a new list from {}", id, host);
			case HELD -> logger.warn("External network {}: a list from {} is held by the mass-removal guard", id, host);
			case FAILED -> logger.warn("External network {}: fetching from {} failed: {}", id, host, error);
			default -> logger.debug("External network {}: {} from {}", id, outcome, host);
		}
	}

	@Override
	public void destroy() {
		this.fetchers.shutdownNow();
	}

}
