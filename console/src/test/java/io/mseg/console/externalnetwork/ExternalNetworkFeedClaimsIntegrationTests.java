package io.mseg.console.externalnetwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims on the real database: a new source is due at once, and of claims racing for it
 * exactly one wins; the winner's lease keeps it from being due again.
 */
class ExternalNetworkFeedClaimsIntegrationTests extends ConsoleIntegrationTest {

	@Autowired
	private FeedClaims claims;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aNewSourceIsDueAtOnceAndOfRacingClaimsExactlyOneWins() throws Exception {
		UUID id = UUID.fromString(this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "drop", "source",
							Map.of("url", "https://feeds.example.test/drop.txt", "format", "text")))
			.expectStatus(201)
			.id());
		assertThat(this.claims.due(100_000)).contains(id);

		ExecutorService replicas = Executors.newFixedThreadPool(4);
		try {
			List<Future<Optional<FeedClaims.Claim>>> racing = new ArrayList<>();
			Callable<Optional<FeedClaims.Claim>> claim = () -> this.claims.claim(id, Duration.ofMinutes(5));
			for (int i = 0; i < 4; i++) {
				racing.add(replicas.submit(claim));
			}
			long won = 0;
			for (Future<Optional<FeedClaims.Claim>> result : racing) {
				won += result.get().isPresent() ? 1 : 0;
			}
			assertThat(won).isEqualTo(1);
		}
		finally {
			replicas.shutdown();
		}
		assertThat(this.claims.due(100_000)).doesNotContain(id);
		assertThat(this.claims.claim(id, Duration.ofMinutes(5))).isEmpty();
	}

	@Test
	void changingTheSourceToAnotherListMakesItDueAtOnceAndForgetsTheValidators() {
		String created = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "drop", "source",
							Map.of("url", "https://feeds.example.test/drop.txt", "format", "text")))
			.expectStatus(201)
			.id();
		UUID id = UUID.fromString(created);
		this.jdbc.sql("update external_networks set source_etag = '\"v1\"', source_failures = 3 where id = ?")
			.param(id)
			.update();
		assertThat(this.claims.claim(id, Duration.ofMinutes(5))).hasValueSatisfying((claim) -> {
			assertThat(claim.etag()).isEqualTo("\"v1\"");
			assertThat(claim.failures()).isEqualTo(3);
		});
		// Another field of the network: the claim and its validators stay.
		this.api
			.put(this.tenant, "/externalnetworks/" + created,
					json("name", "drop", "description", "Spamhaus DROP", "source",
							Map.of("url", "https://feeds.example.test/drop.txt", "format", "text")))
			.expectStatus(200);
		assertThat(this.claims.claim(id, Duration.ofMinutes(5))).isEmpty();
		// Another list: due at once, from scratch.
		this.api
			.put(this.tenant, "/externalnetworks/" + created,
					json("name", "drop", "source",
							Map.of("url", "https://mirror.example.test/drop.txt", "format", "text")))
			.expectStatus(200);
		assertThat(this.claims.claim(id, Duration.ofMinutes(5))).hasValueSatisfying((claim) -> {
			assertThat(claim.etag()).isNull();
			assertThat(claim.failures()).isZero();
		});
	}

	@Test
	void aNetworkWithHandWrittenEntriesIsNeverDue() {
		UUID id = UUID.fromString(
				this.api.post(this.tenant, "/externalnetworks", json("name", "n", "entries", List.of("192.0.2.0/24")))
					.expectStatus(201)
					.id());
		assertThat(this.claims.due(100_000)).doesNotContain(id);
		assertThat(this.claims.claim(id, Duration.ofMinutes(5))).isEmpty();
	}

}
