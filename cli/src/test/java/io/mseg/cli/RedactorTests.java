package io.mseg.cli;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTests {

	private static Redactor redactor(Map<String, String> variables, String... args) {
		return Redactor.of(args, new Environment(variables, new ByteArrayInputStream(new byte[0]), Path.of("/")));
	}

	@Test
	void theValueOfTokenIsHiddenWhetherSeparateOrAfterAnEqualsSign() {
		assertThat(redactor(Map.of(), "--token", "s3cret-value").redact("'--token', 's3cret-value'"))
			.isEqualTo("'--token', '***'");
		assertThat(redactor(Map.of(), "--token=s3cret-value").redact("at index 0: '--token=s3cret-value'"))
			.isEqualTo("at index 0: '--token=***'");
	}

	@Test
	void theValueOfAMisspelledTokenOptionIsHiddenToo() {
		assertThat(redactor(Map.of(), "--tokne", "s3cret-value").redact("'s3cret-value'")).isEqualTo("'***'");
		assertThat(redactor(Map.of(), "--api-token", "s3cret-value").redact("'s3cret-value'")).isEqualTo("'***'");
	}

	@Test
	void theTokenOfTheEnvironmentIsHidden() {
		assertThat(redactor(Map.of("MSEGCTL_TOKEN", "env-s3cret")).redact("no policy named 'env-s3cret'"))
			.isEqualTo("no policy named '***'");
	}

	@Test
	void anythingShapedLikeAConsoleSecretIsHidden() {
		assertThat(redactor(Map.of()).redact("'mseg_8ZNuAbCdEf-_12' and msen_XyZw1234.c0ffee"))
			.isEqualTo("'***' and ***.c0ffee");
	}

	@Test
	void aShortSecretIsHiddenOnlyWhereItStandsAlone() {
		// Replacing every "t" would make messages unreadable and hide nothing.
		Redactor redactor = redactor(Map.of("MSEGCTL_TOKEN", "t"));
		assertThat(redactor.redact("tags cannot be deleted")).isEqualTo("tags cannot be deleted");
		assertThat(redactor.redact("unexpected argument 't'")).isEqualTo("unexpected argument '***'");
	}

	@Test
	void otherOptionsAndTextAreLeftAlone() {
		assertThat(redactor(Map.of(), "--name", "ci", "--token", "--url").redact("--name ci --url"))
			.isEqualTo("--name ci --url");
	}

}
