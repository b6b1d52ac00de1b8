package io.mseg.cli.command;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import io.mseg.cli.CliException;
import io.mseg.cli.Environment;
import io.mseg.cli.ExitCodes;
import io.mseg.cli.Msegctl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The flags of {@code msegctl flows}, checked before any request, and the query they
 * make.
 */
class FlowsCommandTests {

	private static final Instant NOW = Instant.parse("2025-05-01T12:00:30.250Z");

	@TempDir
	Path home;

	@Test
	void sinceTakesADurationBackFromNowToTheSecond() {
		assertThat(FlowsCommand.since("10m", NOW)).isEqualTo(Instant.parse("2025-05-01T11:50:30Z"));
		assertThat(FlowsCommand.since("1h", NOW)).isEqualTo(Instant.parse("2025-05-01T11:00:30Z"));
		assertThat(FlowsCommand.since("2d", NOW)).isEqualTo(Instant.parse("2025-04-29T12:00:30Z"));
		assertThat(FlowsCommand.since("PT90S", NOW)).isEqualTo(Instant.parse("2025-05-01T11:59:00Z"));
	}

	@Test
	void sinceTakesAnRfc3339TimeWithAnyOffset() {
		assertThat(FlowsCommand.since("2025-05-01T10:00:00Z", NOW)).isEqualTo(Instant.parse("2025-05-01T10:00:00Z"));
		assertThat(FlowsCommand.since("2025-05-01T12:00:00.5+02:00", NOW))
			.isEqualTo(Instant.parse("2025-05-01T10:00:00.5Z"));
		assertThat(FlowsCommand.since("2025-05-01t10:00:00z", NOW)).isEqualTo(Instant.parse("2025-05-01T10:00:00Z"));
	}

	@Test
	void anythingElseIsAUsageErrorSayingWhatIsAccepted() {
		for (String bad : new String[] { "10", "1w", "0s", "yesterday", "2025-05-01", "2025-05-01T10:00:00", "PX" }) {
			assertThatThrownBy(() -> FlowsCommand.since(bad, NOW)).as(bad)
				.isInstanceOfSatisfying(CliException.class,
						(ex) -> assertThat(ex.exitCode()).isEqualTo(ExitCodes.USAGE))
				.hasMessageContaining("--since " + bad);
		}
		assertThatThrownBy(() -> FlowsCommand.instant("--until", "1h")).hasMessageContaining("not an RFC 3339 time");
	}

	@Test
	void theListsQueryHasTheWindowInUtcThenTheFilters() {
		FlowsCommand command = command("--since", "10m", "--until", "2025-05-01T12:00:00+00:00");
		FlowsCommand.Window window = command.window(NOW);
		assertThat(window.query(Map.of("action", "Reject"))).containsExactly(Map.entry("since", "2025-05-01T11:50:30Z"),
				Map.entry("until", "2025-05-01T12:00:00Z"), Map.entry("action", "Reject"));
		assertThat(window.describe()).isEqualTo("in the last 10m until 2025-05-01T12:00:00Z");
	}

	@Test
	void theWindowIsTheLastHourByDefault() {
		FlowsCommand.Window window = command().window(NOW);
		assertThat(window.query(Map.of())).containsExactly(Map.entry("since", "2025-05-01T11:00:30Z"));
		assertThat(window.describe()).isEqualTo("in the last 1h");
	}

	@Test
	void filtersGivenAsIdsOrValuesNeedNoRequest() {
		FlowsCommand command = command("--action", "reject", "--observed", "true", "--pu",
				"7c1e1f2a-0000-4000-8000-000000000001", "--policy", "c0060000-0000-4000-8000-000000000002", "--network",
				"e8ec0000-0000-4000-8000-000000000003", "--address", " 2001:db8::1 ", "--port", "443");
		command.checkFilters();
		// No console: a name would need one, so the client is never used.
		assertThat(command.filters(null)).containsExactly(Map.entry("action", "Reject"), Map.entry("observed", "true"),
				Map.entry("processingUnitID", "7c1e1f2a-0000-4000-8000-000000000001"),
				Map.entry("policyID", "c0060000-0000-4000-8000-000000000002"),
				Map.entry("externalNetworkID", "e8ec0000-0000-4000-8000-000000000003"),
				Map.entry("address", "2001:db8::1"), Map.entry("port", "443"));
	}

	@Test
	void theActionIsSentAsTheConsoleSpellsIt() {
		FlowsCommand.ActionConverter converter = new FlowsCommand.ActionConverter();
		assertThat(converter.convert("allow")).isEqualTo("Allow");
		assertThat(converter.convert("REJECT")).isEqualTo("Reject");
		assertThatThrownBy(() -> converter.convert("drop")).isInstanceOf(CommandLine.TypeConversionException.class)
			.hasMessage("'drop' is not an action: Allow or Reject");
	}

	@Test
	void addressesAreIpLiteralsOnly() {
		assertThat(Addresses.isLiteral("203.0.113.7")).isTrue();
		assertThat(Addresses.isLiteral("2001:db8::1")).isTrue();
		assertThat(Addresses.isLiteral("::ffff:10.0.0.1")).isTrue();
		assertThat(Addresses.isLiteral("256.1.1.1")).isFalse();
		assertThat(Addresses.isLiteral("10.0.0")).isFalse();
		assertThat(Addresses.isLiteral("10.0.0.0/8")).isFalse();
		assertThat(Addresses.isLiteral("1:2:3")).isFalse();
		assertThat(Addresses.isLiteral("fe80::1%eth0")).isFalse();
		assertThat(Addresses.isLiteral("web-1")).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					--action drop                                            | 'drop' is not an action: Allow or Reject
					--since 1w                                               | --since 1w is not a duration such as 10m, 1h or 2d, or an RFC 3339 time
					--since 0m                                               | --since 0m must be a positive duration
					--until yesterday                                        | --until yesterday is not an RFC 3339 time
					--since 2025-05-01T12:00:00Z --until 2025-05-01T11:00:00Z | is before --since
					--until 2025-05-01T11:00:00Z --follow                     | --until and --follow exclude each other
					--until 2025-05-01T11:00:00Z                              | is before --since 1h (the default): give an earlier --since
					--port 65536                                             | --port 65536 is out of range (0 to 65535)
					--port -1                                                | --port -1 is out of range (0 to 65535)
					--port https                                             | 'https' is not an int
					--address 10.0.0.256                                     | --address 10.0.0.256 is not an IP address
					--address web-1                                          | --address web-1 is not an IP address
					--observed maybe                                         | 'maybe' is not a boolean
					--limit 0                                                | --limit 0 must be at least 1
					-o wide                                                  | --output
					""")
	void badFlagsAreRefusedBeforeAnyRequest(String flags, String message) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		// Nothing listens on port 1: a request would exit with 3, not 2.
		int code = Msegctl.execute(
				new Environment(Map.of("MSEGCTL_URL", "https://127.0.0.1:1", "MSEGCTL_TOKEN", "t"),
						new ByteArrayInputStream(new byte[0]), this.home),
				new PrintWriter(out), new PrintWriter(err), ("flows " + flags).split(" "));
		assertThat(code).as(err.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString()).contains(message).contains("See 'msegctl flows --help'.");
		assertThat(out.toString()).isEmpty();
	}

	private static FlowsCommand command(String... args) {
		FlowsCommand command = new FlowsCommand();
		CommandLine commandLine = new CommandLine(command);
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.parseArgs(args);
		return command;
	}

}
