package io.mseg.policy.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleChunksTests {

	private static final Function<String, String> ID = Function.identity();

	@Test
	void noRulesNoChunks() {
		assertThat(RuleChunks.of(List.<String>of(), ID)).isEmpty();
	}

	@Test
	void chunksHoldEveryRuleInOrderAboutSixteenAtATime() {
		List<String> rules = ids(10_000);
		List<List<String>> chunks = RuleChunks.of(rules, ID);
		assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(rules);
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk).isNotEmpty().hasSizeLessThanOrEqualTo(64));
		assertThat(rules.size() / (double) chunks.size()).isBetween(10.0, 24.0);
	}

	@Test
	void aChunkNeverHoldsMoreThanTheCap() {
		// IDs that are never boundaries: every chunk is cut at the cap
		List<String> never = ids(50_000).stream().filter((id) -> !RuleChunks.endsChunk(id)).limit(200).toList();
		assertThat(RuleChunks.of(never, ID)).extracting(List::size).containsExactly(64, 64, 64, 8);
	}

	@Test
	void insertingARuleChangesOnlyTheChunkReceivingIt() {
		List<String> rules = ids(2_000);
		List<List<String>> before = RuleChunks.of(rules, ID);
		for (int at : new int[] { 0, 777, 1_999 }) {
			List<String> inserted = new ArrayList<>(rules);
			inserted.add(at, "new-policy");
			List<List<String>> after = RuleChunks.of(inserted, ID);
			List<List<String>> changed = new ArrayList<>(after);
			changed.removeAll(before);
			assertThat(changed).as("inserted at " + at)
				.hasSize(RuleChunks.endsChunk("new-policy") ? 2 : 1)
				.allSatisfy((chunk) -> assertThat(chunk).contains("new-policy"));
		}
	}

	private static List<String> ids(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "policy-" + i).toList();
	}

}
