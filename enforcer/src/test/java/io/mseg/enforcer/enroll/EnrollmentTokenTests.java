package io.mseg.enforcer.enroll;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnrollmentTokenTests {

	private static final String FINGERPRINT = "ab".repeat(32);

	@Test
	void splitsTheSecretFromTheCaFingerprint() {
		EnrollmentToken token = EnrollmentToken.parse(" msen_s3cr.et." + FINGERPRINT.toUpperCase() + "\n");
		assertThat(token.text()).isEqualTo("msen_s3cr.et." + FINGERPRINT.toUpperCase());
		assertThat(token.caFingerprint()).isEqualTo(FINGERPRINT);
	}

	@Test
	void neverShowsTheSecret() {
		assertThat(EnrollmentToken.parse("msen_topsecret." + FINGERPRINT).toString()).doesNotContain("topsecret");
	}

	@Test
	void refusesMalformedTokens() {
		assertThatIllegalArgumentException().isThrownBy(() -> EnrollmentToken.parse("")).withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> EnrollmentToken.parse("abc." + FINGERPRINT))
			.withMessageContaining("msen_");
		assertThatIllegalArgumentException().isThrownBy(() -> EnrollmentToken.parse("msen_secret"))
			.withMessageContaining("fingerprint");
		assertThatIllegalArgumentException().isThrownBy(() -> EnrollmentToken.parse("msen_secret.abcd"))
			.withMessageContaining("64 hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> EnrollmentToken.parse("msen_secret." + "zz".repeat(32)))
			.withMessageContaining("hexadecimal");
	}

}
