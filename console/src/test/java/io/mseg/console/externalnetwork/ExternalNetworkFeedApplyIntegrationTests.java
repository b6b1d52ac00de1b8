package io.mseg.console.externalnetwork;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mseg.console.externalnetwork.ExternalNetworkService.FetchOutcome;
import io.mseg.console.support.ApiClient.Response;
import io.mseg.console.support.ConsoleIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.mseg.console.support.ApiClient.json;
import static io.mseg.console.support.Nodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a fetch does to a feed-backed network, through the service the fetcher will call:
 * a new list is one audited change naming the feed; a 304 or a failure only touches the
 * status and keeps the ETag; a fetch of a source edited meanwhile is dropped.
 */
class ExternalNetworkFeedApplyIntegrationTests extends ConsoleIntegrationTest {

	private static final String URL = "https://feeds.example.test/drop.txt";

	private static final ExternalNetworkSource SOURCE = new ExternalNetworkSource(URL, "text", null, null, null, "1h",
			null);

	private static final Instant FETCHED = Instant.parse("2026-12-05T12:00:00Z");

	@Autowired
	private ExternalNetworkService service;

	private String id;

	@BeforeEach
	void createFeedBackedNetwork() {
		this.id = this.api
			.post(this.tenant, "/externalnetworks",
					json("name", "drop", "source", java.util.Map.of("url", URL, "format", "text")))
			.expectStatus(201)
			.id();
	}

	@Test
	void aNewListBecomesTheEntriesInOneChangeTheAuditTrailNamesTheFeed() {
		String before = read().header("ETag");
		assertThat(this.service.applyFetch(this.id, SOURCE, List.of("192.0.2.0/24", "198.51.100.0/24"), null, null,
				FETCHED))
			.isEqualTo(FetchOutcome.APPLIED);

		Response after = read();
		JsonNode network = after.json();
		assertThat(strings(network.get("entries"))).containsExactly("192.0.2.0/24", "198.51.100.0/24");
		JsonNode status = network.get("sourceStatus");
		assertThat(status.get("entryCount").asInt()).isEqualTo(2);
		assertThat(Instant.parse(status.get("lastSuccessTime").asString())).isEqualTo(FETCHED);
		assertThat(Instant.parse(status.get("lastAttemptTime").asString())).isEqualTo(FETCHED);
		assertThat(status.get("error")).isNull();
		assertThat(after.header("ETag")).isNotEqualTo(before);
		JsonNode audit = this.api.get(this.tenant, "/auditrecords?objectID=" + this.id).expectStatus(200).json();
		assertThat(audit.valueStream().map((record) -> record.get("principal").asString())).contains("feed " + URL);
	}

	@Test
	void theSameListAgainChangesOnlyTheStatusNotTheEtagNorTheAuditTrail() {
		this.service.applyFetch(this.id, SOURCE, List.of("192.0.2.0/24"), null, null, FETCHED);
		String etag = read().header("ETag");
		int records = this.api.get(this.tenant, "/auditrecords?objectID=" + this.id).json().size();

		Instant later = FETCHED.plus(1, ChronoUnit.HOURS);
		assertThat(this.service.applyFetch(this.id, SOURCE, List.of("192.0.2.0/24"), null, null, later))
			.isEqualTo(FetchOutcome.UNCHANGED);
		assertThat(this.service.recordNotModified(this.id, SOURCE, later.plus(1, ChronoUnit.HOURS)))
			.isEqualTo(FetchOutcome.NOT_MODIFIED);

		Response after = read();
		assertThat(after.header("ETag")).isEqualTo(etag);
		assertThat(Instant.parse(after.json().get("sourceStatus").get("lastSuccessTime").asString()))
			.isEqualTo(later.plus(1, ChronoUnit.HOURS));
		assertThat(this.api.get(this.tenant, "/auditrecords?objectID=" + this.id).json().size()).isEqualTo(records);
	}

	@Test
	void aFailureKeepsTheLastGoodEntriesAndShowsTheError() {
		this.service.applyFetch(this.id, SOURCE, List.of("192.0.2.0/24"), null, null, FETCHED);
		String etag = read().header("ETag");
		Instant later = FETCHED.plus(1, ChronoUnit.HOURS);
		assertThat(this.service.recordFetchFailure(this.id, SOURCE, "the feed answered HTTP 503", later))
			.isEqualTo(FetchOutcome.FAILED);

		Response after = read();
		JsonNode status = after.json().get("sourceStatus");
		assertThat(strings(after.json().get("entries"))).containsExactly("192.0.2.0/24");
		assertThat(status.get("error").asString()).isEqualTo("the feed answered HTTP 503");
		assertThat(Instant.parse(status.get("lastAttemptTime").asString())).isEqualTo(later);
		assertThat(Instant.parse(status.get("lastSuccessTime").asString())).isEqualTo(FETCHED);
		assertThat(after.header("ETag")).isEqualTo(etag);
	}

	@Test
	void aFetchOfASourceEditedMeanwhileIsDropped() {
		this.api
			.put(this.tenant, "/externalnetworks/" + this.id,
					json("name", "drop", "source",
							java.util.Map.of("url", "https://mirror.example.test/drop.txt", "format", "text")))
			.expectStatus(200);
		assertThat(this.service.applyFetch(this.id, SOURCE, List.of("192.0.2.0/24"), null, null, FETCHED))
			.isEqualTo(FetchOutcome.SUPERSEDED);
		JsonNode network = read().json();
		assertThat(strings(network.get("entries"))).isEmpty();
		assertThat(network.get("sourceStatus").get("lastAttemptTime")).isNull();
	}

	private Response read() {
		return this.api.get(this.tenant, "/externalnetworks/" + this.id).expectStatus(200);
	}

}
