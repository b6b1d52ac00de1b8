package io.mseg.console.externalnetwork;

import io.mseg.console.web.FieldErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalNetworkSourceFieldsTests {

	private static final ExternalNetworkSource PLAIN_HTTP = new ExternalNetworkSource(
			"http://feeds.internal.test/drop.txt", "text", null, null, null, null, null);

	@Test
	void plainHttpIsRefusedByDefault() {
		FieldErrors errors = new FieldErrors();
		SourceFields.apply(PLAIN_HTTP, false, errors);
		assertThat(errors.list()).singleElement()
			.satisfies((error) -> assertThat(error.field()).isEqualTo("source.url"))
			.satisfies((error) -> assertThat(error.message()).contains("mseg.feeds.allow-http"));
	}

	@Test
	void plainHttpIsAcceptedWhereTheConsoleAllowsIt() {
		FieldErrors errors = new FieldErrors();
		ExternalNetworkSource stored = SourceFields.apply(PLAIN_HTTP, true, errors);
		assertThat(errors.list()).isEmpty();
		assertThat(stored.refreshInterval()).isEqualTo("1h");
	}

	@Test
	void everyProblemOfASourceIsReportedAtOnce() {
		FieldErrors errors = new FieldErrors();
		SourceFields.apply(new ExternalNetworkSource("ftp://x/y", "text", "EC2", null, "a[]", "10s", "x"), false,
				errors);
		assertThat(errors.list()).extracting((error) -> error.field())
			.containsExactlyInAnyOrder("source.url", "source.service", "source.path", "source.refreshInterval",
					"source.caCertificate");
	}

	@Test
	void theSameListIsTheSameUrlFormatFiltersAndTrustNotTheInterval() {
		ExternalNetworkSource hourly = new ExternalNetworkSource("https://a.test/l.json", "json", null, null, "cidrs[]",
				"1h", null);
		ExternalNetworkSource daily = new ExternalNetworkSource("https://a.test/l.json", "json", null, null, "cidrs[]",
				"1d", null);
		ExternalNetworkSource otherPath = new ExternalNetworkSource("https://a.test/l.json", "json", null, null, "v4[]",
				"1h", null);
		assertThat(SourceFields.sameList(hourly, daily)).isTrue();
		assertThat(SourceFields.sameList(hourly, otherPath)).isFalse();
		assertThat(SourceFields.sameList(hourly, null)).isFalse();
	}

}
