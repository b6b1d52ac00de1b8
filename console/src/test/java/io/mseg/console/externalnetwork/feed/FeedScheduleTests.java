package io.mseg.console.externalnetwork.feed;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedScheduleTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private static final Duration HOUR = Duration.ofHours(1);

	private static final double MIDDLE = 0.5;

	@Test
	void aGoodFetchWaitsOneIntervalGiveOrTakeTenPercent() {
		assertThat(FeedSchedule.afterSuccess(NOW, HOUR, MIDDLE)).isEqualTo(NOW.plus(HOUR));
		assertThat(FeedSchedule.afterSuccess(NOW, HOUR, 0)).isEqualTo(NOW.plus(Duration.ofMinutes(54)));
		assertThat(FeedSchedule.afterSuccess(NOW, HOUR, 0.999)).isBefore(NOW.plus(Duration.ofMinutes(66)));
	}

	@Test
	void failuresBackOffByDoublingFromOneMinuteUpToTheInterval() {
		assertThat(FeedSchedule.afterFailure(NOW, HOUR, 1, MIDDLE)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
		assertThat(FeedSchedule.afterFailure(NOW, HOUR, 2, MIDDLE)).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
		assertThat(FeedSchedule.afterFailure(NOW, HOUR, 6, MIDDLE)).isEqualTo(NOW.plus(Duration.ofMinutes(32)));
		assertThat(FeedSchedule.afterFailure(NOW, HOUR, 7, MIDDLE)).isEqualTo(NOW.plus(HOUR));
		assertThat(FeedSchedule.afterFailure(NOW, HOUR, 1000, MIDDLE)).isEqualTo(NOW.plus(HOUR));
	}

	@Test
	void aShortIntervalBoundsTheBackoffToo() {
		Duration twoMinutes = Duration.ofMinutes(2);
		assertThat(FeedSchedule.afterFailure(NOW, twoMinutes, 5, MIDDLE)).isEqualTo(NOW.plus(twoMinutes));
	}

}
