package io.mseg.cli.command;

/** {@code -o} of {@code get}: readable columns, or the objects in JSON or YAML. */
enum ListFormat {

	TABLE, JSON, YAML

}
