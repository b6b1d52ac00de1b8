package io.mseg.policy.decision;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;

import static io.mseg.policy.Fixtures.NOW;
import static io.mseg.policy.Fixtures.ip;
import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PolicySnapshotTests {

	private final ProcessingUnit web = pu("web", "/acme", "10.0.0.1", "app=web");

	private final ProcessingUnit db = pu("db", "/acme", "10.0.0.2", "app=db");

	@Test
	void findsProcessingUnitsByIdAndByAddress() {
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.web, this.db), null, null);
		assertThat(snapshot.processingUnit("db")).contains(this.db);
		assertThat(snapshot.processingUnit("nope")).isEmpty();
		assertThat(snapshot.processingUnitByAddress(ip("10.0.0.1"))).contains(this.web);
		assertThat(snapshot.processingUnitByAddress(ip("10.0.0.3"))).isEmpty();
		assertThat(snapshot.processingUnitAddresses()).containsExactlyInAnyOrder(ip("10.0.0.1"), ip("10.0.0.2"));
	}

	@Test
	void findsProcessingUnitsByAddressInAnyNamespace() {
		ProcessingUnit other = pu("other", "/other", "192.168.0.1");
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.web, other), null, null);
		assertThat(snapshot.processingUnitByAddress(ip("192.168.0.1"))).contains(other);
	}

	@Test
	void sortsItsContentSoThatResultsDoNotDependOnInputOrder() {
		NetworkPolicy allow = policy("a", "/acme").subject("app=web").object("app=db").build();
		NetworkPolicy reject = policy("z", "/acme").reject().subject("app=web").object("app=db").build();
		NetworkPolicy fallback = policy("b", "/acme").fallback().subject("app=web").object("app=db").build();
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.web, this.db),
				List.of(network("n2", "/b", List.of("10.0.0.0/8"), null, false),
						network("n1", "/a", List.of("10.0.0.0/8"), null, false)),
				List.of(fallback, allow, reject));
		assertThat(snapshot.processingUnits()).containsExactly(this.db, this.web);
		assertThat(snapshot.externalNetworks()).extracting("id").containsExactly("n1", "n2");
		assertThat(snapshot.policies()).containsExactly(reject, allow, fallback);
	}

	@Test
	void refusesTwoProcessingUnitsWithTheSameId() {
		ProcessingUnit clone = pu("web", "/other", "10.9.9.9");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicySnapshot(List.of(this.web, clone), List.of(), List.of()))
			.withMessageContaining("web");
	}

	@Test
	void policiesForKeepsActivePoliciesSelectingTheUnitOnThatSide() {
		NetworkPolicy toDb = policy("to-db", "/acme").outgoing().subject("app=web").object("app=db").build();
		NetworkPolicy intoDb = policy("into-db", "/acme").incoming().subject("app=web").object("app=db").build();
		NetworkPolicy expired = policy("expired", "/acme").subject("app=web")
			.object("app=db")
			.expires(NOW.minus(Duration.ofSeconds(1)))
			.build();
		PolicySnapshot snapshot = new PolicySnapshot(List.of(this.web, this.db), List.of(),
				List.of(toDb, intoDb, expired));
		assertThat(snapshot.policiesFor(this.web, Side.OUTGOING, NOW)).containsExactly(toDb);
		assertThat(snapshot.policiesFor(this.web, Side.INCOMING, NOW)).isEmpty();
		assertThat(snapshot.policiesFor(this.db, Side.INCOMING, NOW)).containsExactly(intoDb);
	}

}
