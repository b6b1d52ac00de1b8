package io.mseg.policy.tag;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TagsTests {

	@Test
	void validUserTagsAreReturnedUnchanged() {
		List<String> tags = List.of("app=web", "env=prod", "App=web");
		assertThat(Tags.validateUserTags(tags)).isSameAs(tags);
	}

	@Test
	void nullMeansNoTags() {
		assertThat(Tags.validateUserTags(null)).isEmpty();
	}

	@Test
	void systemTagsAreReservedToTheConsole() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> Tags.validateUserTags(List.of("app=web", "$identity=processingunit")))
			.withMessageContaining("set only by the console")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void atSignTagsAreReserved() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> Tags.validateUserTags(List.of("@sys=x")))
			.withMessageContaining("reserved")
			.satisfies((ex) -> assertThat(ex.index()).isZero());
	}

	@Test
	void duplicatesAreRefusedWithTheIndexOfTheSecondOccurrence() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> Tags.validateUserTags(List.of("a=b", "c=d", "a=b")))
			.withMessageContaining("duplicate tag 'a=b' (same as tag 0)")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(2));
	}

	@Test
	void malformedTagsCarryTheirIndex() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> Tags.validateUserTags(List.of("a=b", "nokey")))
			.withMessageContaining("key=value")
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

	@Test
	void nullElementsAreRefused() {
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> Tags.validateUserTags(java.util.Arrays.asList("a=b", null)))
			.satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
	}

}
