package io.mseg.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself, without a console: usage errors, help, version. */
class MsegctlTests {

	@TempDir
	Path home;

	private record Result(int code, String out, String err) {

	}

	private Result run(Map<String, String> variables, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = Msegctl.execute(new Environment(variables, new ByteArrayInputStream(new byte[0]), this.home),
				new PrintWriter(out), new PrintWriter(err), args);
		return new Result(code, out.toString(), err.toString());
	}

	@Test
	void helpListsTheCommandsAndTheExitCodes() {
		Result result = run(Map.of(), "--help");
		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("apply", "get", "delete", "explain", "flows", "enrollment-token", "token",
				"Exit codes:", "4   no object with that name or ID");
	}

	@Test
	void everyCommandsHelpListsTheExitCodes() {
		assertThat(run(Map.of(), "token", "create", "--help").out()).contains("Exit codes:", "3   cannot reach");
	}

	@Test
	void noCommandIsAUsageError() {
		Result result = run(Map.of());
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("give a command").contains("See 'msegctl --help'.");
	}

	@Test
	void anUnknownKindIsAUsageError() {
		Result result = run(Map.of(), "get", "pods");
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("unknown kind 'pods'").contains("See 'msegctl get --help'.");
	}

	@Test
	void aMissingRequiredOptionIsAUsageError() {
		assertThat(run(Map.of(), "token", "create", "--name", "x").code()).isEqualTo(ExitCodes.USAGE);
		assertThat(run(Map.of(), "token", "create", "--name", "x", "--role", "root").err()).contains("root");
		assertThat(run(Map.of(), "explain", "--from", "a").code()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void noConsoleUrlIsAUsageErrorSayingWhereToSetIt() {
		Result result = run(Map.of("MSEGCTL_TOKEN", "s3cret-token-value"), "get", "namespaces");
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("no console URL", "MSEGCTL_URL").doesNotContain("s3cret-token-value");
	}

	@Test
	void kindsWithoutIdsCannotBeDeleted() {
		Result result = run(Map.of("MSEGCTL_URL", "https://127.0.0.1:1", "MSEGCTL_TOKEN", "t"), "delete", "tags",
				"app=web");
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("tags cannot be deleted");
	}

	@Test
	void connectionFlagsAreTakenBeforeTheCommandName() {
		// Port 1: nothing listens, so reaching the stage of connecting proves the flags
		// were taken.
		Result result = run(Map.of(), "--url", "https://127.0.0.1:1", "--token", "mseg_8ZNuTokenValue", "-n", "/acme",
				"get", "networkaccesspolicies");
		assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(result.err()).contains("cannot reach the console at https://127.0.0.1:1");
	}

	@Test
	void connectionFlagsAreTakenBetweenACommandAndItsSubcommand() {
		Result result = run(Map.of("MSEGCTL_TOKEN", "mseg_8ZNuTokenValue"), "token", "--url", "https://127.0.0.1:1",
				"create", "--name", "ci", "--role", "viewer");
		assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.UNREACHABLE);
	}

	@Test
	void theLastConnectionFlagWinsAndFlagsWinOverTheEnvironment() {
		Result result = run(Map.of("MSEGCTL_URL", "https://127.0.0.1:3", "MSEGCTL_TOKEN", "mseg_8ZNuTokenValue"),
				"--url", "https://127.0.0.1:1", "get", "ns", "--url", "https://127.0.0.1:2");
		assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(result.err()).contains("https://127.0.0.1:2").doesNotContain("127.0.0.1:1", "127.0.0.1:3");
	}

	@Test
	void everySubcommandsHelpListsTheConnectionFlags() {
		assertThat(run(Map.of(), "enrollment-token", "create", "--help").out()).contains("--url", "--token", "--ca",
				"--ca-fingerprint", "-n, --namespace");
	}

	@Test
	void anUnknownOptionIsNamedWithoutTheArgumentsAfterIt() {
		Result result = run(Map.of(), "get", "netpol", "--bogus", "value-after-it");
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("error: unknown option: --bogus").doesNotContain("value-after-it");
	}

	@Test
	void theValueOfAMisspelledTokenOptionIsNeverPrinted() {
		Result result = run(Map.of(), "--tokne", "s3cretTokenValue", "get", "netpol");
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("--tokne");
		assertThat(result.out() + result.err()).doesNotContain("s3cretTokenValue");
	}

	@Test
	void aTokenInTheWrongPlaceIsNeverPrinted() {
		Result result = run(Map.of(), "get", "netpol", "web", "mseg_8ZNuSecretValue");
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("'***'");
		assertThat(result.out() + result.err()).doesNotContain("mseg_8ZNuSecretValue", "8ZNu");
	}

	@Test
	void anOptionValueShapedLikeATokenIsNeverPrinted() {
		Result result = run(Map.of(), "token", "create", "--name", "ci", "--role", "msen_8ZNuSecretValue");
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.out() + result.err()).doesNotContain("8ZNuSecretValue");
	}

	@Test
	void theEnvironmentsTokenIsNeverPrinted() {
		Result result = run(Map.of("MSEGCTL_TOKEN", "s3cret-env-token"), "get", "netpol", "a", "s3cret-env-token");
		assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.out() + result.err()).doesNotContain("s3cret-env-token");
	}

	@Test
	void applyRefusesAFileItDoesNotUnderstandBeforeContactingTheConsole() throws Exception {
		Path file = Files.writeString(this.home.resolve("typo.yaml"), "daat:\n  namespaces: [{name: prod}]\n");
		Result result = run(Map.of("MSEGCTL_URL", "https://127.0.0.1:1", "MSEGCTL_TOKEN", "t"), "apply", "-f",
				file.toString());
		assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("its keys: daat");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void theVersionIsPrinted() {
		assertThat(run(Map.of(), "--version").out()).startsWith("msegctl ");
	}

}
