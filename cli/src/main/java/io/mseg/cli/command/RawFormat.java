package io.mseg.cli.command;

import io.mseg.cli.output.Documents;

/**
 * {@code -o} of commands whose default output is text for people: the console's answer as
 * it is, in JSON or YAML.
 */
enum RawFormat {

	JSON, YAML;

	String render(Object value) {
		return (this == JSON) ? Documents.json(value) : Documents.yaml(value);
	}

}
