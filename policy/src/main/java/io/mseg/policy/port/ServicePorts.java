package io.mseg.policy.port;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.mseg.policy.InvalidValueException;

/**
 * A list of service ports, as in a policy's {@code ports} or an external network's
 * {@code servicePorts}: {@link #ANY} when absent, {@link #NONE} only as the result of an
 * intersection.
 *
 * @param ports the entries; {@code [any]} for {@link #ANY}, empty for {@link #NONE}
 */
public record ServicePorts(List<ServicePort> ports) {

	/** Matches all traffic; what a policy or network without ports means. */
	public static final ServicePorts ANY = new ServicePorts(List.of(ServicePort.ANY));

	/** Matches no traffic; never parsed, only produced by {@link #intersect}. */
	public static final ServicePorts NONE = new ServicePorts(List.of());

	public ServicePorts {
		ports = List.copyOf(ports);
		if (ports.size() > 1 && ports.stream().anyMatch(ServicePort::isAny)) {
			throw new InvalidValueException("'any' must be the only service port");
		}
	}

	/**
	 * Parses a list of service ports.
	 * @param texts the entries; {@code null} or empty means {@link #ANY}
	 * @return the service ports, in the order given, canonicalised
	 * @throws InvalidValueException with the index of the offending entry: a bad entry,
	 * {@code any} next to other entries, or a duplicate (compared after canonicalisation,
	 * so {@code TCP/443} duplicates {@code tcp/443})
	 */
	public static ServicePorts parse(List<String> texts) {
		if (texts == null || texts.isEmpty()) {
			return ANY;
		}
		List<ServicePort> ports = new ArrayList<>(texts.size());
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < texts.size(); i++) {
			ServicePort port;
			try {
				port = ServicePort.parse(texts.get(i));
			}
			catch (InvalidValueException ex) {
				throw ex.atIndex(i);
			}
			if (port.isAny() && texts.size() > 1) {
				throw new InvalidValueException(i,
						"'any' must be the only service port: it already covers every protocol and port");
			}
			Integer first = seen.putIfAbsent(port.toString(), i);
			if (first != null) {
				throw new InvalidValueException(i, "duplicate service port '" + texts.get(i) + "' (same as entry "
						+ first + ", '" + texts.get(first) + "')");
			}
			ports.add(port);
		}
		return new ServicePorts(ports);
	}

	/**
	 * Parses entries given inline, mostly for tests and fixtures.
	 * @param texts the entries; none means {@link #ANY}
	 * @return the service ports
	 */
	public static ServicePorts of(String... texts) {
		return parse(List.of(texts));
	}

	public boolean isAny() {
		return this.ports.size() == 1 && this.ports.get(0).isAny();
	}

	public boolean isNone() {
		return this.ports.isEmpty();
	}

	public boolean covers(Traffic t) {
		for (ServicePort port : this.ports) {
			if (port.covers(t)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The traffic covered by both lists, exactly: {@code a.intersect(b).covers(t)} if and
	 * only if {@code a.covers(t) && b.covers(t)}. The result is sorted, without
	 * duplicates or entries made redundant by another entry; it is {@link #NONE} when
	 * nothing is left and {@code this}/{@code other} itself when the other side is
	 * {@link #ANY}.
	 * @param other another list
	 * @return the intersection
	 */
	public ServicePorts intersect(ServicePorts other) {
		if (isAny()) {
			return other;
		}
		if (other.isAny()) {
			return this;
		}
		TreeSet<ServicePort> common = new TreeSet<>();
		for (ServicePort mine : this.ports) {
			for (ServicePort theirs : other.ports) {
				mine.intersect(theirs).ifPresent(common::add);
			}
		}
		List<ServicePort> kept = new ArrayList<>();
		for (ServicePort candidate : common) {
			if (common.stream().noneMatch((port) -> makesRedundant(port, candidate))) {
				kept.add(candidate);
			}
		}
		return kept.isEmpty() ? NONE : new ServicePorts(kept);
	}

	/**
	 * Of two entries covering the same traffic ({@code icmp/3/0,1} and
	 * {@code icmp/3/0:1}) the first stays.
	 */
	private static boolean makesRedundant(ServicePort port, ServicePort candidate) {
		return !port.equals(candidate) && port.contains(candidate)
				&& (!candidate.contains(port) || port.compareTo(candidate) < 0);
	}

	/**
	 * The canonical texts, which {@link #parse} reads back to an equal value.
	 * @return {@code ["any"]} for {@link #ANY}, otherwise one text per entry
	 * @throws IllegalStateException for {@link #NONE}, which has no text: its empty list
	 * would read back as {@link #ANY}, opening everything
	 */
	public List<String> toStrings() {
		if (isNone()) {
			throw new IllegalStateException("NONE has no text form: an empty list would read back as ANY");
		}
		return this.ports.stream().map(ServicePort::toString).toList();
	}

}
