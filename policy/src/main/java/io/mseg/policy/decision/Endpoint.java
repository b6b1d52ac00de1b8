package io.mseg.policy.decision;

import java.util.Objects;

import io.mseg.policy.InvalidValueException;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.IpAddress;

/**
 * One end of a connection: a processing unit, or a host known by address and/or name.
 */
public sealed interface Endpoint {

	/**
	 * A processing unit.
	 *
	 * @param pu the processing unit
	 */
	record Pu(ProcessingUnit pu) implements Endpoint {

		public Pu {
			Objects.requireNonNull(pu, "pu");
		}

	}

	/**
	 * A host outside the known processing units (unless its address says otherwise).
	 *
	 * @param address its address, may be {@code null}
	 * @param domain its domain name, may be {@code null}
	 */
	record External(IpAddress address, String domain) implements Endpoint {

		public External {
			if (address == null && (domain == null || domain.isEmpty())) {
				throw new InvalidValueException("an external endpoint needs an address or a domain name");
			}
		}

	}

	static Endpoint of(ProcessingUnit pu) {
		return new Pu(pu);
	}

	static Endpoint of(IpAddress address) {
		return new External(address, null);
	}

	static Endpoint ofDomain(String domain) {
		return new External(null, domain);
	}

}
