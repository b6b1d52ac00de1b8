package io.mseg.policy.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mseg.policy.InvalidValueException;

/**
 * The {@code entries} of an external network: included CIDRs, {@code !CIDR} exclusions
 * and domain patterns. {@link #parse} wants at least one entry, but a network may have
 * none (its source not fetched yet): then, as without an included CIDR, it covers no
 * address, and without a domain pattern no name.
 *
 * @param entries the canonical texts, in input order ({@code 10.0.0.1/32},
 * {@code !10.0.0.0/8}, {@code *.example.com})
 * @param included the included CIDRs, in input order
 * @param excluded the excluded CIDRs (without {@code !}), in input order
 * @param domains the domain patterns, in input order
 */
public record NetworkEntries(List<String> entries, List<IpPrefix> included, List<IpPrefix> excluded,
		List<DomainPattern> domains) {

	private static final String EXCLUSION = "!";

	public NetworkEntries {
		entries = List.copyOf(entries);
		included = List.copyOf(included);
		excluded = List.copyOf(excluded);
		domains = List.copyOf(domains);
	}

	/**
	 * Parses and checks a list of entries.
	 * @param texts the entries: IPs and CIDRs (v4, v6), domain names, {@code *.domain},
	 * {@code !CIDR}
	 * @return the entries
	 * @throws InvalidValueException with the index of the offending entry: an invalid
	 * entry, a duplicate (after canonicalisation), or an exclusion outside every included
	 * CIDR of its family; without index when the list is empty
	 */
	public static NetworkEntries parse(List<String> texts) {
		if (texts == null || texts.isEmpty()) {
			throw new InvalidValueException("an external network needs at least one entry");
		}
		List<String> entries = new ArrayList<>();
		List<IpPrefix> included = new ArrayList<>();
		List<IpPrefix> excluded = new ArrayList<>();
		List<Integer> exclusionIndexes = new ArrayList<>();
		List<DomainPattern> domains = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < texts.size(); i++) {
			String text = texts.get(i);
			String canonical;
			try {
				canonical = parseEntry(text, included, excluded, domains);
			}
			catch (InvalidValueException ex) {
				throw ex.atIndex(i);
			}
			if (canonical.startsWith(EXCLUSION)) {
				exclusionIndexes.add(i);
			}
			Integer first = seen.putIfAbsent(canonical, i);
			if (first != null) {
				throw new InvalidValueException(i,
						"duplicate entry '" + text + "' (same as entry " + first + ", '" + texts.get(first) + "')");
			}
			entries.add(canonical);
		}
		for (int j = 0; j < excluded.size(); j++) {
			IpPrefix exclusion = excluded.get(j);
			if (included.contains(exclusion)) {
				throw new InvalidValueException(exclusionIndexes.get(j), "exclusion '!" + exclusion
						+ "' removes the very block an entry includes: remove both, or exclude a part of it");
			}
			if (included.stream().noneMatch((prefix) -> prefix.contains(exclusion))) {
				throw new InvalidValueException(exclusionIndexes.get(j),
						"exclusion '!" + exclusion
								+ "' must lie inside an included CIDR of the same IP version in this network, e.g. "
								+ (exclusion.isIpv4() ? "0.0.0.0/0" : "::/0"));
			}
		}
		return new NetworkEntries(entries, included, excluded, domains);
	}

	/**
	 * Whether the address is inside an included CIDR and in no excluded one.
	 * @param a the address
	 * @return whether this network covers it
	 */
	public boolean covers(IpAddress a) {
		if (a == null) {
			return false;
		}
		return this.included.stream().anyMatch((prefix) -> prefix.contains(a))
				&& this.excluded.stream().noneMatch((prefix) -> prefix.contains(a));
	}

	/**
	 * Whether a domain pattern of this network matches the name.
	 * @param name a host name, may be {@code null}
	 * @return whether this network covers it
	 */
	public boolean coversDomain(String name) {
		return this.domains.stream().anyMatch((domain) -> domain.matches(name));
	}

	private static String parseEntry(String text, List<IpPrefix> included, List<IpPrefix> excluded,
			List<DomainPattern> domains) {
		if (text == null || text.isEmpty()) {
			throw new InvalidValueException("an entry must not be empty");
		}
		if (text.startsWith(EXCLUSION)) {
			String body = text.substring(EXCLUSION.length());
			if (!looksLikeAddress(body)) {
				throw new InvalidValueException(
						"'" + text + "': only IP addresses and CIDRs can be excluded, e.g. !10.0.0.0/8");
			}
			IpPrefix prefix = IpPrefix.parse(body);
			excluded.add(prefix);
			return EXCLUSION + prefix;
		}
		if (looksLikeAddress(text)) {
			IpPrefix prefix = IpPrefix.parse(text);
			included.add(prefix);
			return prefix.toString();
		}
		DomainPattern domain = DomainPattern.parse(text);
		domains.add(domain);
		return domain.toString();
	}

	/** Digits and dots only, or a ':' or '/', can only be meant as an address or CIDR. */
	private static boolean looksLikeAddress(String text) {
		return !text.isEmpty() && (text.indexOf(':') >= 0 || text.indexOf('/') >= 0
				|| text.chars().allMatch((c) -> c == '.' || (c >= '0' && c <= '9')));
	}

}
