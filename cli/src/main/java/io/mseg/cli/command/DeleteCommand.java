package io.mseg.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;
import io.mseg.cli.http.ApiRefusedException;
import io.mseg.cli.http.ConsoleClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code msegctl delete}: deletes one object by name or ID. */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Delete the object with this name or ID in the namespace.",
				"Deleting an enforcer revokes it; deleting a token revokes it. A namespace is deleted from its parent "
						+ "(-n), by its name there or its full path." },
		footer = { "", "Examples:", "  msegctl delete netpol allow-web -n /acme",
				"  msegctl delete namespace prod -n /acme --recursive" })
public class DeleteCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "KIND", converter = Kind.Converter.class,
			completionCandidates = Kind.Candidates.class, description = "The kind of the object.")
	Kind kind;

	@Parameters(index = "1", paramLabel = "NAME", description = "Its name or ID.")
	String name;

	@Option(names = "--override", description = "Also delete a protected object.")
	boolean override;

	@Option(names = "--recursive",
			description = "For namespaces: also delete everything below it (refused otherwise while it holds "
					+ "namespaces or objects).")
	boolean recursive;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (!this.kind.addressable()) {
			throw CliException.usage(this.kind.plural() + " cannot be deleted");
		}
		if (this.recursive && this.kind != Kind.NAMESPACES) {
			throw CliException.usage("--recursive is for namespaces only");
		}
		ConsoleClient client = ConnectionOptions.of(this.spec).client();
		String id = resolve(client);
		Map<String, String> query = new LinkedHashMap<>();
		if (this.recursive) {
			query.put("recursive", "true");
		}
		if (this.override) {
			query.put("override", "true");
		}
		JsonNode deleted;
		try {
			deleted = client.delete(this.kind.path() + "/" + ConsoleClient.segment(id), query);
		}
		catch (ApiRefusedException ex) {
			if (ex.status() == 404) {
				throw CliException.notFound("no " + this.kind.singular() + " with ID " + id + " in "
						+ client.namespaceForHumans() + " (" + ex.detail() + ")");
			}
			if (ex.status() == 409 && this.kind == Kind.NAMESPACES && !this.recursive) {
				// The console's detail speaks of ?recursive=true; say it the command
				// line's way.
				throw new CliException(ex.exitCode(), ex.getMessage() + System.lineSeparator()
						+ "hint: add --recursive to delete it with everything below it");
			}
			throw ex;
		}
		String name = deleted.path(this.kind.nameField()).asString(this.name);
		String namespace = deleted.path("namespace").asString(null);
		this.spec.commandLine()
			.getOut()
			.println(this.kind.singular() + " '" + name + "' deleted (ID " + id
					+ ((namespace != null) ? ", namespace " + namespace : "") + ")");
		return ExitCodes.OK;
	}

	private String resolve(ConsoleClient client) {
		if (Lookup.looksLikeId(this.name)) {
			return this.name;
		}
		List<JsonNode> found = Lookup.matching(Lookup.list(client, this.kind, Lookup.deep(this.kind, this.name), false),
				this.kind, this.name, client.namespace());
		if (found.isEmpty()) {
			throw Lookup.notFound(this.kind, this.name, client, true);
		}
		if (found.size() > 1) {
			throw CliException.usage(found.size() + " " + this.kind.plural() + " are named '" + this.name + "' in "
					+ client.namespaceForHumans() + ": give the ID");
		}
		return found.get(0).path("ID").asString();
	}

}
