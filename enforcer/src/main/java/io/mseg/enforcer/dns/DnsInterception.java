package io.mseg.enforcer.dns;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.mseg.enforcer.store.StateFiles;
import io.mseg.policy.network.IpAddress;

/**
 * DNS interception for domain entries, from start to stop: starts listening when the
 * policy first has a domain entry (not before, so a host without one is never
 * intercepted), says which port the ruleset redirects to ({@link #port}), renews the
 * redirect's keep-alive element, writes what was learned to the state directory every few
 * seconds and at stop, and reports its state. When it cannot listen (the port is taken),
 * domain entries allow nothing (their sets stay empty) and it says why; it tries again at
 * the next apply.
 */
public final class DnsInterception implements AutoCloseable {

	/** The state file of the learned addresses. */
	public static final String STATE_FILE = "dns-learned.txt";

	private static final Logger log = Logger.getLogger(DnsInterception.class.getName());

	private static final Duration TICK = Duration.ofSeconds(5);

	/** The longest error the console accepts in a status report. */
	static final int MAX_ERROR = 1024;

	private final int listenPort;

	private final DnsLearning learning;

	private final StateFiles files;

	private final Supplier<Instant> clock;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "dns-keepalive");
		thread.setDaemon(true);
		return thread;
	});

	private DnsProxy proxy;

	private boolean wanted;

	private String error;

	private boolean redirectRefused;

	private String written = "";

	private Runnable onTick = () -> {
	};

	/**
	 * @param listenPort the port on the loopback addresses
	 * @param floor the shortest lifetime of a learned address
	 * @param grace added to every lifetime
	 * @param table the enforcer's table
	 * @param files the state directory (what was learned before is read from it)
	 * @param clock the current time
	 */
	public DnsInterception(int listenPort, Duration floor, Duration grace, String table, StateFiles files,
			Supplier<Instant> clock) {
		this.listenPort = listenPort;
		this.files = files;
		this.clock = clock;
		LearnedAddresses store = new LearnedAddresses();
		try {
			Optional<String> text = files.read(STATE_FILE);
			if (text.isPresent()) {
				int skipped = store.load(text.get(), clock.get());
				if (skipped > 0) {
					log.warning(() -> skipped + " unreadable lines skipped in " + STATE_FILE);
				}
				this.written = store.text();
			}
		}
		catch (IOException ex) {
			log.warning(() -> "Cannot read " + STATE_FILE + ": " + ex.getMessage() + "; starting with nothing learned");
		}
		this.learning = new DnsLearning(table, floor, grace, clock, store);
	}

	/**
	 * The port the ruleset redirects DNS queries to, starting to listen if needed.
	 * @param domains whether the policy has domain entries
	 * @return the port, or {@code null} when there is nothing to intercept or
	 * interception cannot start
	 */
	public synchronized Integer port(boolean domains) {
		this.wanted = domains;
		if (!domains || this.redirectRefused) {
			return null;
		}
		if (this.proxy == null) {
			DnsProxy started = new DnsProxy(this.learning);
			try {
				started.start(this.listenPort);
				this.proxy = started;
				this.error = null;
				log.info(() -> "Intercepting DNS queries on port " + this.listenPort
						+ " (domain entries are enforced with the addresses their answers give)");
				this.timer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (IOException ex) {
				String reason = "DNS interception could not start: " + ex.getMessage()
						+ "; domain entries allow nothing until it does";
				if (!reason.equals(this.error)) {
					log.warning(reason);
				}
				this.error = reason;
				return null;
			}
		}
		return this.listenPort;
	}

	/**
	 * The kernel refused the rules that redirect DNS queries (no NAT support, for
	 * example) while it accepted the same policy without them: domain entries allow
	 * nothing until the enforcer restarts.
	 * @param reason nft's error
	 */
	public synchronized void redirectRefused(String reason) {
		this.redirectRefused = true;
		this.error = "DNS interception could not start: the kernel refused the DNS redirect (" + reason
				+ "); domain entries allow nothing until the enforcer restarts";
		log.warning(this.error);
	}

	/**
	 * What it learns from.
	 * @return the learning
	 */
	public DnsLearning learning() {
		return this.learning;
	}

	/**
	 * Its state for the console.
	 * @return the state
	 */
	public synchronized DnsStatus status() {
		String interception = !this.wanted ? "Off"
				: (this.proxy != null && !this.redirectRefused) ? "Active" : "Failed";
		LearnedAddresses store = this.learning.store();
		return new DnsStatus(interception, store.names(), store.addresses(),
				"Failed".equals(interception) ? abbreviate(this.error) : null);
	}

	/**
	 * The console refuses a status whose error is longer than {@value #MAX_ERROR}
	 * characters (and with it the whole report); nft's errors quote the script.
	 */
	static String abbreviate(String error) {
		return (error == null || error.length() <= MAX_ERROR) ? error : error.substring(0, MAX_ERROR - 1) + "…";
	}

	/**
	 * Whether domain entries should be enforced and cannot be.
	 * @return whether interception failed
	 */
	public synchronized boolean failed() {
		return this.wanted && (this.proxy == null || this.redirectRefused);
	}

	/**
	 * What to call every few seconds once intercepting (the status report compares what
	 * it sent with {@link #status()}).
	 * @param listener the listener
	 */
	public synchronized void onTick(Runnable listener) {
		this.onTick = listener;
	}

	private void tick() {
		try {
			this.learning.renewAlive();
		}
		catch (IOException ex) {
			log.warning(() -> "Could not renew the DNS redirect: " + ex.getMessage());
		}
		save();
		Runnable listener;
		synchronized (this) {
			listener = this.onTick;
		}
		listener.run();
	}

	private synchronized void save() {
		LearnedAddresses store = this.learning.store();
		Instant now = this.clock.get();
		this.learning.expire(now);
		store.prune(this.learning.sets(), now);
		String text = store.text();
		if (!text.equals(this.written)) {
			try {
				this.files.write(STATE_FILE, text);
				this.written = text;
			}
			catch (IOException ex) {
				log.warning(() -> "Cannot write " + STATE_FILE + ": " + ex.getMessage());
			}
		}
	}

	/** Stops intercepting (the host's lookups bypass the enforcer at once) and saves. */
	/**
	 * The names an address was learned from (flow reports name the domain of a
	 * connection).
	 * @param address an address
	 * @return the names, sorted; empty when none
	 */
	public List<String> namesOf(IpAddress address) {
		return this.learning.store().namesOf(address);
	}

	@Override
	public synchronized void close() {
		this.timer.shutdownNow();
		if (this.proxy != null) {
			this.learning.stopIntercepting();
			this.proxy.close();
			this.proxy = null;
		}
		save();
	}

	/**
	 * The state reported to the console.
	 *
	 * @param interception {@code Active}, {@code Failed} or {@code Off}
	 * @param learnedNames names with a live learned address
	 * @param learnedAddresses distinct learned addresses
	 * @param error why interception failed, or {@code null}
	 */
	public record DnsStatus(String interception, int learnedNames, int learnedAddresses, String error) {

	}

}
