package io.mseg.cli;

/**
 * A failure that ends the command with a message on standard error and a documented
 * {@link ExitCodes exit code}. Messages never contain the API token.
 */
public class CliException extends RuntimeException {

	private final int exitCode;

	public CliException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public CliException(int exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return this.exitCode;
	}

	/** A wrong command line or configuration that picocli could not see (exit 2). */
	public static CliException usage(String message) {
		return new CliException(ExitCodes.USAGE, message);
	}

	/** No object has the name or ID asked for (exit 4). */
	public static CliException notFound(String message) {
		return new CliException(ExitCodes.NOT_FOUND, message);
	}

}
