package io.mseg.enforcer.nftables;

import java.util.Objects;

/**
 * A named stateful object of the table that rules refer to by name: a {@code limit}
 * shared by every rule that logs new connections, a {@code counter} of what it did not
 * log. A limit is named by its rate, so another rate is another object: {@code add limit}
 * keeps an existing object's rate.
 *
 * @param kind {@code limit} or {@code counter}
 * @param name its name
 * @param body what goes between its braces ({@code rate 10000/second burst 2000 packets}
 * or nothing)
 */
public record NftObject(String kind, String name, String body) {

	public NftObject {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(body, "body");
	}

	/**
	 * {@code kind name} as the kernel lists it, to compare with a {@link KernelTable}.
	 */
	String key() {
		return this.kind + " " + this.name;
	}

}
