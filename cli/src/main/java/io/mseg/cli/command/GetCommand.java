package io.mseg.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;
import io.mseg.cli.http.ConsoleClient;
import io.mseg.cli.output.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code msegctl get}: lists objects of a kind, or shows one by name or ID. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "List the objects of a kind in the namespace, or show the one with this name or ID.", "",
				"Kinds: namespaces (ns), networkaccesspolicies (netpol, policies), externalnetworks (extnet), "
						+ "processingunits (pu), enforcers, apitokens, enrollmenttokens, tags, auditrecords.",
				"A name matches the name (the value of tags, the object name of audit records) or the ID. With "
						+ "-o json or yaml, one match prints the object, several (with --recursive) a list; tags and "
						+ "audit records always print a list." },
		footer = { "", "Examples:", "  msegctl get netpol -n /acme --recursive",
				"  msegctl get pu frontend-1 -n /acme/prod -o yaml", "  msegctl get auditrecords -n /acme" })
public class GetCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "KIND", converter = Kind.Converter.class,
			completionCandidates = Kind.Candidates.class, description = "The kind of objects.")
	Kind kind;

	@Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Only the object with this name or ID.")
	String name;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "table",
			description = "table (default), json or yaml.")
	ListFormat output;

	@Option(names = { "-r", "--recursive" }, description = "Also the descendants of the namespace.")
	boolean recursive;

	@Option(names = "--propagated",
			description = "Also the objects that ancestors propagate to the namespace (networkaccesspolicies, "
					+ "externalnetworks, processingunits, tags).")
	boolean propagated;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (this.recursive && !this.kind.supportsRecursive()) {
			throw CliException.usage(this.kind.plural() + " have no --recursive");
		}
		if (this.propagated && !this.kind.supportsPropagated()) {
			throw CliException.usage(this.kind.plural() + " have no --propagated");
		}
		ConsoleClient client = ConnectionOptions.of(this.spec).client();
		List<JsonNode> objects = find(client);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output == ListFormat.TABLE) {
			if (objects.isEmpty()) {
				this.spec.commandLine()
					.getErr()
					.println("No " + this.kind.plural() + " in " + client.namespaceForHumans() + ".");
			}
			else {
				out.print(this.kind.table().render(objects));
			}
			return ExitCodes.OK;
		}
		// Tags and audit records are filtered by name, other kinds are identified by it.
		Object shown = (this.name != null && this.kind.addressable() && objects.size() == 1) ? objects.get(0) : objects;
		out.print((this.output == ListFormat.JSON) ? Documents.json(shown) : Documents.yaml(shown));
		return ExitCodes.OK;
	}

	private List<JsonNode> find(ConsoleClient client) {
		if (this.name == null) {
			return Lookup.list(client, this.kind, this.recursive, this.propagated);
		}
		boolean direct = Lookup.looksLikeId(this.name) && this.kind.addressable();
		if (direct) {
			JsonNode object = Lookup.byId(client, this.kind, this.name);
			if (object != null) {
				return List.of(object);
			}
		}
		boolean recursive = this.recursive || Lookup.deep(this.kind, this.name);
		List<JsonNode> found = Lookup.matching(Lookup.list(client, this.kind, recursive, this.propagated), this.kind,
				this.name, client.namespace());
		if (found.isEmpty()) {
			throw Lookup.notFound(this.kind, this.name, client, this.recursive);
		}
		return found;
	}

}
