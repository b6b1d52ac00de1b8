package io.mseg.console.externalnetwork.feed;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mseg.policy.InvalidValueException;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.IpPrefix;

/**
 * The guard against server-side request forgery: a feed is fetched only from public
 * addresses, checked on the addresses its host resolves to at every fetch (a name that
 * resolved to a public address yesterday may resolve to 127.0.0.1 today), unless
 * {@code mseg.feeds.allowed-hosts} names the host, the address or a CIDR holding it.
 */
public final class FeedAddressGuard {

	/**
	 * Loopback, private, shared (CGNAT), link-local, unique-local, unspecified,
	 * multicast, reserved and benchmarking ranges: nothing a public feed is served from,
	 * and where a console's neighbours (metadata services, databases) are.
	 */
	private static final List<IpPrefix> INTERNAL = List
		.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
				"192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128",
				"fc00::/7", "fe80::/10", "ff00::/8")
		.stream()
		.map(IpPrefix::parse)
		.toList();

	/** IPv6 forms that carry an IPv4 address: mapped, and the well-known NAT64 prefix. */
	private static final List<IpPrefix> EMBEDDING_IPV4 = List.of(IpPrefix.parse("::ffff:0:0/96"),
			IpPrefix.parse("64:ff9b::/96"));

	private final List<String> hosts = new ArrayList<>();

	private final List<IpPrefix> prefixes = new ArrayList<>();

	/**
	 * A guard.
	 * @param allowedHosts host names, addresses or CIDRs that may be internal
	 * @throws IllegalArgumentException naming an entry that is none of these
	 */
	public FeedAddressGuard(List<String> allowedHosts) {
		for (String allowed : allowedHosts) {
			String text = allowed.strip();
			if (text.isEmpty()) {
				continue;
			}
			if (text.indexOf(':') >= 0 || text.indexOf('/') >= 0
					|| text.chars().allMatch((c) -> c == '.' || (c >= '0' && c <= '9'))) {
				try {
					this.prefixes.add(IpPrefix.parse(text));
				}
				catch (InvalidValueException ex) {
					throw new IllegalArgumentException(
							"mseg.feeds.allowed-hosts: '" + text + "' is not an address or CIDR: " + ex.getMessage());
				}
			}
			else {
				this.hosts.add(text.toLowerCase(Locale.ROOT));
			}
		}
	}

	/**
	 * Checks where a fetch would go.
	 * @param host the host of the URL
	 * @param resolved every address it resolves to now (all are checked: the client may
	 * connect to any)
	 * @throws FeedException naming the internal address when one is not allowed
	 */
	public void check(String host, List<InetAddress> resolved) {
		if (this.hosts.contains(host.toLowerCase(Locale.ROOT))) {
			return;
		}
		if (resolved.isEmpty()) {
			throw new FeedException(host + " resolves to no address");
		}
		for (InetAddress address : resolved) {
			IpAddress ip = toIp(address);
			if (isInternal(ip) && this.prefixes.stream().noneMatch((prefix) -> prefix.contains(ip))) {
				throw new FeedException(host + " resolves to " + ip
						+ ", an internal address; feeds are fetched from internal addresses only where "
						+ "mseg.feeds.allowed-hosts allows it");
			}
		}
	}

	static boolean isInternal(IpAddress ip) {
		for (IpPrefix embedding : EMBEDDING_IPV4) {
			if (embedding.contains(ip)) {
				return isInternal(IpAddress.ofIpv4(ip.low() & 0xFFFF_FFFFL));
			}
		}
		return INTERNAL.stream().anyMatch((prefix) -> prefix.contains(ip));
	}

	static IpAddress toIp(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return IpAddress.ofIpv4(bits(bytes, 0, 4));
		}
		return IpAddress.ofIpv6(bits(bytes, 0, 8), bits(bytes, 8, 16));
	}

	private static long bits(byte[] bytes, int from, int to) {
		long value = 0;
		for (int i = from; i < to; i++) {
			value = (value << 8) | (bytes[i] & 0xFF);
		}
		return value;
	}

}
