package io.mseg.enforcer.flow;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlowAggregatorTests {

	private static FlowKey key(String source) {
		return new FlowKey("pu", "Incoming", "tcp", source, "10.0.1.1", 80, "Allow", false, "Policy", "p", null, null);
	}

	@Test
	void identicalFlowsOfAnIntervalMakeOneRecordWithTheirCount() {
		FlowAggregator aggregator = new FlowAggregator(Duration.ofSeconds(10), 100);
		Instant start = Instant.parse("2026-12-05T12:00:00Z");
		aggregator.add(start.plusSeconds(1), key("10.0.0.1"));
		aggregator.add(start.plusSeconds(9), key("10.0.0.1"));
		aggregator.add(start.plusSeconds(3), key("10.0.0.2"));
		aggregator.add(start.plusSeconds(11), key("10.0.0.1"));
		assertThat(aggregator.close(start.plusSeconds(9))).as("the interval is still open").isEmpty();
		assertThat(aggregator.close(start.plusSeconds(10)))
			.extracting(FlowRecord::sourceAddress, FlowRecord::count, FlowRecord::time)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("10.0.0.1", 2L, "2026-12-05T12:00:00Z"),
					org.assertj.core.groups.Tuple.tuple("10.0.0.2", 1L, "2026-12-05T12:00:00Z"));
		assertThat(aggregator.close(start.plusSeconds(20))).singleElement()
			.extracting(FlowRecord::time)
			.isEqualTo("2026-12-05T12:00:10Z");
	}

	@Test
	void beyondItsBoundNewFlowsAreCountedAsLost() {
		FlowAggregator aggregator = new FlowAggregator(Duration.ofSeconds(10), 2);
		Instant now = Instant.parse("2026-12-05T12:00:00Z");
		aggregator.add(now, key("10.0.0.1"));
		aggregator.add(now, key("10.0.0.2"));
		aggregator.add(now, key("10.0.0.3"));
		aggregator.add(now, key("10.0.0.1"));
		assertThat(aggregator.takeLost()).isEqualTo(1);
		assertThat(aggregator.takeLost()).isZero();
		assertThat(aggregator.close(now.plusSeconds(10))).hasSize(2);
	}

}
