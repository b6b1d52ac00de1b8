package io.mseg.policy.index;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.tag.TagExpression;

import static io.mseg.policy.Fixtures.ns;
import static io.mseg.policy.Fixtures.pu;
import static org.assertj.core.api.Assertions.assertThat;

class TaggedObjectsTests {

	private final TaggedObjects<ProcessingUnit> pus = new TaggedObjects<>(ProcessingUnit::id, ProcessingUnit::namespace,
			ProcessingUnit::tags);

	TaggedObjectsTests() {
		this.pus.add(pu("web-prod", "/acme", "10.0.0.1", "app=web", "env=prod"));
		this.pus.add(pu("web-dev", "/acme/dev", "10.0.0.2", "app=web", "env=dev"));
		this.pus.add(pu("db-prod", "/acme", "10.0.0.3", "app=db", "env=prod"));
		this.pus.add(pu("cache", "/other", "10.0.0.4", "role=cache"));
	}

	@Test
	void matchingIsTheUnionOverClausesOfTheIntersectionOfTheirTagSets() {
		TagExpression expression = TagExpression
			.of(List.of(List.of("app=web", "env=prod"), List.of("app=db", "env=prod"), List.of("role=cache")));
		assertThat(this.pus.matching(expression)).containsExactlyInAnyOrder("web-prod", "db-prod", "cache");
	}

	@Test
	void aWildcardClauseTagMatchesEveryValueOfItsKey() {
		assertThat(this.pus.matching(TagExpression.allOf("app=*"))).containsExactlyInAnyOrder("web-prod", "web-dev",
				"db-prod");
		assertThat(this.pus.count("app=*")).isEqualTo(3);
	}

	@Test
	void aTagWhoseValueEndsInStarAfterASecondEqualsSignIsMatchedExactly() {
		this.pus.add(pu("odd", "/acme", null, "a=b=*"));
		this.pus.add(pu("plain", "/acme", null, "a=b=c"));
		assertThat(this.pus.matching(TagExpression.allOf("a=b=*"))).containsExactly("odd");
		assertThat(this.pus.matching(TagExpression.allOf("a=*"))).containsExactlyInAnyOrder("odd", "plain");
	}

	@Test
	void aClauseWithATagNoObjectHasMatchesNothing() {
		assertThat(this.pus.matching(TagExpression.allOf("app=web", "env=staging"))).isEmpty();
		assertThat(this.pus.count("env=staging")).isZero();
	}

	@Test
	void matchingWithinANamespaceGivesTheSameAnswerWhetherItWalksTheScopeOrTheTagSets() {
		// The subtree of /acme/dev holds one unit, fewer than the app=web set: it is
		// walked.
		assertThat(this.pus.matching(TagExpression.allOf("app=web"), ns("/acme/dev"), true, (pu) -> true))
			.extracting(ProcessingUnit::id)
			.containsExactly("web-dev");
		// The subtree of /acme holds three, more than the env=prod set: the tag set is
		// read.
		assertThat(this.pus.matching(TagExpression.allOf("env=prod"), ns("/acme"), true, (pu) -> true))
			.extracting(ProcessingUnit::id)
			.containsExactlyInAnyOrder("web-prod", "db-prod");
		assertThat(this.pus.matching(TagExpression.allOf("app=web"), ns("/acme"), false,
				(pu) -> pu.namespace().equals(ns("/acme"))))
			.extracting(ProcessingUnit::id)
			.containsExactly("web-prod");
	}

	@Test
	void removingAnObjectTakesItOutOfEveryIndex() {
		ProcessingUnit webDev = this.pus.get("web-dev");
		this.pus.remove(webDev);
		assertThat(this.pus.get("web-dev")).isNull();
		assertThat(this.pus.size()).isEqualTo(3);
		assertThat(this.pus.matching(TagExpression.allOf("env=dev"))).isEmpty();
		assertThat(this.pus.count("env=*")).isEqualTo(2);
		assertThat(this.pus.namespaces().subtreeSize(ns("/acme/dev"))).isZero();
	}

	@Test
	void indexKeysAreTheTagsAndTheWildcardsTheySatisfy() {
		assertThat(TaggedObjects.keysOf(java.util.Set.of("app=web", "a=b=c"))).containsExactlyInAnyOrder("app=web",
				"app=*", "a=b=c", "a=*");
	}

}
