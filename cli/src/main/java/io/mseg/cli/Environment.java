package io.mseg.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What msegctl reads from outside its command line: environment variables, standard input
 * and the user's home directory. Tests pass their own.
 *
 * @param variables the environment variables
 * @param stdin what {@code -f -} reads
 * @param home the user's home directory, where the default configuration file lives
 */
public record Environment(Map<String, String> variables, InputStream stdin, Path home) {

	public Environment {
		variables = Map.copyOf(variables);
	}

	/** The environment of this process. */
	public static Environment system() {
		return new Environment(System.getenv(), System.in, Path.of(System.getProperty("user.home")));
	}

	/** The value of a variable, {@code null} when unset or empty. */
	public String variable(String name) {
		String value = this.variables.get(name);
		return (value == null || value.isBlank()) ? null : value;
	}

}
