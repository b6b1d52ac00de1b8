package io.mseg.cli.command;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTests {

	@Test
	void durationsAreWrittenWithUnitsOrInIso8601() {
		assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
		assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
		assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
		assertThat(Durations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
		assertThat(Durations.parse("pt2h")).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void otherTextIsNoDuration() {
		assertThat(Durations.parse("1")).isNull();
		assertThat(Durations.parse("1h x")).isNull();
		assertThat(Durations.parse("h")).isNull();
		assertThat(Durations.parse("1w")).isNull();
		assertThat(Durations.parse("P")).isNull();
	}

	@Test
	void optionsTakeOnlyPositiveDurations() {
		assertThatThrownBy(() -> new Durations.Converter().convert("0s"))
			.isInstanceOf(CommandLine.TypeConversionException.class)
			.hasMessageContaining("not a positive duration");
		assertThat(new Durations.Converter().convert("2h")).isEqualTo(Duration.ofHours(2));
	}

}
