package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.mseg.policy.port.PortRange;
import io.mseg.policy.port.ServicePort;
import io.mseg.policy.port.ServicePorts;

/**
 * Turns service ports into nft match expressions, one expression per rule: ports of one
 * protocol go into one named set shared by content ({@code tcp dport @port_<hash>}, see
 * {@link SetNames}; a single port or range stays inline: {@code tcp dport 8000-8080}), so
 * the rule count grows with the protocols a policy names, not with its ports, and the set
 * count with the distinct port lists, not with the rules (anonymous sets, one per rule,
 * cost seconds in the kernel by the thousand).
 */
final class PortMatches {

	private static final String ICMP = "icmp";

	private static final String ICMP6 = "icmp6";

	private PortMatches() {
	}

	/**
	 * The match expressions that together cover the service ports.
	 * @param ports the service ports
	 * @param family the address family the rule matches, or {@code null} for a rule
	 * without addresses (then ICMP and ICMPv6 entries are both kept)
	 * @param names where lists of several values become named sets
	 * @return one expression per rule to write; {@code [""]} for any traffic; empty when
	 * nothing of this family is covered (e.g. only {@code icmp} for IPv6)
	 */
	static List<String> of(ServicePorts ports, Family family, SetNames names) {
		if (ports.isAny()) {
			return List.of("");
		}
		List<String> matches = new ArrayList<>();
		List<PortRange> tcp = new ArrayList<>();
		List<PortRange> udp = new ArrayList<>();
		TreeSet<Integer> others = new TreeSet<>();
		List<ServicePort> icmp = new ArrayList<>();
		List<ServicePort> icmp6 = new ArrayList<>();
		for (ServicePort port : ports.ports()) {
			switch (port.protocol()) {
				case "tcp" -> tcp.add(port.ports());
				case "udp" -> udp.add(port.ports());
				case ICMP -> icmp.add(port);
				case ICMP6 -> icmp6.add(port);
				default -> others.add(port.protocolNumber());
			}
		}
		if (!tcp.isEmpty()) {
			matches.add("tcp dport " + values(tcp, "port", "inet_service", names));
		}
		if (!udp.isEmpty()) {
			matches.add("udp dport " + values(udp, "port", "inet_service", names));
		}
		if (family != Family.V6) {
			matches.addAll(icmp("icmp", "icmp", icmp, names));
		}
		if (family != Family.V4) {
			matches.addAll(icmp("icmpv6", "ipv6-icmp", icmp6, names));
		}
		if (!others.isEmpty()) {
			matches.add(
					"meta l4proto " + set(others.stream().map(String::valueOf).toList(), "proto", "inet_proto", names));
		}
		return matches;
	}

	private static List<String> icmp(String keyword, String protocol, List<ServicePort> entries, SetNames names) {
		String role = "icmp".equals(keyword) ? "icmp" : "icmp6";
		if (entries.isEmpty()) {
			return List.of();
		}
		if (entries.stream().anyMatch((entry) -> entry.icmpType() == null)) {
			return List.of("meta l4proto " + protocol);
		}
		List<String> matches = new ArrayList<>();
		TreeSet<Integer> typesOnly = new TreeSet<>();
		for (ServicePort entry : entries) {
			if (entry.icmpCodes().isEmpty()) {
				typesOnly.add(entry.icmpType());
			}
		}
		if (!typesOnly.isEmpty()) {
			matches.add(keyword + " type "
					+ set(typesOnly.stream().map(String::valueOf).toList(), role + "type", keyword + "_type", names));
		}
		for (ServicePort entry : entries) {
			if (!entry.icmpCodes().isEmpty() && !typesOnly.contains(entry.icmpType())) {
				matches.add(keyword + " type " + entry.icmpType() + " " + keyword + " code "
						+ values(entry.icmpCodes(), role + "code", keyword + "_code", names));
			}
		}
		return matches;
	}

	/** Overlapping ranges are merged: nft refuses overlapping elements in a set. */
	private static String values(List<PortRange> ranges, String role, String type, SetNames names) {
		List<PortRange> sorted = new ArrayList<>(ranges);
		sorted.sort(null);
		List<PortRange> merged = new ArrayList<>();
		for (PortRange range : sorted) {
			int last = merged.size() - 1;
			if (last >= 0 && merged.get(last).to() >= range.from()) {
				PortRange previous = merged.get(last);
				merged.set(last, new PortRange(previous.from(), Math.max(previous.to(), range.to())));
			}
			else {
				merged.add(range);
			}
		}
		return set(merged.stream()
			.map((range) -> (range.from() == range.to()) ? String.valueOf(range.from())
					: range.from() + "-" + range.to())
			.toList(), role, type, names);
	}

	private static String set(List<String> values, String role, String type, SetNames names) {
		return (values.size() == 1) ? values.get(0) : "@" + names.name(role, type, values);
	}

}
