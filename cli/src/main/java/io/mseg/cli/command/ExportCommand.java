package io.mseg.cli.command;

import java.util.concurrent.Callable;

import io.mseg.cli.ExitCodes;
import io.mseg.cli.output.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code msegctl export}: the namespace's subtree as one document for {@code apply}. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Print the namespace and its descendants (namespaces, external networks, policies, "
				+ "processing units) as one document that 'msegctl apply' takes, with namespaces relative to -n." },
		footer = { "", "Example:", "  msegctl export -n /acme --label acme > acme.yaml" })
public class ExportCommand implements Callable<Integer> {

	@Option(names = "--label", paramLabel = "LABEL",
			description = "The document's label (default: the namespace's path): applying it later deletes the "
					+ "objects with this label that are no longer in it.")
	String label;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "yaml",
			description = "yaml (default) or json.")
	RawFormat output;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		ObjectNode body = Documents.JSON.createObjectNode();
		if (this.label != null) {
			body.put("label", this.label);
		}
		JsonNode document = ConnectionOptions.of(this.spec).client().postJson("/export", body);
		this.spec.commandLine().getOut().print(this.output.render(document));
		return ExitCodes.OK;
	}

}
