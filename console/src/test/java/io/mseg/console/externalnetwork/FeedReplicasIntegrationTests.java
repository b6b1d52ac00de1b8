package io.mseg.console.externalnetwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mseg.console.support.ConsoleIntegrationTest;
import io.mseg.console.support.FeedServer;
import io.mseg.console.support.FeedServer.Feed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mseg.console.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas with their refreshers on, sharing one database, as a Helm deployment runs
 * them: every source is fetched once, by one of them; a replica started later fetches
 * nothing that is not due.
 */
class FeedReplicasIntegrationTests extends ConsoleIntegrationTest {

	private static final int SOURCES = 8;

	@Autowired
	private JdbcClient jdbc;

	private final FeedServer feeds = new FeedServer();

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@AfterEach
	void stop() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		this.feeds.close();
	}

	@Test
	void eachSourceIsFetchedByOneReplicaAndARestartRefetchesNothing() throws Exception {
		// Sources of other tests (on names that do not resolve here) are not this test's.
		this.jdbc
			.sql("update external_networks set source_next_attempt_time = now() + interval '1 day' "
					+ "where source is not null")
			.update();
		startReplica();
		startReplica();

		List<Feed> published = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < SOURCES; i++) {
			published.add(this.feeds.serve("/list-" + i + ".txt", "192.0.2." + i + "\n"));
			ids.add(this.api
				.post(this.tenant, "/externalnetworks",
						json("name", "list-" + i, "source", Map.of("url", this.feeds.url("/list-" + i + ".txt"),
								"format", "text", "caCertificate", this.feeds.caCertificate())))
				.expectStatus(201)
				.id());
		}

		await().atMost(Duration.ofSeconds(60))
			.until(() -> ids.stream()
				.allMatch((
						id) -> this.api.get(this.tenant, "/externalnetworks/" + id).json().get("entries").size() == 1));
		Thread.sleep(2000);
		assertThat(published).allSatisfy((feed) -> assertThat(feed.requests()).isEqualTo(1));

		this.replicas.remove(0).close();
		startReplica();
		Thread.sleep(3000);
		assertThat(published).allSatisfy((feed) -> assertThat(feed.requests()).isEqualTo(1));
	}

	private void startReplica() throws Exception {
		this.replicas.add(startReplica("--mseg.feeds.enabled=true", "--mseg.feeds.poll-interval=200ms",
				"--mseg.feeds.allowed-hosts=127.0.0.1"));
	}

}
