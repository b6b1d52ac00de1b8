package io.mseg.console.externalnetwork.feed;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeedRemovalGuardTests {

	private final RemovalGuard half = new RemovalGuard(0.5);

	@Test
	void removingHalfIsApplied() {
		assertThat(this.half.check(entries(0, 10), entries(5, 20))).isEmpty();
	}

	@Test
	void removingMoreThanHalfIsHeldWithTheCounts() {
		assertThat(this.half.check(entries(0, 10), entries(6, 10))).hasValueSatisfying((held) -> {
			assertThat(held.removed()).isEqualTo(6);
			assertThat(held.reason())
				.startsWith("held: the feed would remove 6 of 10 entries (60%), more than the 50%");
		});
	}

	@Test
	void theFirstListIsNeverHeld() {
		assertThat(this.half.check(List.of(), entries(0, 100_000))).isEmpty();
	}

	@Test
	void addingNeverCountsAsRemoving() {
		assertThat(this.half.check(entries(0, 10), entries(0, 1000))).isEmpty();
	}

	@Test
	void theShareIsAFractionAboveZeroUpToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RemovalGuard(0));
		assertThatIllegalArgumentException().isThrownBy(() -> new RemovalGuard(1.5));
		assertThat(new RemovalGuard(1).check(entries(0, 10), entries(100, 101))).isEmpty();
	}

	private static List<String> entries(int from, int to) {
		return IntStream.range(from, to).mapToObj((i) -> "10.0." + (i / 256) + "." + (i % 256) + "/32").toList();
	}

}
