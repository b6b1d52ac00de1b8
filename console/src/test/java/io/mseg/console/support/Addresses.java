package io.mseg.console.support;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fresh IP addresses for processing units. An address belongs to one processing unit in
 * the whole console (whatever the namespace), so tests that share a database must never
 * reuse one: each call answers an address no other call of this JVM answered, picked at
 * random so that runs against the same database are very unlikely to collide either.
 */
public final class Addresses {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Set<String> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private Addresses() {
	}

	/** An unused IPv4 address in {@code 10.0.0.0/8}, such as {@code 10.83.4.17}. */
	public static String ipv4() {
		while (true) {
			String address = "10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
			if (HANDED_OUT.add(address)) {
				return address;
			}
		}
	}

	/** An unused IPv6 address in {@code fd00::/8}, in canonical form. */
	public static String ipv6() {
		while (true) {
			String address = String.format("fd%02x:%x:%x::%x", RANDOM.nextInt(256), 1 + RANDOM.nextInt(0xffff),
					1 + RANDOM.nextInt(0xffff), 1 + RANDOM.nextInt(0xffff));
			if (HANDED_OUT.add(address)) {
				return address;
			}
		}
	}

}
