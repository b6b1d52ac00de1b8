package io.mseg.policy.tag;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TagExpressionTests {

	private final TagExpression cartOrAds = TagExpression
		.of(List.of(List.of("app=cartservice", "$identity=processingunit"),
				List.of("app=adservice", "$identity=processingunit")));

	@Test
	void aClauseMatchesWhenAllItsTagsArePresent() {
		assertThat(this.cartOrAds.matches(Set.of("app=cartservice", "$identity=processingunit", "env=prod"))).isTrue();
		assertThat(this.cartOrAds.matches(Set.of("app=cartservice"))).isFalse();
	}

	@Test
	void clausesAreOred() {
		assertThat(this.cartOrAds.matches(Set.of("app=adservice", "$identity=processingunit"))).isTrue();
		assertThat(this.cartOrAds.matches(Set.of("app=redis", "$identity=processingunit"))).isFalse();
	}

	@Test
	void matchingIsCaseSensitive() {
		assertThat(TagExpression.allOf("app=Web").matches(Set.of("app=web"))).isFalse();
		assertThat(TagExpression.allOf("App=web").matches(Set.of("app=web"))).isFalse();
	}

	@Test
	void wildcardValueMatchesAnyValueOfTheKey() {
		TagExpression anyApp = TagExpression.allOf("app=*", "env=prod");
		assertThat(anyApp.matches(Set.of("app=web", "env=prod"))).isTrue();
		assertThat(anyApp.matches(Set.of("application=web", "env=prod"))).isFalse();
		assertThat(anyApp.matches(Set.of("env=prod"))).isFalse();
	}

	@Test
	void systemTagsMayBeWildcards() {
		assertThat(TagExpression.allOf("$namespace=*").matches(Set.of("$namespace=/acme"))).isTrue();
	}

	@Test
	void nullTagsNeverMatch() {
		assertThat(this.cartOrAds.matches(null)).isFalse();
	}

	@Test
	void anyClauseContainsLooksForTheExactTag() {
		assertThat(this.cartOrAds.anyClauseContains("app=adservice")).isTrue();
		assertThat(this.cartOrAds.anyClauseContains("app=*")).isFalse();
	}

	@Test
	void clausesAreCopiedAndImmutable() {
		List<String> clause = new java.util.ArrayList<>(List.of("a=b"));
		TagExpression expression = TagExpression.of(List.of(clause));
		clause.add("c=d");
		assertThat(expression.clauses()).containsExactly(List.of("a=b"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> expression.clauses().get(0).add("x=y"));
	}

	@Test
	void anExpressionNeedsAClause() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> TagExpression.of(List.of()))
			.withMessageContaining("at least one clause")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(-1));
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> TagExpression.of(null))
			.withMessageContaining("at least one clause");
	}

	@Test
	void emptyClausesAreRefusedWithTheirIndex() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> TagExpression.of(List.of(List.of("a=b"), List.of())))
			.withMessageContaining("clause is empty")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> TagExpression.of(Arrays.asList(List.of("a=b"), null)))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void aClauseWithTheSameTagsAsAnotherIsRefusedInAnyOrder() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> TagExpression.of(List.of(List.of("a=b", "c=d"), List.of("c=d", "a=b"))))
			.withMessageContaining("same tags as clause 0")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> TagExpression.of(List.of(List.of("a=b"), List.of("e=f"), List.of("a=b"))))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(2));
		assertThat(TagExpression.of(List.of(List.of("a=b", "c=d"), List.of("a=b"))).clauses()).hasSize(2);
	}

	@Test
	void duplicateTagsInAClauseAreRefused() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> TagExpression.of(List.of(List.of("a=b"), List.of("c=d", "e=f", "c=d"))))
			.withMessageContaining("'c=d' appears twice")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void theSameTagInDifferentClausesIsFine() {
		assertThat(TagExpression.of(List.of(List.of("a=b"), List.of("a=b", "c=d"))).clauses()).hasSize(2);
	}

	@Test
	void malformedTagsAreNamedInTheMessage() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> TagExpression.of(List.of(List.of("a=b"), List.of("frontend"))))
			.withMessageContaining("'frontend'")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void systemTagsAreAllowedInExpressions() {
		assertThat(TagExpression.allOf("$identity=externalnetwork", "$name=internet").clauses()).hasSize(1);
	}

	@Test
	void onlyAKeyFollowedByEqualsStarIsAWildcard() {
		assertThat(TagExpression.isWildcard("app=*")).isTrue();
		assertThat(TagExpression.isWildcard("$name=*")).isTrue();
		assertThat(TagExpression.isWildcard("a=b=*")).isFalse();
		assertThat(TagExpression.isWildcard("app=web*")).isFalse();
	}

	@Test
	void anObjectTagSatisfiesTheWildcardOfItsKeyWhenItHasAValue() {
		assertThat(TagExpression.wildcardSatisfiedBy("app=web")).isEqualTo("app=*");
		assertThat(TagExpression.wildcardSatisfiedBy("a=b=c")).isEqualTo("a=*");
		assertThat(TagExpression.wildcardSatisfiedBy("app=*")).isEqualTo("app=*");
		assertThat(TagExpression.wildcardSatisfiedBy("app=")).isNull();
		assertThat(TagExpression.wildcardSatisfiedBy("noequals")).isNull();
	}

	@Test
	void aWildcardMatchesExactlyTheTagsThatSatisfyIt() {
		for (String tag : List.of("app=web", "a=b=c", "app=*", "app=", "apple=x", "noequals")) {
			String wildcard = TagExpression.wildcardSatisfiedBy(tag);
			for (String expressionTag : List.of("app=*", "a=*", "apple=*")) {
				assertThat(TagExpression.allOf(expressionTag).matches(Set.of(tag)))
					.as("%s matches %s", expressionTag, tag)
					.isEqualTo(expressionTag.equals(wildcard));
			}
		}
	}

}
