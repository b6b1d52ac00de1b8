package io.mseg.console.externalnetwork.feed;

import java.time.Duration;

import io.mseg.policy.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FeedRefreshIntervalTests {

	@Test
	void anAbsentIntervalIsOneHour() {
		assertThat(RefreshInterval.parse(null)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void unitsCombineAndReadBackShortestLargestFirst() {
		assertThat(RefreshInterval.format(RefreshInterval.parse("90m"))).isEqualTo("1h30m");
		assertThat(RefreshInterval.format(RefreshInterval.parse("1d12h"))).isEqualTo("1d12h");
		assertThat(RefreshInterval.format(RefreshInterval.parse("60s"))).isEqualTo("1m");
		assertThat(RefreshInterval.format(RefreshInterval.parse("30d"))).isEqualTo("30d");
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "59s", "0m", "1", "h", "1H", "1h 30m", "-1h", "1.5h", "PT1H", "31d", "99999999d" })
	void anIntervalOfAnotherFormOrOutsideOneMinuteToThirtyDaysIsRefused(String text) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> RefreshInterval.parse(text));
	}

}
