package io.mseg.console.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * {@link InvalidatedCache}: what it keeps and what it must not, with the news of changes
 * ({@link Invalidations}) played by the test.
 */
class InvalidatedCacheTests {

	private final Invalidations invalidations = mock(Invalidations.class);

	private final AtomicInteger loads = new AtomicInteger();

	@Test
	void loadsAValueOnceAndAgainAfterItsTopicChanged() {
		given(this.invalidations.trusted()).willReturn(true);
		InvalidatedCache<String, String> cache = cache();
		ArgumentCaptor<Runnable> invalidate = ArgumentCaptor.forClass(Runnable.class);
		then(this.invalidations).should().subscribe(ArgumentMatchers.eq("topic"), invalidate.capture());

		assertThat(cache.get("a", this::load)).isEqualTo("a1");
		assertThat(cache.get("a", this::load)).isEqualTo("a1");
		invalidate.getValue().run();
		assertThat(cache.get("a", this::load)).isEqualTo("a2");
		assertThat(this.loads).hasValue(2);
	}

	@Test
	void doesNotKeepAValueReadWhileTheCacheWasEmptied() {
		given(this.invalidations.trusted()).willReturn(true);
		InvalidatedCache<String, String> cache = cache();
		// the change commits while the value (from before it) is being read
		assertThat(cache.get("a", (key) -> {
			cache.clear();
			return load(key);
		})).isEqualTo("a1");
		assertThat(cache.get("a", this::load)).isEqualTo("a2");

		long before = cache.generation();
		cache.clear();
		cache.putIfCurrent("b", "stale", before);
		assertThat(cache.get("b", this::load)).isEqualTo("b3");
	}

	@Test
	void isNotUsedWhileTheReplicaMayMissNewsOfChanges() {
		given(this.invalidations.trusted()).willReturn(false);
		InvalidatedCache<String, String> cache = cache();
		cache.get("a", this::load);
		cache.get("a", this::load);
		cache.putIfCurrent("a", "kept?", cache.generation());
		assertThat(cache.get("a", this::load)).isEqualTo("a3");
	}

	@Test
	void loadsOnlyTheMissingValuesTogetherAndLeavesOutThoseThatDoNotExist() {
		given(this.invalidations.trusted()).willReturn(true);
		InvalidatedCache<String, String> cache = cache();
		cache.get("a", this::load);
		List<Set<String>> asked = new ArrayList<>();
		Map<String, String> found = cache.getAll(List.of("a", "b", "gone"), (missing) -> {
			asked.add(Set.copyOf(missing));
			Map<String, String> loaded = new HashMap<>();
			loaded.put("b", load("b"));
			return loaded;
		});
		assertThat(asked).containsExactly(Set.of("b", "gone"));
		assertThat(found).containsOnly(Map.entry("a", "a1"), Map.entry("b", "b2"));
		assertThat(cache.get("b", this::load)).isEqualTo("b2");
	}

	private InvalidatedCache<String, String> cache() {
		return new InvalidatedCache<>(this.invalidations, "topic", Duration.ofMinutes(1), 100);
	}

	private String load(String key) {
		return key + this.loads.incrementAndGet();
	}

}
