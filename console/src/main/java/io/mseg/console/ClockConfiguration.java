package io.mseg.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock behind every timestamp. It answers microseconds, the precision PostgreSQL
 * keeps, so that a write answers the same times a later read shows.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock() {
		return new MicrosecondClock();
	}

	/**
	 * UTC, truncated to microseconds ({@code Clock.tick} cannot: its millis() divides by
	 * zero).
	 */
	static final class MicrosecondClock extends Clock {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("the console's clock is UTC");
		}

		@Override
		public Instant instant() {
			return Instant.now().truncatedTo(ChronoUnit.MICROS);
		}

	}

}
