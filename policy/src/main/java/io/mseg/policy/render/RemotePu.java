package io.mseg.policy.render;

import java.util.List;
import java.util.Objects;

import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.network.IpAddress;

/**
 * A processing unit at the remote end of a rendered rule, resolved to its addresses.
 *
 * @param id its identifier
 * @param name its name
 * @param namespace its namespace
 * @param addresses its addresses, sorted
 */
public record RemotePu(String id, String name, NamespacePath namespace, List<IpAddress> addresses) {

	public RemotePu {
		Objects.requireNonNull(id, "id");
		addresses = List.copyOf(addresses);
	}

}
