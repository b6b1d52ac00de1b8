package io.mseg.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;
import io.mseg.cli.http.ConsoleClient;
import io.mseg.cli.output.Documents;
import io.mseg.cli.output.Table;
import io.mseg.cli.output.Table.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code msegctl apply}: imports a document (POST /import), or shows what it would
 * change.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false, description = {
		"Create or update objects from a document, as POST /import does: all or nothing; objects are "
				+ "identified by kind, namespace and name, so applying the same file again changes nothing.",
		"", "The file is the console's import/export document, JSON or YAML:",
		"  label: my-policies          # optional: objects of the subtree with this label that are "
				+ "not in the file are deleted",
		"  data:", "    namespaces: [...]", "    externalnetworks: [...]", "    networkaccesspolicies: [...]",
		"    processingunits: [...]", "",
		"Or the file holds objects: one, a list, or a YAML stream separated by '---'. Their fields tell "
				+ "their kind (subject or object: a networkaccesspolicy; entries or source: an externalnetwork; addresses "
				+ "or type: a processingunit), or --kind says it (namespaces always need it). They are imported "
				+ "without a label, so nothing is deleted.",
		"",
		"Anything else is refused (exit 2), such as an unknown key in an import document or an object "
				+ "whose kind is not told." },
		footer = { "", "Examples:", "  msegctl apply -f acme.yaml -n /acme --dry-run",
				"  msegctl export -n /acme | msegctl apply -f - -n /acme-copy",
				"  msegctl apply -f allow-web.yaml -n /acme/prod", "  msegctl apply --kind ns -f prod.yaml -n /acme" })
public class ApplyCommand implements Callable<Integer> {

	@Option(names = { "-f", "--filename" }, required = true, paramLabel = "FILE",
			description = "The document to apply, JSON or YAML; - reads standard input.")
	String file;

	@Option(names = "--dry-run", description = "Show what would be created, updated or deleted; write nothing.")
	boolean dryRun;

	@Option(names = "--override", description = "Also change protected objects.")
	boolean override;

	@Option(names = "--kind", paramLabel = "KIND", converter = Kind.Converter.class,
			description = "The objects of the file are of this kind (namespaces, externalnetworks, "
					+ "networkaccesspolicies or processingunits), whatever their fields.")
	Kind kind;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT",
			description = "Print the console's answer as json or yaml instead of a summary.")
	RawFormat output;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (this.kind != null && !ApplyDocument.IMPORTABLE.contains(this.kind)) {
			throw CliException.usage("--kind " + this.kind.plural() + " cannot be applied; only namespaces, "
					+ "externalnetworks, networkaccesspolicies and processingunits");
		}
		byte[] body = Documents.JSON.writeValueAsBytes(ApplyDocument.of(read(), this.kind));
		ConsoleClient client = ConnectionOptions.of(this.spec).client();
		Map<String, String> query = new LinkedHashMap<>();
		if (this.dryRun) {
			query.put("dryRun", "true");
		}
		if (this.override) {
			query.put("override", "true");
		}
		JsonNode result = client.post("/import", query, body, "application/json");
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output != null) {
			out.print(this.output.render(result));
		}
		else {
			out.print(summary(result, client.namespaceForHumans(), this.dryRun));
		}
		return ExitCodes.OK;
	}

	private byte[] read() {
		if (this.file.equals("-")) {
			try (InputStream in = ConnectionOptions.of(this.spec).environment().stdin()) {
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw CliException.usage("cannot read standard input: " + ex.getMessage());
			}
		}
		try {
			return Files.readAllBytes(Path.of(this.file));
		}
		catch (NoSuchFileException ex) {
			throw CliException.usage("the file " + this.file + " does not exist");
		}
		catch (IOException ex) {
			throw CliException.usage("cannot read " + this.file + ": " + ex.getMessage());
		}
	}

	/** What an import did (or would do), for people. */
	static String summary(JsonNode result, String namespace, boolean dryRun) {
		List<String[]> changes = new ArrayList<>();
		for (String operation : List.of("created", "updated", "deleted")) {
			for (JsonNode change : result.path(operation)) {
				changes.add(new String[] { operation, change.path("kind").asString(""),
						change.path("namespace").asString(""), change.path("name").asString("") });
			}
		}
		int created = result.path("created").size();
		int updated = result.path("updated").size();
		int deleted = result.path("deleted").size();
		int unchanged = result.path("unchanged").asInt(0);
		StringBuilder text = new StringBuilder();
		if (!changes.isEmpty()) {
			Table<String[]> table = Table.of(new Column<>(dryRun ? "would be" : "change", (row) -> row[0]),
					new Column<>("kind", (row) -> row[1]), new Column<>("namespace", (row) -> row[2]),
					new Column<>("name", (row) -> row[3]));
			text.append(table.render(changes));
		}
		String counts = created + " created, " + updated + " updated, " + deleted + " deleted, " + unchanged
				+ " unchanged";
		if (dryRun) {
			text.append("Dry run in ").append(namespace).append(", nothing written: ").append(counts).append('.');
		}
		else if (changes.isEmpty()) {
			text.append("Applied to ")
				.append(namespace)
				.append(": nothing changed (")
				.append(unchanged)
				.append(" unchanged).");
		}
		else {
			text.append("Applied to ").append(namespace).append(": ").append(counts).append('.');
		}
		return text.append(System.lineSeparator()).toString();
	}

}
