package io.mseg.cli.http;

import java.util.List;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;

/**
 * The console answered with an error: its RFC 9457 problem details (status, detail and
 * the fields at fault). Exit code 1.
 */
public final class ApiRefusedException extends CliException {

	private final int status;

	private final String detail;

	private final transient List<FieldError> errors;

	public ApiRefusedException(int status, String title, String detail, List<FieldError> errors) {
		super(ExitCodes.API_REFUSED, message(status, title, detail, errors));
		this.status = status;
		this.detail = detail;
		this.errors = List.copyOf(errors);
	}

	public int status() {
		return this.status;
	}

	public String detail() {
		return this.detail;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	private static String message(int status, String title, String detail, List<FieldError> errors) {
		StringBuilder message = new StringBuilder("the console refused the request: ").append(status);
		if (title != null && !title.isBlank()) {
			message.append(' ').append(title);
		}
		if (detail != null && !detail.isBlank()) {
			message.append(": ").append(detail);
		}
		for (FieldError error : errors) {
			message.append(System.lineSeparator())
				.append("  ")
				.append(error.field())
				.append(": ")
				.append(error.message());
		}
		return message.toString();
	}

	/** One invalid field: its path in the request body and why it was refused. */
	public record FieldError(String field, String message) {

	}

}
