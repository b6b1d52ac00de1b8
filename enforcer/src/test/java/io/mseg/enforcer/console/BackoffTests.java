package io.mseg.enforcer.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	@Test
	void theCeilingDoublesUpToTheCap() {
		Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999_999);
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			waits.add(highest.next().toSeconds());
		}
		assertThat(waits).containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 59L, 59L, 59L);
	}

	@Test
	void jitterStaysBetweenHalfAndAllOfTheCeiling() {
		Random random = new Random(42);
		Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(8000), random::nextDouble);
		long[] ceilings = { 1000, 2000, 4000, 8000, 8000, 8000 };
		List<Long> waits = new ArrayList<>();
		for (long ceiling : ceilings) {
			long wait = backoff.next().toMillis();
			assertThat(wait).isBetween(ceiling / 2, ceiling);
			waits.add(wait);
		}
		assertThat(waits.subList(3, 6)).doesNotHaveDuplicates();
	}

	@Test
	void successStartsOverFromTheInitialWait() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);
		backoff.next();
		backoff.next();
		backoff.next();
		assertThat(backoff.failures()).isEqualTo(3);
		backoff.reset();
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(50));
	}

	@Test
	void manyFailuresNeverOverflow() {
		Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMinutes(1), () -> 0.5);
		Duration last = Duration.ZERO;
		for (int i = 0; i < 10_000; i++) {
			last = backoff.next();
		}
		assertThat(last).isEqualTo(Duration.ofSeconds(45));
	}

}
