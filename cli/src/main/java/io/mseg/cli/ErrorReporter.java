package io.mseg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How msegctl reports a failure: {@code error: } and one message on standard error, where
 * to read more for a usage error, the documented exit code, and never a secret.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

	private final Redactor redactor;

	ErrorReporter(Redactor redactor) {
		this.redactor = redactor;
	}

	/** A usage error: the message and where to read more, not the whole help. */
	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		err.println(this.redactor.redact("error: " + message(ex)));
		StringWriter suggestions = new StringWriter();
		UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions, true));
		err.print(this.redactor.redact(suggestions.toString()));
		err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
		return ExitCodes.USAGE;
	}

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
		PrintWriter err = commandLine.getErr();
		if (ex instanceof CliException failure) {
			err.println(this.redactor.redact("error: " + failure.getMessage()));
			if (failure.exitCode() == ExitCodes.USAGE) {
				err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
			}
			return failure.exitCode();
		}
		err.println(this.redactor.redact("error: unexpected " + ex));
		return ExitCodes.API_REFUSED;
	}

	private static String message(ParameterException ex) {
		if (ex instanceof UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
			// picocli quotes an unknown option with the arguments after it, which may be
			// its value (a misspelled --token's); like kubectl, name the options only.
			List<String> options = unmatched.getUnmatched()
				.stream()
				.filter((arg) -> arg.startsWith("-"))
				.map((arg) -> arg.split("=", 2)[0])
				.distinct()
				.toList();
			return ((options.size() == 1) ? "unknown option: " : "unknown options: ") + String.join(", ", options);
		}
		return ex.getMessage();
	}

}
