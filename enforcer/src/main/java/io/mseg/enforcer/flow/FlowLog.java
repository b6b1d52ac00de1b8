package io.mseg.enforcer.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.nftables.NftClient;
import io.mseg.enforcer.nftables.NftException;
import io.mseg.policy.network.IpAddress;

/**
 * Flow reports: reads the connections the kernel logs to the NFLOG group, names the
 * policy that decided each ({@link FlowAttribution}), counts them per interval
 * ({@link FlowAggregator}), keeps the closed intervals' records on disk
 * ({@link FlowSpool}) and sends them to the console ({@link FlowShipper}). One thread
 * reads the socket; a tick each second closes intervals, counts what the kernel could not
 * log and sends. If the group cannot be read (another reader, no {@code nfnetlink_log}),
 * enforcement goes on without flow reports and says why once.
 */
public final class FlowLog implements AutoCloseable {

	private static final Logger log = Logger.getLogger(FlowLog.class.getName());

	/** Sends one batch body; throws what the console answered when it is not 204. */
	@FunctionalInterface
	public interface Sender {

		void send(String body) throws ConsoleException;

	}

	private static final Pattern PACKETS = Pattern.compile("packets (\\d+)");

	/** What the kernel may still deliver of an interval after it ended. */
	private static final Duration LATE = Duration.ofSeconds(1);

	/** How often the kernel's counter of unlogged connections is read. */
	private static final Duration COUNTER_PERIOD = Duration.ofSeconds(10);

	private final Settings.Flows settings;

	private final Supplier<PolicyDocument> document;

	private final FlowAttribution attribution;

	private final FlowAggregator aggregator;

	private final Path directory;

	private final Sender sender;

	private FlowSpool spool;

	private FlowShipper shipper;

	private final NftClient nft;

	private final String table;

	private final Supplier<Instant> clock;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "flow-log-tick");
		thread.setDaemon(true);
		return thread;
	});

	private NflogSocket socket;

	private Thread reader;

	private long kernelUnrecorded = -1;

	private Instant counterReadAt = Instant.MIN;

	private volatile long logged;

	private volatile boolean closed;

	/**
	 * @param settings the group, interval and bound
	 * @param directory where batches wait ({@code flows/} in the state directory)
	 * @param document the document the kernel enforces
	 * @param learnedNames the names an address was learned from
	 * @param sender sends a batch to the console
	 * @param nft reads the counter of connections the rate limit kept from the log
	 * @param table the enforcer's table
	 * @param clock the time
	 */
	public FlowLog(Settings.Flows settings, Path directory, Supplier<PolicyDocument> document,
			Function<IpAddress, List<String>> learnedNames, Sender sender, NftClient nft, String table,
			Supplier<Instant> clock) {
		this.settings = settings;
		this.document = document;
		this.attribution = new FlowAttribution(learnedNames);
		this.aggregator = new FlowAggregator(settings.interval(), settings.bufferRecords());
		this.directory = directory;
		this.sender = sender;
		this.nft = nft;
		this.table = table;
		this.clock = clock;
	}

	/**
	 * Starts reading the group (in the calling thread's network namespace) and the tick.
	 * @return whether the group could be read
	 */
	public synchronized boolean start() {
		try {
			this.spool = new FlowSpool(this.directory, this.settings.bufferRecords());
		}
		catch (IOException ex) {
			log.warning(() -> "Flow reports are off: cannot use " + this.directory + ": " + ex.getMessage());
			return false;
		}
		this.shipper = new FlowShipper(this.spool, this.sender, this.clock);
		boolean reading = false;
		try {
			this.socket = NflogSocket.open(this.settings.group());
			this.reader = new Thread(this::read, "flow-log-reader");
			this.reader.setDaemon(true);
			this.reader.start();
			reading = true;
			log.info(() -> "Flow reports: reading NFLOG group " + this.settings.group() + ", " + this.settings.rate()
					+ " new connections/s at most, records per " + this.settings.interval().toSeconds() + " s");
		}
		catch (IOException | RuntimeException | UnsatisfiedLinkError ex) {
			log.warning(() -> "Flow reports are off: " + ex.getMessage());
		}
		if (reading) {
			// the baseline now, not at the first tick: what the rate limit keeps from the
			// log from here on is reported, however late the ticker first runs
			kernelUnrecorded(this.clock.get());
		}
		// batches left by an earlier run are sent even without the socket
		this.ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
		return reading;
	}

	private void read() {
		byte[] buffer = new byte[256 << 10];
		while (!this.closed) {
			try {
				NflogSocket.Read read = this.socket.read(buffer, (packet) -> {
					FlowKey key = this.attribution.attribute(packet, this.document.get());
					if (key != null) {
						this.aggregator.add(packet.time(), key);
					}
					else {
						log.fine(() -> "Flow reports: no processing unit or policy for " + packet);
					}
				});
				this.logged += read.packets();
				if (read.lost() > 0) {
					this.spool.lost(read.lost());
				}
			}
			catch (IOException | RuntimeException ex) {
				if (!this.closed) {
					log.log(Level.WARNING, "Flow reports: reading the NFLOG group failed", ex);
					sleep();
				}
			}
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void tick() {
		try {
			Instant now = this.clock.get();
			long unrecorded = this.aggregator.takeLost() + kernelUnrecorded(now);
			if (unrecorded > 0) {
				this.spool.lost(unrecorded);
			}
			// the drops ride with the closed intervals' records, or in a batch of their
			// own
			this.spool.add(this.aggregator.close(now.minus(LATE)));
			this.spool.flushDrops();
			this.shipper.ship();
		}
		catch (IOException | RuntimeException ex) {
			log.log(Level.WARNING, "Flow reports: " + ex.getMessage(), ex);
		}
	}

	/** What the rate limit kept from the log since the last reading. */
	private long kernelUnrecorded(Instant now) {
		if (this.socket == null || now.isBefore(this.counterReadAt.plus(COUNTER_PERIOD))) {
			return 0;
		}
		this.counterReadAt = now;
		try {
			Matcher packets = PACKETS
				.matcher(this.nft.query(List.of("list", "counter", "inet", this.table, "flowlog_unrecorded")));
			if (!packets.find()) {
				return 0;
			}
			long value = Long.parseLong(packets.group(1));
			// The first reading is the baseline: the counter outlives the enforcer, and
			// what
			// it counted before this run was reported by the last one. A smaller value is
			// a
			// counter created again (flow logs turned off and on): all of it is new.
			long delta = (this.kernelUnrecorded < 0) ? 0
					: (value < this.kernelUnrecorded) ? value : value - this.kernelUnrecorded;
			this.kernelUnrecorded = value;
			if (delta > 0) {
				long count = delta;
				log.warning(() -> "Flow reports: " + count + " new connections beyond " + this.settings.rate()
						+ "/s were not logged");
			}
			return delta;
		}
		catch (NftException ex) {
			// no table or counter yet: the one the first apply creates counts from 0
			if (this.kernelUnrecorded < 0) {
				this.kernelUnrecorded = 0;
			}
			return 0;
		}
	}

	/**
	 * The connections read from the kernel so far.
	 * @return the number
	 */
	public long logged() {
		return this.logged;
	}

	/**
	 * The records waiting for the console.
	 * @return the number
	 */
	public int waiting() {
		return (this.spool != null) ? this.spool.records() : 0;
	}

	/** Stops reading; the open intervals go to the spool for the next run to send. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.ticker.shutdownNow();
		if (this.socket != null) {
			this.socket.close();
		}
		try {
			this.ticker.awaitTermination(5, TimeUnit.SECONDS);
			if (this.reader != null) {
				this.reader.join(2000);
			}
			if (this.spool != null) {
				this.spool.add(this.aggregator.close(Instant.MAX));
			}
		}
		catch (IOException ex) {
			log.warning(() -> "Flow reports: cannot keep the last records: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
