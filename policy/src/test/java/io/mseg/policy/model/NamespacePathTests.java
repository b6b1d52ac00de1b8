package io.mseg.policy.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NamespacePathTests {

	private final NamespacePath acme = NamespacePath.parse("/acme");

	private final NamespacePath web = NamespacePath.parse("/acme/prod/web");

	@Test
	void rootIsTheSlash() {
		assertThat(NamespacePath.parse("/")).isEqualTo(NamespacePath.ROOT).hasToString("/");
		assertThat(NamespacePath.ROOT.depth()).isZero();
		assertThat(NamespacePath.ROOT.lastSegment()).isEmpty();
		assertThat(NamespacePath.ROOT.parent()).isEmpty();
	}

	@Test
	void segmentsMayUseLettersDigitsUnderscoreAndDash() {
		assertThat(NamespacePath.parse("/Acme_1/prod-2")).hasToString("/Acme_1/prod-2");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "\"\"|must not be empty", "acme|must start with '/'", "/acme/|must not end with '/'",
					"//acme|empty segment", "/acme//prod|empty segment",
					"/ac me|may only contain letters, digits, '_' and '-'", "/acme/pr.od|may only contain",
					"/acmé|may only contain" })
	void invalidPathsAreRefusedWithAClearMessage(String text, String message) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> NamespacePath.parse(text))
			.withMessageContaining(message);
	}

	@Test
	void pathsAreAtMost1024Characters() {
		String longest = "/" + "a".repeat(1023);
		assertThat(NamespacePath.parse(longest).value()).hasSize(1024);
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> NamespacePath.parse(longest + "a"))
			.withMessageContaining("at most 1024");
	}

	@Test
	void childAppendsAValidatedSegment() {
		assertThat(NamespacePath.ROOT.child("acme")).isEqualTo(this.acme);
		assertThat(this.acme.child("prod")).hasToString("/acme/prod");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> this.acme.child("a/b"));
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> this.acme.child(""));
	}

	@Test
	void parentRemovesTheLastSegment() {
		assertThat(this.web.parent()).contains(NamespacePath.parse("/acme/prod"));
		assertThat(this.acme.parent()).contains(NamespacePath.ROOT);
	}

	@Test
	void ancestryIsStrictAndSegmentAware() {
		assertThat(this.acme.isAncestorOf(this.web)).isTrue();
		assertThat(this.acme.isAncestorOf(this.acme)).isFalse();
		assertThat(this.web.isAncestorOf(this.acme)).isFalse();
		assertThat(this.acme.isAncestorOf(NamespacePath.parse("/acme-other"))).isFalse();
		assertThat(NamespacePath.ROOT.isAncestorOf(this.acme)).isTrue();
		assertThat(NamespacePath.ROOT.isAncestorOf(NamespacePath.ROOT)).isFalse();
	}

	@Test
	void containsIncludesItself() {
		assertThat(this.acme.contains(this.acme)).isTrue();
		assertThat(this.acme.contains(this.web)).isTrue();
		assertThat(this.web.contains(this.acme)).isFalse();
		assertThat(NamespacePath.ROOT.contains(NamespacePath.ROOT)).isTrue();
	}

	@Test
	void depthAndLastSegment() {
		assertThat(this.web.depth()).isEqualTo(3);
		assertThat(this.web.lastSegment()).isEqualTo("web");
		assertThat(this.acme.depth()).isEqualTo(1);
	}

	@Test
	void relativizeAndResolveAreInverse() {
		assertThat(this.acme.relativize(this.web)).isEqualTo("prod/web");
		assertThat(this.acme.relativize(this.acme)).isEmpty();
		assertThat(NamespacePath.ROOT.relativize(this.web)).isEqualTo("acme/prod/web");
		assertThat(this.acme.resolve("prod/web")).isEqualTo(this.web);
		assertThat(this.acme.resolve("")).isEqualTo(this.acme);
		assertThat(NamespacePath.ROOT.resolve("acme")).isEqualTo(this.acme);
		assertThat(NamespacePath.ROOT.resolve(NamespacePath.ROOT.relativize(NamespacePath.ROOT)))
			.isEqualTo(NamespacePath.ROOT);
	}

	@Test
	void relativizeRefusesPathsOutsideTheSubtree() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.web.relativize(this.acme))
			.withMessageContaining("is not inside");
	}

	@Test
	void resolveRefusesAbsoluteOrInvalidPaths() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> this.acme.resolve("/prod"))
			.withMessageContaining("must be relative");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> this.acme.resolve("prod//web"))
			.withMessageContaining("empty segment");
	}

}
