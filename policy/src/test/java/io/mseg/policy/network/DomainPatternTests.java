package io.mseg.policy.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DomainPatternTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "example.com|example.com|false", "Example.COM.|example.com|false",
					"*.example.com|example.com|true", "*.Storage.GoogleAPIs.com.|storage.googleapis.com|true",
					"xn--bcher-kva.example|xn--bcher-kva.example|false", "a-b.c-d.e1|a-b.c-d.e1|false",
					"1.2.3.example|1.2.3.example|false" })
	void parsesLowercaseWithoutTrailingDot(String text, String domain, boolean wildcard) {
		DomainPattern pattern = DomainPattern.parse(text);
		assertThat(pattern.domain()).isEqualTo(domain);
		assertThat(pattern.wildcard()).isEqualTo(wildcard);
		assertThat(pattern).hasToString(wildcard ? "*." + domain : domain);
	}

	@Test
	void theReferenceTextsForbiddenWildcardsAreRefusedWithAReason() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> DomainPattern.parse("*"))
			.withMessageContaining("would match every domain");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> DomainPattern.parse("googleapis*.com"))
			.withMessageContaining("'*' must be a whole label")
			.withMessageContaining("'googleapis*'");
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> DomainPattern.parse("googleapis.*"))
			.withMessageContaining("'*' is only allowed as the first label");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "*storage.example.com|'*' must be a whole label, only '*.' followed by a domain is allowed",
					"a.*.example.com|'*' is only allowed as the first label", "*.*.example.com|and only once",
					"**.example.com|must be a whole label", "*.|would match every domain",
					"*.com|too broad: a wildcard needs at least two labels after '*.'",
					"localhost|not a fully qualified domain name", "\"\"|must not be empty", "example..com|empty label",
					".example.com|empty label", "example.com..|empty label",
					"-example.com|must not start or end with '-'", "example-.com|must not start or end with '-'",
					"exa_mple.com|may only contain letters, digits and '-'", "exa mple.com|may only contain letters",
					"bücher.example|xn-- form", "10.0.0.300|looks like a mistyped IP address",
					"example.123|looks like a mistyped IP address" })
	void badDomainsAreRefusedWithAClearMessage(String text, String message) {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> DomainPattern.parse(text))
			.withMessageContaining(message);
	}

	@Test
	void labelsAreAtMost63Characters() {
		assertThat(DomainPattern.parse("a".repeat(63) + ".com").domain()).hasSize(67);
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> DomainPattern.parse("a".repeat(64) + ".com"))
			.withMessageContaining("label of 64 characters");
	}

	@Test
	void namesAreAtMost253Characters() {
		String label = "a".repeat(49);
		String name = "b" + String.join(".", label, label, label, label, label) + ".com";
		assertThat(name).hasSize(254);
		assertThat(DomainPattern.parse(name.substring(1)).domain()).hasSize(253);
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> DomainPattern.parse(name))
			.withMessageContaining("254 characters long");
	}

	@Test
	void wildcardMatchesSubdomainsAtAnyDepthButNotTheDomainItself() {
		DomainPattern pattern = DomainPattern.parse("*.example.com");
		assertThat(pattern.matches("a.example.com")).isTrue();
		assertThat(pattern.matches("a.b.example.com")).isTrue();
		assertThat(pattern.matches("example.com")).isFalse();
		assertThat(pattern.matches("badexample.com")).isFalse();
		assertThat(pattern.matches("a.example.com.evil.org")).isFalse();
		assertThat(pattern.matches(".example.com")).isFalse();
	}

	@Test
	void matchingIsCaseInsensitiveAndIgnoresTheTrailingDot() {
		assertThat(DomainPattern.parse("*.example.com").matches("WWW.Example.COM.")).isTrue();
		assertThat(DomainPattern.parse("example.com").matches("EXAMPLE.com.")).isTrue();
	}

	@Test
	void exactDomainMatchesOnlyItself() {
		DomainPattern pattern = DomainPattern.parse("example.com");
		assertThat(pattern.matches("www.example.com")).isFalse();
		assertThat(pattern.matches(null)).isFalse();
		assertThat(pattern.matches("")).isFalse();
	}

	@Test
	void constructorRefusesUppercaseAndWildcards() {
		assertThatExceptionOfType(InvalidValueException.class).isThrownBy(() -> new DomainPattern("Example.com", false))
			.withMessageContaining("lowercase");
		assertThatExceptionOfType(InvalidValueException.class)
			.isThrownBy(() -> new DomainPattern("*.example.com", true));
	}

}
