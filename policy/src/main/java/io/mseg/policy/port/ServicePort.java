package io.mseg.policy.port;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.mseg.policy.InvalidValueException;

/**
 * One entry of {@code ports}/{@code servicePorts}: {@code tcp/443},
 * {@code udp/8000:8080}, {@code icmp/3/0,1,4:10}, {@code gre} or {@code any}.
 *
 * @param protocol the canonical lowercase protocol name, or {@code any}
 * @param protocolNumber the IANA protocol number, -1 for {@code any}
 * @param ports the port range for {@code tcp}/{@code udp}, otherwise {@code null}
 * @param icmpType the ICMP type for {@code icmp}/{@code icmp6}, {@code null} for every
 * type
 * @param icmpCodes the ICMP codes (sorted, overlaps merged), empty for every code
 */
public record ServicePort(String protocol, int protocolNumber, PortRange ports, Integer icmpType,
		List<PortRange> icmpCodes) implements Comparable<ServicePort> {

	/** The protocol name of {@link #ANY}. */
	public static final String ANY_NAME = "any";

	/** Every protocol, every port. */
	public static final ServicePort ANY = new ServicePort(ANY_NAME, -1, null, null, List.of());

	private static final int MAX_ICMP = 255;

	private static final Comparator<ServicePort> ORDER = Comparator.comparingInt(ServicePort::protocolNumber)
		.thenComparing(ServicePort::ports, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(ServicePort::icmpType, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(ServicePort::icmpCodes, ServicePort::compareCodes);

	public ServicePort {
		if (protocol == null || protocol.isEmpty()) {
			throw new InvalidValueException("a service port needs a protocol");
		}
		protocol = protocol.toLowerCase(Locale.ROOT);
		icmpCodes = (icmpCodes != null) ? normalizeCodes(icmpCodes) : List.of();
		if (ANY_NAME.equals(protocol)) {
			if (protocolNumber != -1 || ports != null || icmpType != null || !icmpCodes.isEmpty()) {
				throw new InvalidValueException("'any' has no protocol number, port, ICMP type or code");
			}
		}
		else {
			protocol = checkProtocol(protocol, protocolNumber);
			checkDetails(protocol, ports, icmpType, icmpCodes);
		}
	}

	/**
	 * Parses one service port, case-insensitively.
	 * @param text {@code tcp/443}, {@code udp/0}, {@code tcp/8000:8080}, {@code icmp},
	 * {@code icmp/8}, {@code icmp/3/0,1,4:10}, {@code icmp6/128}, {@code gre},
	 * {@code any}, ...
	 * @return the service port
	 * @throws InvalidValueException saying what is wrong: protocol numbers, unknown
	 * names, missing or out-of-range ports, ...
	 */
	public static ServicePort parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new InvalidValueException(
					"a service port must not be empty: write e.g. tcp/443, udp/53, icmp or any");
		}
		if (text.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidValueException("service port '" + text + "' must not contain spaces");
		}
		String[] parts = text.toLowerCase(Locale.ROOT).split("/", -1);
		String name = parts[0];
		if (name.isEmpty()) {
			throw new InvalidValueException("service port '" + text + "' has no protocol name: write e.g. tcp/443");
		}
		if (ANY_NAME.equals(name)) {
			if (parts.length > 1) {
				throw new InvalidValueException(
						"service port '" + text + "': 'any' stands alone, it covers every protocol and port");
			}
			return ANY;
		}
		String protocol = protocolName(name, text);
		int number = Protocols.number(protocol);
		if (Protocols.hasPorts(protocol)) {
			if (parts.length == 1) {
				throw new InvalidValueException("service port '" + text + "': " + protocol
						+ " needs a port or a port range, e.g. " + protocol + "/443 or " + protocol + "/8000:8080");
			}
			if (parts.length > 2) {
				throw new InvalidValueException("service port '" + text + "': " + protocol
						+ " takes a single port or port range, e.g. " + protocol + "/8000:8080");
			}
			return new ServicePort(protocol, number, parseRange(parts[1], PortRange.MAX_PORT, "port", text), null,
					null);
		}
		if (Protocols.isIcmp(protocol)) {
			if (parts.length > 3) {
				throw new InvalidValueException("service port '" + text + "': write " + protocol + ", " + protocol
						+ "/TYPE or " + protocol + "/TYPE/CODES, e.g. " + protocol + "/3/0,1,4:10");
			}
			Integer type = (parts.length > 1) ? parseNumber(parts[1], MAX_ICMP, "ICMP type", text) : null;
			List<PortRange> codes = new ArrayList<>();
			if (parts.length > 2) {
				for (String piece : parts[2].split(",", -1)) {
					codes.add(parseRange(piece, MAX_ICMP, "ICMP code", text));
				}
			}
			return new ServicePort(protocol, number, null, type, codes);
		}
		if (parts.length > 1) {
			throw new InvalidValueException("service port '" + text + "': " + protocol
					+ " has no ports or types, write just '" + protocol + "'");
		}
		return new ServicePort(protocol, number, null, null, null);
	}

	/**
	 * Whether this is {@code any}.
	 * @return whether every protocol and port is covered
	 */
	public boolean isAny() {
		return ANY_NAME.equals(this.protocol);
	}

	/**
	 * Whether the traffic is of this protocol and within its ports (or ICMP type and
	 * codes). ICMP traffic without a type or code is only covered by entries that do not
	 * restrict them.
	 * @param t the traffic
	 * @return whether this entry lets the traffic through
	 */
	public boolean covers(Traffic t) {
		if (isAny()) {
			return true;
		}
		if (!this.protocol.equals(t.protocol())) {
			return false;
		}
		if (this.ports != null) {
			return this.ports.contains(t.port());
		}
		if (this.icmpType == null) {
			return true;
		}
		if (!this.icmpType.equals(t.icmpType())) {
			return false;
		}
		return this.icmpCodes.isEmpty() || (t.icmpCode() != null && codesContain(this.icmpCodes, t.icmpCode()));
	}

	/**
	 * Whether this entry covers all the traffic {@code other} covers.
	 * @param other another entry
	 * @return whether {@code other} is redundant next to this one
	 */
	public boolean contains(ServicePort other) {
		if (isAny()) {
			return true;
		}
		if (other.isAny() || !this.protocol.equals(other.protocol)) {
			return false;
		}
		if (this.ports != null) {
			return this.ports.contains(other.ports);
		}
		if (this.icmpType == null) {
			return true;
		}
		if (!this.icmpType.equals(other.icmpType)) {
			return false;
		}
		if (this.icmpCodes.isEmpty()) {
			return true;
		}
		if (other.icmpCodes.isEmpty()) {
			return false;
		}
		for (PortRange range : other.icmpCodes) {
			for (int code = range.from(); code <= range.to(); code++) {
				if (!codesContain(this.icmpCodes, code)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * The traffic covered by both entries.
	 * @param other another entry
	 * @return the common part, empty when there is none
	 */
	public Optional<ServicePort> intersect(ServicePort other) {
		if (isAny()) {
			return Optional.of(other);
		}
		if (other.isAny()) {
			return Optional.of(this);
		}
		if (!this.protocol.equals(other.protocol)) {
			return Optional.empty();
		}
		if (this.ports != null) {
			return this.ports.intersect(other.ports)
				.map((range) -> new ServicePort(this.protocol, this.protocolNumber, range, null, null));
		}
		if (this.icmpType == null) {
			return Optional.of(other);
		}
		if (other.icmpType == null) {
			return Optional.of(this);
		}
		if (!this.icmpType.equals(other.icmpType)) {
			return Optional.empty();
		}
		if (this.icmpCodes.isEmpty()) {
			return Optional.of(other);
		}
		if (other.icmpCodes.isEmpty()) {
			return Optional.of(this);
		}
		List<PortRange> codes = new ArrayList<>();
		for (PortRange mine : this.icmpCodes) {
			for (PortRange theirs : other.icmpCodes) {
				mine.intersect(theirs).ifPresent(codes::add);
			}
		}
		return codes.isEmpty() ? Optional.empty()
				: Optional.of(new ServicePort(this.protocol, this.protocolNumber, null, this.icmpType, codes));
	}

	@Override
	public int compareTo(ServicePort other) {
		return ORDER.compare(this, other);
	}

	/**
	 * The canonical lowercase text, which {@link #parse} reads back to an equal value.
	 * @return {@code tcp/443}, {@code tcp/80:90}, {@code icmp/3/0,1,4:10}, {@code gre},
	 * {@code any}
	 */
	@Override
	public String toString() {
		if (this.ports != null) {
			return this.protocol + "/" + this.ports;
		}
		if (this.icmpType == null) {
			return this.protocol;
		}
		String text = this.protocol + "/" + this.icmpType;
		if (this.icmpCodes.isEmpty()) {
			return text;
		}
		return text + "/" + this.icmpCodes.stream().map(PortRange::toString).collect(Collectors.joining(","));
	}

	private static String protocolName(String name, String text) {
		if (name.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			String suggestion = (name.length() <= 3) ? Protocols.nameOf(Integer.parseInt(name)) : null;
			throw new InvalidValueException(
					"service port '" + text + "': protocol numbers are not accepted, " + ((suggestion != null)
							? "write '" + suggestion + "' instead of " + name : "use the protocol name"));
		}
		String protocol = Protocols.canonical(name);
		if (protocol == null) {
			throw new InvalidValueException("service port '" + text + "': unknown protocol '" + name
					+ "', use an IANA protocol name such as tcp, udp, icmp, icmp6, gre, esp, sctp");
		}
		return protocol;
	}

	private static PortRange parseRange(String piece, int max, String what, String text) {
		int colon = piece.indexOf(':');
		if (colon < 0) {
			return PortRange.of(parseNumber(piece, max, what, text));
		}
		int from = parseNumber(piece.substring(0, colon), max, what, text);
		int to = parseNumber(piece.substring(colon + 1), max, what, text);
		if (from > to) {
			throw new InvalidValueException("service port '" + text + "': the range " + piece
					+ " must go from low to high (" + to + ":" + from + ")");
		}
		return new PortRange(from, to);
	}

	private static int parseNumber(String piece, int max, String what, String text) {
		if (piece.isEmpty()) {
			throw new InvalidValueException("service port '" + text + "': missing " + what);
		}
		if (!piece.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			String hint = piece.matches("\\d+-\\d+")
					? " (a range is written with a colon: " + piece.replace('-', ':') + ")" : "";
			throw new InvalidValueException("service port '" + text + "': " + what + " '" + piece
					+ "' is not a number from 0 to " + max + hint);
		}
		String digits = piece.replaceFirst("^0+(?=.)", "");
		if (digits.length() > 5 || Integer.parseInt(digits) > max) {
			throw new InvalidValueException(
					"service port '" + text + "': " + what + " " + piece + " is out of range 0.." + max);
		}
		return Integer.parseInt(digits);
	}

	private static String checkProtocol(String protocol, int protocolNumber) {
		String canonical = Protocols.canonical(protocol);
		if (canonical == null) {
			throw new InvalidValueException("unknown protocol '" + protocol + "'");
		}
		if (Protocols.number(canonical) != protocolNumber) {
			throw new InvalidValueException(
					"protocol " + canonical + " has number " + Protocols.number(canonical) + ", not " + protocolNumber);
		}
		return canonical;
	}

	private static void checkDetails(String protocol, PortRange ports, Integer icmpType, List<PortRange> icmpCodes) {
		if (Protocols.hasPorts(protocol) != (ports != null)) {
			throw new InvalidValueException(
					(ports == null) ? protocol + " needs a port or a port range" : protocol + " has no ports");
		}
		if (!Protocols.isIcmp(protocol) && (icmpType != null || !icmpCodes.isEmpty())) {
			throw new InvalidValueException(protocol + " has no ICMP type or code");
		}
		if (icmpType != null && (icmpType < 0 || icmpType > MAX_ICMP)) {
			throw new InvalidValueException("ICMP type " + icmpType + " is out of range 0.." + MAX_ICMP);
		}
		if (icmpType == null && !icmpCodes.isEmpty()) {
			throw new InvalidValueException("ICMP codes need an ICMP type");
		}
		for (PortRange code : icmpCodes) {
			if (code.to() > MAX_ICMP) {
				throw new InvalidValueException("ICMP code " + code + " is out of range 0.." + MAX_ICMP);
			}
		}
	}

	/**
	 * Sorted, overlapping ranges merged; adjacent ones stay apart as the user wrote them.
	 */
	private static List<PortRange> normalizeCodes(List<PortRange> codes) {
		List<PortRange> sorted = new ArrayList<>(codes);
		sorted.sort(Comparator.naturalOrder());
		List<PortRange> merged = new ArrayList<>();
		for (PortRange range : sorted) {
			int last = merged.size() - 1;
			if (last >= 0 && merged.get(last).overlaps(range)) {
				PortRange previous = merged.get(last);
				merged.set(last, new PortRange(previous.from(), Math.max(previous.to(), range.to())));
			}
			else {
				merged.add(range);
			}
		}
		return List.copyOf(merged);
	}

	private static boolean codesContain(List<PortRange> codes, int code) {
		for (PortRange range : codes) {
			if (range.contains(code)) {
				return true;
			}
		}
		return false;
	}

	private static int compareCodes(List<PortRange> a, List<PortRange> b) {
		for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
			int byRange = a.get(i).compareTo(b.get(i));
			if (byRange != 0) {
				return byRange;
			}
		}
		return Integer.compare(a.size(), b.size());
	}

}
