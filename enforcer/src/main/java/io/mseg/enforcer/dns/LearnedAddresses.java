package io.mseg.enforcer.dns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.mseg.enforcer.nftables.DomainSet;
import io.mseg.enforcer.nftables.Family;
import io.mseg.policy.network.IpAddress;

/**
 * The addresses learned from DNS answers, by name, each until it expires. The kernel's
 * sets hold the same addresses with timeouts; this copy outlives them: a set that is
 * created again (a policy change, a restart) starts with what is learned here, and it is
 * written to the state directory ({@link #text()}) so that a restart keeps it. Safe for
 * concurrent use.
 */
public final class LearnedAddresses {

	private final Map<String, Map<IpAddress, Instant>> byName = new HashMap<>();

	/**
	 * The names that gave each address: an answer's expiries are found without a scan.
	 */
	private final Map<IpAddress, Set<String>> namesByAddress = new HashMap<>();

	/**
	 * Records addresses of a name, keeping the later expiry of an address already known.
	 * @param name the name that was asked
	 * @param expiries its addresses, each with when it expires
	 */
	public synchronized void learn(String name, Map<IpAddress, Instant> expiries) {
		Map<IpAddress, Instant> known = this.byName.computeIfAbsent(name, (key) -> new HashMap<>());
		expiries.forEach((address, expiry) -> {
			known.merge(address, expiry, (a, b) -> a.isAfter(b) ? a : b);
			this.namesByAddress.computeIfAbsent(address, (key) -> new HashSet<>()).add(name);
		});
	}

	/**
	 * The addresses of a set: of the names its patterns match, of its family, not
	 * expired, each with its latest expiry.
	 * @param set the set
	 * @param now the current time
	 * @return the addresses, sorted
	 */
	public synchronized Map<IpAddress, Instant> addresses(DomainSet set, Instant now) {
		Map<IpAddress, Instant> result = new TreeMap<>();
		this.byName.forEach((name, addresses) -> {
			if (set.matches(name)) {
				addresses.forEach((address, expiry) -> {
					if (expiry.isAfter(now) && (address.isIpv4() == (set.family() == Family.V4))) {
						result.merge(address, expiry, (a, b) -> a.isAfter(b) ? a : b);
					}
				});
			}
		});
		return result;
	}

	/**
	 * Forgets what expired, and the names no set matches any more (no policy names them).
	 * @param sets the sets in the kernel now
	 * @param now the current time
	 * @return whether anything was forgotten
	 */
	public synchronized boolean prune(List<DomainSet> sets, Instant now) {
		boolean changed = false;
		for (Map<IpAddress, Instant> addresses : this.byName.values()) {
			changed |= addresses.values().removeIf((expiry) -> !expiry.isAfter(now));
		}
		this.byName.values().removeIf(Map::isEmpty);
		changed |= this.byName.keySet().removeIf((name) -> sets.stream().noneMatch((set) -> set.matches(name)));
		if (changed) {
			this.namesByAddress.clear();
			this.byName.forEach((name, addresses) -> addresses.keySet()
				.forEach(
						(address) -> this.namesByAddress.computeIfAbsent(address, (key) -> new HashSet<>()).add(name)));
		}
		return changed;
	}

	/**
	 * The names an address was learned from.
	 * @param address an address
	 * @return the names, sorted; empty when none
	 */
	public synchronized List<String> namesOf(IpAddress address) {
		return this.namesByAddress.getOrDefault(address, Set.of()).stream().sorted().toList();
	}

	/**
	 * The number of names with a live address.
	 * @return the count
	 */
	public synchronized int names() {
		return this.byName.size();
	}

	/**
	 * The number of distinct addresses.
	 * @return the count
	 */
	public synchronized int addresses() {
		return this.namesByAddress.size();
	}

	/**
	 * The state file's text: one line per name and address, {@code name address expiry}
	 * (epoch seconds).
	 * @return the text
	 */
	public synchronized String text() {
		StringBuilder out = new StringBuilder();
		new TreeMap<>(this.byName).forEach((name,
				addresses) -> new TreeMap<>(addresses).forEach((address, expiry) -> out.append(name)
					.append(' ')
					.append(address)
					.append(' ')
					.append(expiry.getEpochSecond())
					.append('\n')));
		return out.toString();
	}

	/**
	 * Reads a state file's text; lines it cannot read are skipped.
	 * @param text the text
	 * @param now the current time: expired entries are dropped
	 * @return the number of lines skipped
	 */
	public synchronized int load(String text, Instant now) {
		List<String> skipped = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			String[] fields = line.trim().split(" ");
			try {
				Instant expiry = Instant.ofEpochSecond(Long.parseLong(fields[2]));
				if (fields.length == 3 && expiry.isAfter(now)) {
					learn(fields[0], Map.of(IpAddress.parse(fields[1]), expiry));
				}
			}
			catch (RuntimeException ex) {
				skipped.add(line);
			}
		}
		return skipped.size();
	}

}
