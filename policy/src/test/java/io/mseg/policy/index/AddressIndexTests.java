package io.mseg.policy.index;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.render.RemoteNetwork;

import static io.mseg.policy.Fixtures.ip;
import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;

class AddressIndexTests {

	private final AddressIndex index = new AddressIndex();

	private final ExternalNetwork internet = network("internet", "/", List.of("0.0.0.0/0", "!10.0.0.0/8"), null, true);

	private final ExternalNetwork lab = network("lab", "/", List.of("10.1.0.0/16", "10.1.2.0/24"), null, false);

	private final ExternalNetwork api = network("api", "/", List.of("*.example.com"), null, false);

	AddressIndexTests() {
		this.index.add(pu("a", "/", "10.1.2.3"));
		this.index.add(pu("b", "/", "10.2.0.1"));
		this.index.add(pu("c", "/", "192.0.2.1"));
		this.index.add(pu("d", "/", "2001:db8::1"));
		this.index.add(this.internet);
		this.index.add(this.lab);
		this.index.add(this.api);
	}

	@Test
	void theNetworksThatMayCoverAnAddressAreFoundByPrefixMinusExclusions() {
		// a network with domain entries may cover any address: a name may resolve to it
		assertThat(this.index.networksThatMayCover(List.of(ip("10.1.2.3")))).containsExactlyInAnyOrder("lab", "api");
		assertThat(this.index.networksThatMayCover(List.of(ip("192.0.2.1")))).containsExactlyInAnyOrder("internet",
				"api");
		assertThat(this.index.networksThatMayCover(List.of(ip("2001:db8::1")))).containsExactly("api");
		assertThat(this.index.networksThatMayCover(List.of())).isEmpty();
	}

	@Test
	void knownAddressesAreTheUnitAddressesInsideTheNetworksSortedOnceEach() {
		assertThat(this.index.processingUnitAddressesCoveredBy(List.of(remote(this.lab))))
			.containsExactly(ip("10.1.2.3"));
		assertThat(this.index.processingUnitAddressesCoveredBy(List.of(remote(this.internet), remote(this.lab))))
			.containsExactly(ip("10.1.2.3"), ip("192.0.2.1"));
	}

	@Test
	void aNetworkWithDomainEntriesCoversEveryUnitAddress() {
		assertThat(this.index.processingUnitAddressesCoveredBy(List.of(remote(this.lab), remote(this.api))))
			.containsExactlyInAnyOrder(ip("10.1.2.3"), ip("10.2.0.1"), ip("192.0.2.1"), ip("2001:db8::1"));
	}

	@Test
	void knownAddressesFollowUnitAndNetworkChanges() {
		assertThat(this.index.processingUnitAddressesCoveredBy(List.of(remote(this.lab)))).hasSize(1);
		this.index.add(pu("e", "/", "10.1.9.9"));
		assertThat(this.index.processingUnitAddressesCoveredBy(List.of(remote(this.lab))))
			.containsExactly(ip("10.1.2.3"), ip("10.1.9.9"));
		this.index.remove(pu("a", "/", "10.1.2.3"));
		ExternalNetwork wider = network("lab", "/", List.of("10.0.0.0/8"), null, false);
		this.index.remove(this.lab);
		this.index.add(wider);
		assertThat(this.index.processingUnitAddressesCoveredBy(List.of(remote(wider)))).containsExactly(ip("10.1.9.9"),
				ip("10.2.0.1"));
	}

	@Test
	void anAddressClaimedByTwoUnitsStaysKnownUntilBothAreGone() {
		this.index.add(pu("twin", "/", "10.1.2.3"));
		this.index.remove(pu("a", "/", "10.1.2.3"));
		List<IpAddress> known = this.index.processingUnitAddressesCoveredBy(List.of(remote(this.lab)));
		assertThat(known).containsExactly(ip("10.1.2.3"));
		this.index.remove(pu("twin", "/", "10.1.2.3"));
		assertThat(this.index.processingUnitAddressesCoveredBy(List.of(remote(this.lab)))).isEmpty();
	}

	private static RemoteNetwork remote(ExternalNetwork n) {
		return new RemoteNetwork(n.id(), n.name(), n.namespace(), n.entries().included(), n.entries().excluded(),
				n.entries().domains(), n.servicePorts(), n.servicePorts());
	}

}
