package io.mseg.enforcer.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.mseg.enforcer.nftables.DnsInterceptionRules;
import io.mseg.enforcer.nftables.DomainSet;
import io.mseg.enforcer.nftables.Family;
import io.mseg.enforcer.nftables.NftRenderer;
import io.mseg.enforcer.nftables.NftSet;
import io.mseg.enforcer.nftables.Ruleset;
import io.mseg.policy.network.IpAddress;

/**
 * Turns DNS answers into allowed addresses: for a name that a domain set's patterns
 * match, the answer's addresses go into the store ({@link LearnedAddresses}) and into
 * every such set in the kernel, in one transaction, before the answer is passed on. An
 * address expires {@code max(TTL, floor) + grace} after the answer. Addresses of
 * processing units are never learned: they are decided by the units' rules.
 * <p>
 * The kernel's table changes under one lock ({@link #kernelLock()}), taken by the
 * enforcement's applies too, so that an answer never lands between the moment an apply
 * reads the store to fill a new set and the moment that set exists.
 */
public final class DnsLearning {

	private static final Logger log = Logger.getLogger(DnsLearning.class.getName());

	private final SetElements kernel;

	private final Duration floor;

	private final Duration grace;

	private final Supplier<Instant> clock;

	private final LearnedAddresses store;

	private final Object kernelLock = new Object();

	/** Port 53 in the keep-alive set, in network byte order. */
	private static final byte[] ALIVE_KEY = { 0, 53 };

	/** The domain sets in the kernel (guarded by the kernel lock). */
	private List<DomainSet> sets = List.of();

	/**
	 * What each domain set in the kernel holds, by set name: every element with its
	 * expiry (guarded by the kernel lock). An answer extends an element to the later of
	 * the two expiries without looking at the other names that gave the same address: a
	 * CDN gives thousands of names one address.
	 */
	private Map<String, Map<IpAddress, Instant>> inKernel = new HashMap<>();

	/** The elements the last seeds gave the sets created by the apply in progress. */
	private final Map<String, Map<IpAddress, Instant>> seeded = new HashMap<>();

	/** Whether the applied ruleset redirects DNS queries (guarded by the kernel lock). */
	private boolean intercepting;

	/** The processing units' addresses of the applied policy. */
	private volatile Set<IpAddress> unitAddresses = Set.of();

	/**
	 * @param table the enforcer's table
	 * @param floor the shortest lifetime of a learned address
	 * @param grace added to every lifetime
	 * @param clock the current time
	 * @param store what was learned so far
	 */
	public DnsLearning(String table, Duration floor, Duration grace, Supplier<Instant> clock, LearnedAddresses store) {
		this.kernel = new SetElements(table);
		this.floor = floor;
		this.grace = grace;
		this.clock = clock;
		this.store = store;
	}

	/**
	 * The lock every change of the table takes.
	 * @return the lock
	 */
	public Object kernelLock() {
		return this.kernelLock;
	}

	/**
	 * The elements the sets of learned elements of a ruleset start with (call with the
	 * kernel lock held, in the same hold as the apply).
	 * @param ruleset the ruleset about to be applied
	 * @return its seeds
	 */
	public NftRenderer.Seeds seeds(Ruleset ruleset) {
		Instant now = this.clock.get();
		Map<String, DomainSet> byName = new HashMap<>();
		ruleset.domainSets().forEach((set) -> byName.put(set.name(), set));
		return (NftSet set) -> {
			if (set.name().equals(DnsInterceptionRules.ALIVE_SET)) {
				return List.of(DnsInterceptionRules.aliveElement());
			}
			DomainSet domains = byName.get(set.name());
			if (domains == null) {
				return List.of();
			}
			Map<IpAddress, Instant> addresses = this.store.addresses(domains, now);
			this.seeded.put(set.name(), new HashMap<>(addresses));
			List<String> elements = new ArrayList<>();
			addresses.forEach((address, expiry) -> elements.add(element(address, expiry, now)));
			return elements;
		};
	}

	/**
	 * A ruleset is in the kernel now (call with the kernel lock held): its domain sets
	 * receive what is learned from now on, and the names no set matches any more are
	 * forgotten.
	 * @param ruleset the applied ruleset
	 * @param units the processing units' addresses of its policy
	 */
	public void applied(Ruleset ruleset, Set<IpAddress> units) {
		this.sets = ruleset.domainSets();
		Map<String, Map<IpAddress, Instant>> next = new HashMap<>();
		for (DomainSet set : this.sets) {
			Map<IpAddress, Instant> seeds = this.seeded.get(set.name());
			next.put(set.name(), (seeds != null) ? seeds : this.inKernel.getOrDefault(set.name(), new HashMap<>()));
		}
		this.inKernel = next;
		this.seeded.clear();
		boolean was = this.intercepting;
		this.intercepting = ruleset.sets()
			.stream()
			.anyMatch((set) -> set.name().equals(DnsInterceptionRules.ALIVE_SET));
		if (this.intercepting && !was) {
			forgetUnredirectedFlows();
		}
		this.unitAddresses = Set.copyOf(units);
		this.store.prune(this.sets, this.clock.get());
	}

	/**
	 * The redirect applies to new flows only: the UDP flows to port 53 opened before it
	 * are forgotten, so that a query reusing one is redirected too.
	 */
	private void forgetUnredirectedFlows() {
		try {
			int forgotten = Conntrack.forgetUnredirectedDnsFlows(DnsInterceptionRules.MARK);
			log.fine(() -> "DNS redirect installed; " + forgotten + " earlier UDP flows to port 53 forgotten");
		}
		catch (IOException ex) {
			log.warning(() -> "Could not forget the UDP flows to port 53 opened before the DNS redirect: "
					+ ex.getMessage() + " (queries reusing one are not intercepted until it expires, 30 s)");
		}
	}

	/**
	 * Learns from an answer, if its name is one a domain set wants; returns once the
	 * addresses are in the kernel.
	 * @param answer the answer
	 * @return the number of addresses learned (0 for a name no policy mentions)
	 */
	public int learn(DnsAnswer answer) {
		long start = System.nanoTime();
		Instant now = this.clock.get();
		Map<IpAddress, Instant> expiries = new HashMap<>();
		answer.addresses().forEach((address, ttl) -> {
			if (!this.unitAddresses.contains(address)) {
				Duration lifetime = Duration.ofSeconds(ttl).compareTo(this.floor) < 0 ? this.floor
						: Duration.ofSeconds(ttl);
				expiries.put(address, now.plus(lifetime).plus(this.grace));
			}
		});
		if (expiries.isEmpty()) {
			return 0;
		}
		synchronized (this.kernelLock) {
			List<DomainSet> matching = this.sets.stream().filter((set) -> set.matches(answer.name())).toList();
			if (matching.isEmpty()) {
				return 0;
			}
			this.store.learn(answer.name(), expiries);
			try {
				for (DomainSet set : matching) {
					Map<IpAddress, Instant> held = this.inKernel.computeIfAbsent(set.name(), (name) -> new HashMap<>());
					List<SetElements.Element> elements = new ArrayList<>();
					expiries.forEach((address, expiry) -> {
						if (address.isIpv4() == (set.family() == Family.V4)) {
							Instant latest = held.merge(address, expiry, (a, b) -> a.isAfter(b) ? a : b);
							elements.add(new SetElements.Element(bytes(address),
									Math.max(1000, Duration.between(now, latest).toMillis())));
						}
					});
					if (!elements.isEmpty()) {
						this.kernel.add(set.name(), elements);
					}
				}
				long micros = (System.nanoTime() - start) / 1000;
				// from the answer's arrival here: the lock's wait, the store and the
				// kernel
				log.fine(() -> "Learned " + expiries.size() + " addresses of " + answer.name() + " into "
						+ matching.size() + " sets in " + micros + " µs");
			}
			catch (IOException ex) {
				log.warning(() -> "Could not add the addresses of " + answer.name() + " to the kernel: "
						+ ex.getMessage() + " (connections to them are refused until the next lookup)");
				return 0;
			}
			return expiries.size();
		}
	}

	/**
	 * Renews the element that keeps the DNS redirect alive (call every few seconds while
	 * intercepting).
	 * @throws IOException when the kernel refuses
	 */
	public void renewAlive() throws IOException {
		synchronized (this.kernelLock) {
			if (this.intercepting) {
				this.kernel.add(DnsInterceptionRules.ALIVE_SET,
						List.of(new SetElements.Element(ALIVE_KEY, DnsInterceptionRules.ALIVE_SECONDS * 1000L)));
			}
		}
	}

	/**
	 * Removes the redirect's element, so that the host's lookups bypass the enforcer at
	 * once (when it stops).
	 */
	public void stopIntercepting() {
		synchronized (this.kernelLock) {
			if (!this.intercepting) {
				return;
			}
			this.intercepting = false;
			try {
				this.kernel.delete(DnsInterceptionRules.ALIVE_SET, List.of(ALIVE_KEY));
			}
			catch (IOException ex) {
				log.fine(() -> "No DNS redirect to remove: " + ex.getMessage());
			}
		}
	}

	/**
	 * Forgets the elements the kernel has let expire (called every few seconds).
	 * @param now the current time
	 */
	public void expire(Instant now) {
		synchronized (this.kernelLock) {
			this.inKernel.values().forEach((held) -> held.values().removeIf((expiry) -> !expiry.isAfter(now)));
		}
	}

	/**
	 * The domain sets in the kernel.
	 * @return them
	 */
	public List<DomainSet> sets() {
		synchronized (this.kernelLock) {
			return this.sets;
		}
	}

	/**
	 * The store.
	 * @return what was learned
	 */
	public LearnedAddresses store() {
		return this.store;
	}

	private static byte[] bytes(IpAddress address) {
		try {
			return InetAddress.getByName(address.toString()).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("an address literal is always an address: " + address, ex);
		}
	}

	private static String element(IpAddress address, Instant expiry, Instant now) {
		long seconds = Math.max(1, Duration.between(now, expiry).toSeconds());
		// expires too: the kernel renews an element's expiry only when told, not when
		// the same timeout is added again
		return address + " timeout " + seconds + "s expires " + seconds + "s";
	}

}
