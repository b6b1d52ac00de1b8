package io.mseg.policy.decision;

import java.util.Objects;

import io.mseg.policy.port.Traffic;

/**
 * A connection attempt to decide: from a source to a destination, carrying some traffic.
 *
 * @param source the initiator
 * @param destination the recipient
 * @param traffic the protocol and destination port
 */
public record Connection(Endpoint source, Endpoint destination, Traffic traffic) {

	public Connection {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(destination, "destination");
		Objects.requireNonNull(traffic, "traffic");
	}

}
