package io.mseg.policy.port;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IANA protocol keywords we accept, as in {@code /etc/protocols} (netbase).
 */
final class Protocols {

	static final String TCP = "tcp";

	static final String UDP = "udp";

	static final String ICMP = "icmp";

	static final String ICMP6 = "icmp6";

	private static final Map<String, Integer> NUMBERS = numbers();

	private static final Map<String, String> ALIASES = Map.of("ipv6-icmp", ICMP6, "icmpv6", ICMP6);

	private Protocols() {
	}

	/**
	 * The canonical name of a protocol.
	 * @param lowercase a lowercase protocol name or alias
	 * @return the canonical name, or {@code null} when unknown
	 */
	static String canonical(String lowercase) {
		String name = ALIASES.getOrDefault(lowercase, lowercase);
		return NUMBERS.containsKey(name) ? name : null;
	}

	static int number(String canonical) {
		return NUMBERS.get(canonical);
	}

	/**
	 * The name to suggest when someone writes a protocol number.
	 * @param number a protocol number
	 * @return its name, or {@code null}
	 */
	static String nameOf(int number) {
		for (Map.Entry<String, Integer> entry : NUMBERS.entrySet()) {
			if (entry.getValue() == number) {
				return entry.getKey();
			}
		}
		return null;
	}

	static boolean hasPorts(String canonical) {
		return TCP.equals(canonical) || UDP.equals(canonical);
	}

	static boolean isIcmp(String canonical) {
		return ICMP.equals(canonical) || ICMP6.equals(canonical);
	}

	/**
	 * Without {@code ip} (0, a pseudo protocol easily mistaken for "any") and
	 * {@code mptcp} (262, not an IP protocol number); 58 is called {@code icmp6}.
	 */
	private static Map<String, Integer> numbers() {
		Object[] table = { "hopopt", 0, "icmp", 1, "igmp", 2, "ggp", 3, "ipencap", 4, "st", 5, "tcp", 6, "egp", 8,
				"igp", 9, "pup", 12, "udp", 17, "hmp", 20, "xns-idp", 22, "rdp", 27, "iso-tp4", 29, "dccp", 33, "xtp",
				36, "ddp", 37, "idpr-cmtp", 38, "ipv6", 41, "ipv6-route", 43, "ipv6-frag", 44, "idrp", 45, "rsvp", 46,
				"gre", 47, "esp", 50, "ah", 51, "skip", 57, "icmp6", 58, "ipv6-nonxt", 59, "ipv6-opts", 60, "rspf", 73,
				"vmtp", 81, "eigrp", 88, "ospf", 89, "ax.25", 93, "ipip", 94, "etherip", 97, "encap", 98, "pim", 103,
				"ipcomp", 108, "vrrp", 112, "l2tp", 115, "isis", 124, "sctp", 132, "fc", 133, "mobility-header", 135,
				"udplite", 136, "mpls-in-ip", 137, "manet", 138, "hip", 139, "shim6", 140, "wesp", 141, "rohc", 142,
				"ethernet", 143 };
		Map<String, Integer> numbers = new LinkedHashMap<>();
		for (int i = 0; i < table.length; i += 2) {
			numbers.put((String) table[i], (Integer) table[i + 1]);
		}
		return Collections.unmodifiableMap(numbers);
	}

}
