package io.mseg.enforcer.flow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.document.PolicyDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spool and the shipper across a console outage: batches wait on disk with their
 * batch ID (a retry sends the same body), the oldest are dropped beyond the bound and
 * counted in the next batch, and the console's answers decide what leaves.
 */
class FlowSpoolTests {

	@TempDir
	Path directory;

	private static List<FlowRecord> records(int count, String policy) {
		List<FlowRecord> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			records.add(FlowRecord.of("2026-12-05T12:00:00Z", 1, new FlowKey("pu", "Incoming", "tcp",
					"10.0.0." + (i % 250), "10.0.1.1", 80 + i / 250, "Allow", false, "Policy", policy, null, null)));
		}
		return records;
	}

	@Test
	void anOutageKeepsBatchesUpToTheBoundAndReportsWhatItDropped() throws Exception {
		FlowSpool spool = new FlowSpool(this.directory, 2500);
		AtomicReference<ConsoleException> answer = new AtomicReference<>(
				new ConsoleException("cannot reach the console", null));
		List<String> sent = new ArrayList<>();
		Instant[] now = { Instant.parse("2026-12-05T12:00:00Z") };
		FlowShipper shipper = new FlowShipper(spool, (body) -> {
			sent.add(body);
			if (answer.get() != null) {
				throw answer.get();
			}
		}, () -> now[0]);
		spool.add(records(1500, "old"));
		shipper.ship();
		assertThat(spool.records()).isEqualTo(1500);
		String first = sent.get(0);
		// still down: the retry waits for the delay, then sends the same batch
		shipper.ship();
		assertThat(sent).hasSize(1);
		now[0] = now[0].plus(Duration.ofSeconds(2));
		shipper.ship();
		assertThat(sent).hasSize(2);
		assertThat(sent.get(1)).isEqualTo(first);
		// beyond the bound the oldest batch (1,000 records) goes, counted in the next one
		spool.lost(7);
		spool.add(records(1500, "new"));
		assertThat(spool.records()).isEqualTo(2000);
		answer.set(null);
		now[0] = now[0].plus(Duration.ofMinutes(2));
		shipper.ship();
		assertThat(spool.records()).isZero();
		assertThat(shipper.delivered()).isEqualTo(2000);
		List<JsonNode> delivered = sent.stream()
			.distinct()
			.map((body) -> PolicyDocuments.json().readTree(body))
			.toList();
		assertThat(delivered.stream().mapToLong((body) -> body.get("dropped").get("records").asLong()).sum())
			.isEqualTo(1000);
		assertThat(delivered.stream().mapToLong((body) -> body.get("dropped").get("flows").asLong()).sum())
			.isEqualTo(7);
		assertThat(
				sent.stream().map((body) -> PolicyDocuments.json().readTree(body).get("batchID").asString()).distinct())
			.as("the dropped batch, the old one left and two new ones")
			.hasSize(4);
	}

	@Test
	void aBatchStoredBeforeOrRefusedForGoodLeavesTheSpool() throws Exception {
		FlowSpool spool = new FlowSpool(this.directory, 10_000);
		List<Integer> statuses = new ArrayList<>(List.of(409, 422, 429));
		FlowShipper shipper = new FlowShipper(spool, (body) -> {
			throw new ConsoleException(statuses.remove(0), "refused", Duration.ofSeconds(30));
		}, Instant::now);
		spool.add(records(10, "a"));
		spool.add(records(10, "b"));
		spool.add(records(10, "c"));
		shipper.ship();
		// 409: stored by an earlier try; 422: dropped and counted; 429: kept, waits
		assertThat(spool.records()).isEqualTo(10);
		assertThat(shipper.delivered()).isZero();
		spool.add(records(1, "d"));
		JsonNode body = PolicyDocuments.json()
			.readTree(spool.names().isEmpty() ? "{}" : java.nio.file.Files
				.readString(this.directory.resolve(spool.names().get(spool.names().size() - 1))));
		assertThat(body.get("dropped").get("records").asLong()).isEqualTo(10);
	}

	@Test
	void dropsWithNothingElseToSendGoInOneBatchWithoutRecords() throws Exception {
		FlowSpool spool = new FlowSpool(this.directory, 10_000);
		spool.flushDrops();
		assertThat(spool.names()).as("nothing dropped, nothing written").isEmpty();
		spool.lost(3);
		spool.flushDrops();
		spool.lost(4);
		spool.flushDrops();
		assertThat(spool.names()).as("one batch of drops waits at most").hasSize(1);
		JsonNode first = PolicyDocuments.json()
			.readTree(java.nio.file.Files.readString(this.directory.resolve(spool.names().get(0))));
		assertThat(first.get("records")).isEmpty();
		assertThat(first.get("dropped").get("flows").asLong()).isEqualTo(3);
		spool.add(records(1, "a"));
		JsonNode next = PolicyDocuments.json()
			.readTree(java.nio.file.Files.readString(this.directory.resolve(spool.names().get(1))));
		assertThat(next.get("dropped").get("flows").asLong()).as("later drops ride with records").isEqualTo(4);
	}

	@Test
	void batchesSurviveARestartInOrder() throws Exception {
		FlowSpool spool = new FlowSpool(this.directory, 10_000);
		spool.add(records(1200, "a"));
		FlowSpool reopened = new FlowSpool(this.directory, 10_000);
		assertThat(reopened.records()).isEqualTo(1200);
		assertThat(reopened.names()).isEqualTo(spool.names()).hasSize(2);
		reopened.add(records(1, "b"));
		assertThat(reopened.names().get(2)).isGreaterThan(reopened.names().get(1));
	}

}
