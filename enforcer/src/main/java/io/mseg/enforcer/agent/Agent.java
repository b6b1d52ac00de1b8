package io.mseg.enforcer.agent;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.console.Backoff;
import io.mseg.enforcer.console.ConsoleApi;
import io.mseg.enforcer.console.ConsoleConnector;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.console.EventStream;
import io.mseg.enforcer.console.Fetched;
import io.mseg.enforcer.console.ReportedUnit;
import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.console.Status;
import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.document.PolicySections;
import io.mseg.enforcer.enroll.CaPinner;
import io.mseg.enforcer.enroll.Credentials;
import io.mseg.enforcer.enroll.Enrolled;
import io.mseg.enforcer.enroll.Enrollment;
import io.mseg.enforcer.enroll.EnrollmentException;
import io.mseg.enforcer.enroll.EnrollmentToken;
import io.mseg.enforcer.nftables.NftClient;
import io.mseg.enforcer.nftables.NftException;
import io.mseg.enforcer.nftables.RulesetOptions;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.enforcer.store.PolicyStore;
import io.mseg.enforcer.store.PolicyStore.StoredPolicy;
import io.mseg.enforcer.store.StateFiles;
import io.mseg.policy.render.wire.EnforcerPolicyIndex;

/**
 * The enforcer's loop. At start-up: check {@code nft}, enforce the stored policy (the
 * host is protected before the console answers), enroll if needed. Then, session after
 * session: declare the host's processing unit, open the event stream (resuming with
 * {@code Last-Event-ID}), fetch the rendered policy (with {@code If-None-Match}) after
 * connecting, on every {@code policy}/{@code resync} event and every poll interval, store
 * it and apply it; renew the certificate after 2/3 of its lifetime. A session ends when
 * the stream breaks or stays silent past the heartbeat timeout; the next one starts after
 * an exponential backoff with jitter. The kernel keeps the last rules all along.
 */
public final class Agent {

	/** Exit code: stopped normally. */
	public static final int OK = 0;

	/** Exit code: nft missing or not working, or the state directory unusable. */
	public static final int NO_NFT = 3;

	/** Exit code: first enrollment impossible. */
	public static final int NO_ENROLLMENT = 4;

	private static final Logger log = Logger.getLogger(Agent.class.getName());

	private static final String VERSION = Optional.ofNullable(Agent.class.getPackage().getImplementationVersion())
		.orElse("dev");

	private static final Duration RENEWAL_RETRY = Duration.ofMinutes(1);

	private static final int FETCH_ATTEMPTS = 3;

	private final Settings settings;

	private final NftClient nft;

	private final ConsoleConnector connector;

	private final ConsoleResolver resolver;

	private final Clock clock;

	private final StateFiles files;

	private final PolicyStore store;

	private final Enrollment enrollment;

	private final Enforcement enforcement;

	/**
	 * The sections of the policy enforced, parsed: a new version needs only the others.
	 */
	private final PolicySections sections = new PolicySections();

	private final Backoff backoff;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final Instant startTime;

	private Enrolled enrolled;

	private ConsoleApi api;

	private Credentials apiCredentials;

	private String etag;

	private String lastEventId;

	private Instant lastSync;

	private Instant nextRenewal;

	private volatile EventStream stream;

	private String lastFailure;

	Agent(Settings settings, NftClient nft, ConsoleConnector connector, CaPinner pinner, ConsoleResolver resolver,
			StateFiles files, Clock clock) {
		this.settings = settings;
		this.nft = nft;
		this.connector = connector;
		this.resolver = resolver;
		this.clock = clock;
		this.files = files;
		this.store = new PolicyStore(files);
		this.enrollment = new Enrollment(files, connector, pinner);
		this.enforcement = new Enforcement(nft, new RulesetOptions(settings.nftTable(), List.of(),
				settings.failsafeInbound(), settings.failsafeOutbound(), settings.reject()));
		this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(),
				() -> ThreadLocalRandom.current().nextDouble());
		this.startTime = clock.instant();
	}

	/**
	 * The real enforcer: {@code nft} as a process, HTTPS to the console.
	 * @param settings the settings
	 * @return the agent
	 * @throws IOException when the state directory cannot be created
	 */
	public static Agent create(Settings settings) throws IOException {
		return new Agent(settings, NftClient.forCommand(settings.nftCommand(), Duration.ofSeconds(30)),
				ConsoleConnector.https(settings.console(), settings.requestTimeout()),
				CaPinner.tls(settings.console(), settings.requestTimeout()), ConsoleResolver.dns(settings.console()),
				new StateFiles(settings.stateDirectory()), Clock.systemUTC());
	}

	/**
	 * Starts and runs until {@link #stop()}.
	 * @return the exit code
	 */
	public int run() {
		int code = start();
		if (code != OK) {
			return code;
		}
		loop();
		return OK;
	}

	/**
	 * Start-up: checks nft, enforces the stored policy, enrolls if needed.
	 * @return {@link #OK}, or the exit code of what went wrong
	 */
	int start() {
		try {
			String version = this.nft.version();
			log.info(() -> "Using " + version + ", table inet " + this.settings.nftTable());
		}
		catch (NftException ex) {
			log.severe("nft is missing or not working: " + ex.getMessage());
			return NO_NFT;
		}
		resolveConsole(true);
		try {
			enforceStored();
			Optional<Enrolled> known = this.enrollment.load();
			if (known.isPresent()) {
				this.enrolled = known.get();
				log.info(() -> "Enforcer " + this.enrolled.identity().id() + " (" + this.enrolled.identity().name()
						+ ") in " + this.enrolled.identity().namespace() + ", certificate valid until "
						+ this.enrolled.credentials().expiresAt());
				if (!this.enrolled.credentials().expiresAt().isAfter(this.clock.instant())) {
					log.severe("The client certificate expired at " + this.enrolled.credentials().expiresAt()
							+ ": the console will refuse it and it cannot be renewed. Still enforcing the stored policy. "
							+ "To reconnect: delete enforcer " + this.enrolled.identity().id()
							+ " in the console, remove " + this.settings.stateDirectory()
							+ " and start again with a new enrollment token.");
				}
				if (!this.settings.console().toString().equals(this.enrolled.identity().console())) {
					log.warning("Enrolled with " + this.enrolled.identity().console() + " but --console is "
							+ this.settings.console() + "; using " + this.settings.console());
				}
			}
			else {
				if (this.settings.token() == null) {
					log.severe("Not enrolled yet and no enrollment token: give --token (or MSEG_ENFORCER_TOKEN)");
					return NO_ENROLLMENT;
				}
				this.enrolled = this.enrollment.enroll(EnrollmentToken.parse(this.settings.token()),
						this.settings.name(), this.settings.console().toString());
			}
		}
		catch (EnrollmentException ex) {
			log.severe("Cannot enroll with the console at " + this.settings.console() + ": " + ex.getMessage());
			return NO_ENROLLMENT;
		}
		catch (IOException ex) {
			log.severe("State directory " + this.settings.stateDirectory() + ": " + ex.getMessage());
			return NO_NFT;
		}
		this.nextRenewal = this.enrolled.credentials().renewAt();
		return OK;
	}

	/** Sessions with the console until {@link #stop()}. */
	void loop() {
		while (!isStopped()) {
			try {
				session();
			}
			catch (ConsoleException | IOException ex) {
				if (isStopped()) {
					break;
				}
				Duration wait = this.backoff.next();
				if (ex instanceof ConsoleException console && console.retryAfter() != null
						&& console.retryAfter().compareTo(wait) > 0) {
					wait = console.retryAfter();
				}
				String message = "Console session ended: " + ex.getMessage() + "; still enforcing policy version "
						+ currentVersion() + "; reconnecting in " + wait.toMillis() + " ms";
				// The first failure, a different one and every tenth get a warning; the
				// rest
				// of an outage is logged at FINE.
				int failures = this.backoff.failures();
				if (failures == 1 || failures % 10 == 0 || !Objects.equals(ex.getMessage(), this.lastFailure)) {
					log.warning(message + ((failures > 1) ? " (attempt " + failures + ")" : ""));
				}
				else {
					log.fine(message);
				}
				this.lastFailure = ex.getMessage();
				sleep(wait);
			}
			catch (NftException ex) {
				log.severe("nft refused the ruleset, the kernel keeps the previous one: " + ex.getMessage());
				poke("Failed");
				sleep(this.backoff.next());
			}
			catch (InterruptedException ex) {
				if (!isStopped()) {
					Thread.currentThread().interrupt();
				}
				break;
			}
			catch (RuntimeException ex) {
				log.log(Level.SEVERE, "Unexpected failure in the console session; retrying", ex);
				sleep(this.backoff.next());
			}
			finally {
				EventStream open = this.stream;
				if (open != null) {
					open.close();
					this.stream = null;
				}
			}
		}
	}

	/** Stops the loop (the kernel keeps enforcing the last policy). */
	public void stop() {
		this.stopped.countDown();
		EventStream open = this.stream;
		if (open != null) {
			open.close();
		}
	}

	private boolean isStopped() {
		return this.stopped.getCount() == 0;
	}

	private void session() throws ConsoleException, IOException, NftException, InterruptedException {
		resolveConsole(false);
		if (this.api == null || this.apiCredentials != this.enrolled.credentials()) {
			// One HTTP client per certificate: the JDK's client keeps a selector thread,
			// so
			// a new one per reconnection would pile them up during a long outage.
			this.api = connect();
		}
		renewIfDue();
		String id = this.enrolled.identity().id();
		this.api.registerUnits(id, List.of(hostUnit()));
		this.stream = this.api.events(id, this.lastEventId);
		if (isStopped()) {
			return;
		}
		int failed = this.backoff.failures();
		log.info(() -> "Connected to the console at " + this.settings.console() + " (event stream"
				+ ((this.lastEventId != null) ? " resumed after event " + this.lastEventId : "")
				+ ((failed > 0) ? ", after " + failed + " failed attempts" : "") + ")");
		this.lastFailure = null;
		fetch("console");
		poke("Active");
		this.backoff.reset();
		long heartbeat = this.settings.heartbeatTimeout().toNanos();
		long lastActivity = System.nanoTime();
		long nextPoll = System.nanoTime() + this.settings.pollInterval().toNanos();
		while (!isStopped()) {
			long now = System.nanoTime();
			long wait = Math.min(lastActivity + heartbeat - now, nextPoll - now);
			wait = Math.min(wait, Duration.between(this.clock.instant(), this.nextRenewal).toNanos());
			SseEvent event = this.stream.next(Duration.ofNanos(Math.max(wait, 1_000_000)));
			now = System.nanoTime();
			if (event != null) {
				lastActivity = now;
				if (!event.isComment()) {
					if (event.id() != null) {
						this.lastEventId = event.id();
					}
					if ("policy".equals(event.type()) || "resync".equals(event.type())) {
						log.fine(() -> "Event " + event.type() + " " + event.data());
						fetch("console (" + event.type() + " event)");
						nextPoll = System.nanoTime() + this.settings.pollInterval().toNanos();
					}
				}
			}
			else if (now - lastActivity >= heartbeat) {
				throw new IOException("no heartbeat for " + this.settings.heartbeatTimeout().toSeconds()
						+ " s: the event stream is dead");
			}
			if (now - nextPoll >= 0) {
				fetch("console (poll)");
				nextPoll = System.nanoTime() + this.settings.pollInterval().toNanos();
			}
			renewIfDue();
		}
	}

	private ConsoleApi connect() throws ConsoleException {
		try {
			ConsoleApi client = this.connector.connect(this.enrolled.credentials().sslContext());
			this.apiCredentials = this.enrolled.credentials();
			return client;
		}
		catch (GeneralSecurityException ex) {
			throw new ConsoleException("unusable client credentials: " + ex.getMessage(), ex);
		}
	}

	private void renewIfDue() {
		if (this.clock.instant().isBefore(this.nextRenewal)) {
			return;
		}
		try {
			this.enrolled = this.enrollment.renew(this.enrolled, this.api);
			this.nextRenewal = this.enrolled.credentials().renewAt();
			this.api = connect();
		}
		catch (EnrollmentException | IOException | ConsoleException ex) {
			this.nextRenewal = this.clock.instant().plus(RENEWAL_RETRY);
			log.warning("Certificate renewal failed (valid until " + this.enrolled.credentials().expiresAt()
					+ "), retrying in " + RENEWAL_RETRY.toSeconds() + " s: " + ex.getMessage());
		}
	}

	/**
	 * Fetches, and when the policy changed: checks it, stores it, applies it. The policy
	 * comes in sections: the index first, then only the sections not held yet. A section
	 * that left the policy between the two requests (409) means a newer index: fetched
	 * again, a few times at most.
	 */
	private void fetch(String source) throws ConsoleException, IOException, NftException {
		String id = this.enrolled.identity().id();
		for (int attempt = 1;; attempt++) {
			long start = System.nanoTime();
			Fetched fetched = this.api.fetchPolicyIndex(id, this.etag);
			long indexed = System.nanoTime();
			if (fetched.notModified()) {
				log.fine("Policy unchanged (304)");
				this.lastSync = this.clock.instant();
				return;
			}
			EnforcerPolicyIndex index;
			Map<String, String> received;
			try {
				index = PolicySections.parseIndex(fetched.json());
				received = fetchSections(id, this.sections.missing(index));
			}
			catch (ConsoleException ex) {
				if (ex.status() == 409 && attempt < FETCH_ATTEMPTS) {
					log.fine(() -> "The policy changed while its sections were fetched: " + ex.getMessage());
					continue;
				}
				throw ex;
			}
			catch (IllegalArgumentException ex) {
				refused(ex);
				return;
			}
			PolicyDocument document;
			try {
				this.sections.add(index, received);
				document = this.sections.assemble(index);
				this.enforcement.check(document);
			}
			catch (IllegalArgumentException ex) {
				refused(ex);
				return;
			}
			long checked = System.nanoTime();
			this.store.save(new StoredPolicy(fetched.json(), fetched.etag(), received), index.sections());
			long stored = System.nanoTime();
			log.fine(() -> "Fetched the index in " + millis(indexed - start) + " ms and " + received.size()
					+ " sections in " + millis(checked - indexed) + " ms (parsed and checked), stored in "
					+ millis(stored - checked) + " ms");
			this.enforcement.enforce(document, source);
			this.sections.retain(index);
			this.etag = fetched.etag();
			this.lastSync = this.clock.instant();
			poke("Active");
			return;
		}
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

	private Map<String, String> fetchSections(String id, List<String> names) throws ConsoleException {
		Map<String, String> received = new LinkedHashMap<>();
		for (int from = 0; from < names.size(); from += ConsoleApi.MAX_SECTIONS) {
			received.putAll(this.api.fetchSections(id,
					names.subList(from, Math.min(names.size(), from + ConsoleApi.MAX_SECTIONS))));
		}
		return received;
	}

	private void refused(IllegalArgumentException ex) {
		log.severe(
				"The console sent a policy this enforcer cannot enforce, keeping the previous one: " + ex.getMessage());
		poke("Failed");
	}

	private void enforceStored() throws IOException {
		try {
			Optional<StoredPolicy> stored = this.store.load();
			if (stored.isPresent()) {
				EnforcerPolicyIndex index = PolicySections.parseIndex(stored.get().index());
				this.sections.add(index, stored.get().sections());
				this.enforcement.enforce(this.sections.assemble(index), "the state directory");
				this.sections.retain(index);
				this.etag = stored.get().etag();
				return;
			}
			Optional<String> document = this.store.loadDocument();
			if (document.isPresent()) {
				this.enforcement.enforce(PolicyDocuments.parse(document.get()), "the state directory (whole document)");
				return;
			}
			log.info("No stored policy yet: the kernel is not touched until the console sends one");
		}
		catch (IllegalArgumentException | NftException ex) {
			log.severe("Cannot enforce the stored policy: " + ex.getMessage());
		}
	}

	private void resolveConsole(boolean first) {
		try {
			List<Endpoint> endpoints = this.resolver.resolve();
			if (this.enforcement.consoleMoved(endpoints) || first) {
				log.info(() -> "Console at " + endpoints.stream().map((e) -> e.address() + ":" + e.port()).toList());
			}
		}
		catch (IOException ex) {
			log.warning(ex.getMessage() + "; keeping the console addresses known so far "
					+ this.enforcement.options().console());
		}
		catch (NftException ex) {
			log.severe("nft refused the ruleset with the console's new address: " + ex.getMessage());
		}
	}

	private ReportedUnit hostUnit() {
		List<String> addresses = this.settings.addresses().isEmpty() ? HostAddresses.detect()
				: this.settings.addresses();
		return new ReportedUnit(this.settings.name(), "Host", "Host protected by enforcer " + this.settings.name(),
				addresses, this.settings.tags());
	}

	private void poke(String status) {
		if (this.api == null || this.enrolled == null) {
			return;
		}
		try {
			this.api.poke(this.enrolled.identity().id(), new Status(VERSION, this.startTime, this.lastSync, status));
		}
		catch (ConsoleException ex) {
			log.fine(() -> "Status report failed: " + ex.getMessage());
		}
	}

	private String currentVersion() {
		PolicyDocument document = this.enforcement.document();
		return (document != null) ? String.valueOf(document.version()) : "none";
	}

	private void sleep(Duration duration) {
		try {
			this.stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			this.stopped.countDown();
			Thread.currentThread().interrupt();
		}
	}

}
