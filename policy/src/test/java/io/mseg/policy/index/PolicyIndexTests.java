package io.mseg.policy.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mseg.policy.Scenarios;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.render.PolicyRenderer;

import static io.mseg.policy.Fixtures.NOW;
import static io.mseg.policy.Fixtures.network;
import static io.mseg.policy.Fixtures.policy;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class PolicyIndexTests {

	private final ProcessingUnit web = Scenarios.processingUnit("web", "/acme", List.of("10.0.0.1"), List.of("app=web"),
			"e1");

	private final ProcessingUnit db = Scenarios.processingUnit("db", "/acme", List.of("10.0.0.2"), List.of("app=db"),
			"e1");

	private final ProcessingUnit other = Scenarios.processingUnit("other", "/other", List.of("10.0.0.3"),
			List.of("app=web"), "e2");

	private final ExternalNetwork internet = network("internet", "/", List.of("0.0.0.0/0"), null, true, "ext=internet");

	private final NetworkPolicy webToDb = policy("web-to-db", "/acme").subject("app=web").object("app=db").build();

	private final NetworkPolicy webToInternet = policy("web-out", "/acme").outgoing()
		.subject("app=web")
		.object("ext=internet")
		.build();

	private PolicyIndex index() {
		return PolicyIndex.of(new PolicySnapshot(List.of(this.web, this.db, this.other), List.of(this.internet),
				List.of(this.webToDb, this.webToInternet)));
	}

	@Test
	void anIndexOfASnapshotHoldsEverythingInIt() {
		PolicyIndex index = index();
		assertThat(index.processingUnitCount()).isEqualTo(3);
		assertThat(index.externalNetworkCount()).isEqualTo(1);
		assertThat(index.policyCount()).isEqualTo(2);
		assertThat(index.processingUnit("db")).contains(this.db);
		assertThat(index.processingUnit("nope")).isEmpty();
	}

	@Test
	void anEmptyIndexRendersNoRules() {
		PolicyIndex index = new PolicyIndex();
		assertThat(index.render(List.of(this.web), NOW).processingUnits()).singleElement().satisfies((rendered) -> {
			assertThat(rendered.incoming()).isEmpty();
			assertThat(rendered.outgoing()).isEmpty();
		});
		assertThat(index.snapshot().processingUnits()).isEmpty();
	}

	@Test
	void putReplacesByIdAndRemoveForgets() {
		PolicyIndex index = index();
		ProcessingUnit moved = Scenarios.processingUnit("db", "/acme", List.of("10.0.0.9"), List.of("app=db"), "e1");
		index.put(moved);
		assertThat(index.processingUnit("db")).contains(moved);
		assertThat(index.processingUnitCount()).isEqualTo(3);
		index.removeProcessingUnit("db");
		index.removeExternalNetwork("internet");
		index.removeNetworkPolicy("web-to-db");
		assertThat(index.processingUnit("db")).isEmpty();
		assertThat(index.processingUnitCount()).isEqualTo(2);
		assertThat(index.externalNetworkCount()).isZero();
		assertThat(index.policyCount()).isEqualTo(1);
	}

	@Test
	void processingUnitsAreIndexedByEnforcerInSnapshotOrder() {
		PolicyIndex index = index();
		assertThat(index.processingUnitsOfEnforcer("e1")).containsExactly(this.db, this.web);
		index.put(Scenarios.processingUnit("db", "/acme", List.of("10.0.0.2"), List.of("app=db"), "e2"));
		assertThat(index.processingUnitsOfEnforcer("e1")).containsExactly(this.web);
		assertThat(index.processingUnitsOfEnforcer("e2")).extracting(ProcessingUnit::id).containsExactly("db", "other");
		assertThat(index.processingUnitsOfEnforcer("nobody")).isEmpty();
	}

	@Test
	void theSnapshotIsAConsistentCopyThatLaterChangesDoNotTouch() {
		PolicyIndex index = index();
		PolicySnapshot before = index.snapshot();
		assertThat(index.snapshot()).isSameAs(before);
		index.removeProcessingUnit("db");
		assertThat(before.processingUnit("db")).contains(this.db);
		assertThat(index.snapshot().processingUnit("db")).isEmpty();
	}

	@Test
	void renderingAnswersWhatTheRendererAnswersOnTheSnapshot() {
		PolicyIndex index = index();
		List<ProcessingUnit> all = List.of(this.web, this.db, this.other);
		assertThat(index.render(all, NOW)).isEqualTo(PolicyRenderer.render(index.snapshot(), all, NOW));
		assertThat(index.render(List.of(this.web), NOW).knownPuAddresses()).hasSize(3);
	}

	@Test
	void unitsAreRenderedAsGivenEvenWhenTheIndexHoldsAnotherVersion() {
		PolicyIndex index = index();
		ProcessingUnit stale = pu("db", "/acme", "10.0.0.2", "app=web");
		assertThat(index.render(List.of(stale), NOW))
			.isEqualTo(PolicyRenderer.render(index.snapshot(), List.of(stale), NOW));
	}

	@Test
	void theNextExpirationIsTheEarliestExpirationOfAnEnabledPolicyAfterTheInstant() {
		PolicyIndex index = index();
		assertThat(index.nextExpiration(NOW)).isEmpty();
		Instant inAnHour = NOW.plusSeconds(3600);
		index.put(policy("temporary", "/acme").expires(inAnHour).subject("app=web").object("app=db").build());
		index.put(policy("off", "/acme").disabled().expires(NOW.plusSeconds(60)).subject("a=b").object("a=b").build());
		assertThat(index.nextExpiration(NOW)).contains(inAnHour);
		assertThat(index.nextExpiration(inAnHour)).isEmpty();
		index.removeNetworkPolicy("temporary");
		assertThat(index.nextExpiration(NOW)).isEmpty();
	}

	@Test
	void aPolicyWithoutIdIsRefused() {
		NetworkPolicy noId = policy("p", "/acme").id(null).subject("a=b").object("a=b").build();
		assertThatNullPointerException().isThrownBy(() -> new PolicyIndex().put(noId));
	}

	@Test
	void readersRenderWhileAWriterChangesTheIndex() throws Exception {
		PolicyIndex index = index();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> readers = new ArrayList<>();
			for (int r = 0; r < 3; r++) {
				readers.add(pool.submit(() -> {
					for (int i = 0; i < 2000; i++) {
						assertThat(index.render(List.of(this.web), NOW).processingUnits()).hasSize(1);
					}
				}));
			}
			Future<?> writer = pool.submit(() -> {
				for (int i = 0; i < 2000; i++) {
					index.put(pu("pu" + (i % 50), "/acme", "10.1.0." + (i % 50), (i % 2 == 0) ? "app=db" : "app=x"));
				}
			});
			writer.get(30, TimeUnit.SECONDS);
			for (Future<?> reader : readers) {
				reader.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<ProcessingUnit> all = index.snapshot().processingUnits().stream().toList();
		assertThat(index.render(all, NOW)).isEqualTo(PolicyRenderer.render(index.snapshot(), all, NOW));
	}

}
