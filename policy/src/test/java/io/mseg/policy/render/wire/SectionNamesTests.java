package io.mseg.policy.render.wire;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SectionNamesTests {

	@Test
	void aNameIsTheFirstHalfOfTheSha256OfTheBytesInLowercaseHex() {
		// sha256("[]") = 4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
		assertThat(SectionNames.of("[]")).isEqualTo("4f53cda18c2baa0c0354bb5f9a3ecbe5");
	}

	@Test
	void aTextIsNamedByItsUtf8Bytes() {
		String text = "[\"café\"]";

		assertThat(SectionNames.of(text)).isEqualTo(SectionNames.of(text.getBytes(StandardCharsets.UTF_8)))
			.isNotEqualTo(SectionNames.of(text.getBytes(StandardCharsets.ISO_8859_1)));
	}

}
