package io.mseg.policy.tag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TagTests {

	@Test
	void parseSplitsAtTheFirstEquals() {
		Tag tag = Tag.parse("url=https://x/?a=b c");
		assertThat(tag.key()).isEqualTo("url");
		assertThat(tag.value()).isEqualTo("https://x/?a=b c");
		assertThat(tag).hasToString("url=https://x/?a=b c");
	}

	@Test
	void systemTagsStartWithDollar() {
		assertThat(Tag.parse("$identity=processingunit").isSystem()).isTrue();
		assertThat(Tag.parse("app=web").isSystem()).isFalse();
	}

	@Test
	void wildcardIsExactlyAStarValue() {
		assertThat(Tag.parse("app=*").isWildcard()).isTrue();
		assertThat(Tag.parse("app=*x").isWildcard()).isFalse();
		assertThat(Tag.parse("app==*").isWildcard()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "''|must not be empty", "app|must have the form key=value", "=web|has an empty key",
					"app name=web|has a space in its key", "app=|has an empty value", "' =x'|has a space in its key" })
	void malformedTagsAreRefusedWithAClearMessage(String text, String message) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Tag.parse(text))
			.withMessageContaining(message);
	}

	@Test
	void lineBreaksInTheValueAreRefused() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Tag.parse("a=b\nc"))
			.withMessageContaining("line break");
	}

	@Test
	void tagsMustBeShorterThan1024BytesOfUtf8() {
		assertThat(Tag.parse("k=" + "v".repeat(1021)).toString()).hasSize(1023);
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Tag.parse("k=" + "v".repeat(1022)))
			.withMessageContaining("1024 bytes long")
			.withMessageContaining("shorter than 1024 bytes");
		// 'é' takes two bytes: 2 + 511 * 2 = 1024 bytes in only 513 characters
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> Tag.parse("k=" + "é".repeat(511)))
			.withMessageContaining("1024 bytes");
	}

	@Test
	void constructorValidatesLikeParse() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> new Tag("a=b", "c"))
			.withMessageContaining("must not contain '='");
		assertThat(new Tag("a", "b")).isEqualTo(Tag.parse("a=b"));
	}

}
