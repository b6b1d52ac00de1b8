package io.mseg.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code msegctl apply}: imports a document (POST /import), or shows what it would
 * change.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
		description = {
				"Create or update objects from a document, as POST /import does: all or nothing; objects are "
						+ "identified by kind, namespace and name, so applying the same file again changes nothing.",
				"", "The file is the console's import/export document, JSON or YAML:",
				"  label: my-policies          # optional: objects of the subtree with this label that are "
						+ "not in the file are deleted",
				"  data:", "    namespaces: [...]", "    externalnetworks: [...]", "    networkaccesspolicies: [...]",
				"    processingunits: [...]", "",
				"With --kind, the file holds objects of that one kind instead: a single object, a list, or a YAML "
						+ "stream of objects separated by '---'." },
		footer = { "", "Examples:", "  msegctl apply -f acme.yaml -n /acme --dry-run",
				"  msegctl export -n /acme | msegctl apply -f - -n /acme-copy",
				"  msegctl apply --kind netpol -f allow-web.yaml -n /acme/prod" })
public class ApplyCommand implements Callable<Integer> {

	private static final Set<Kind> IMPORTABLE = Set.of(Kind.NAMESPACES, Kind.EXTERNALNETWORKS,
			Kind.NETWORKACCESSPOLICIES, Kind.PROCESSINGUNITS);

	@Option(names = { "-f", "--filename" }, required = true, paramLabel = "FILE",
			description = "The document to apply, JSON or YAML; - reads standard input.")
	String file;

	@Option(names = "--dry-run", description = "Show what would be created, updated or deleted; write nothing.")
	boolean dryRun;

	@Option(names = "--override", description = "Also change protected objects.")
	boolean override;

	@Option(names = "--kind", paramLabel = "KIND", converter = Kind.Converter.class,
			description = "The file holds objects of this kind (namespaces, externalnetworks, "
					+ "networkaccesspolicies or processingunits) rather than an import document.")
	Kind kind;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT",
			description = "Print the console's answer as json or yaml instead of a summary.")
	RawFormat output;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (this.kind != null && !IMPORTABLE.contains(this.kind)) {
			throw CliException.usage("--kind " + this.kind.plural() + " cannot be applied; only namespaces, "
					+ "externalnetworks, networkaccesspolicies and processingunits");
		}
		byte[] content = read();
		byte[] body;
		String contentType;
		if (this.kind != null) {
			body = Documents.JSON.writeValueAsBytes(wrap(this.kind, objects(content)));
			contentType = "application/json";
		}
		else {
			body = content;
			contentType = looksLikeJson(content) ? "application/json" : "application/yaml";
		}
		ConsoleClient client = ConnectionOptions.of(this.spec).client();
		Map<String, String> query = new LinkedHashMap<>();
		if (this.dryRun) {
			query.put("dryRun", "true");
		}
		if (this.override) {
			query.put("override", "true");
		}
		JsonNode result = client.post("/import", query, body, contentType);
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

	/** The objects of a file given with --kind: one, a list, or a YAML stream. */
	static List<JsonNode> objects(byte[] content) {
		List<JsonNode> objects = new ArrayList<>();
		try (MappingIterator<JsonNode> documents = Documents.YAML.readerFor(JsonNode.class).readValues(content)) {
			while (documents.hasNextValue()) {
				JsonNode document = documents.nextValue();
				if (document == null || document.isNull() || document.isMissingNode()) {
					continue;
				}
				if (document.isArray()) {
					document.values().forEach(objects::add);
				}
				else {
					objects.add(document);
				}
			}
		}
		catch (JacksonException ex) {
			throw CliException.usage("the file is not valid JSON or YAML: " + ex.getOriginalMessage());
		}
		for (JsonNode object : objects) {
			if (!object.isObject()) {
				throw CliException.usage("the file must hold objects (mappings), found " + object.getNodeType());
			}
		}
		if (objects.isEmpty()) {
			throw CliException.usage("the file holds no object");
		}
		return objects;
	}

	/** An import document holding the objects of one kind, without a label. */
	static ObjectNode wrap(Kind kind, List<JsonNode> objects) {
		ObjectNode document = Documents.JSON.createObjectNode();
		ArrayNode list = document.putObject("data").putArray(kind.plural());
		objects.forEach(list::add);
		return document;
	}

	static boolean looksLikeJson(byte[] content) {
		String text = new String(content, StandardCharsets.UTF_8).stripLeading();
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1).stripLeading();
		}
		return text.startsWith("{") || text.startsWith("[");
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
