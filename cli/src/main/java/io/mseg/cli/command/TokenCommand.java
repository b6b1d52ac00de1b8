package io.mseg.cli.command;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.mseg.cli.ExitCodes;
import io.mseg.cli.output.Documents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code msegctl token}: API tokens for people and scripts. */
@Command(name = "token", mixinStandardHelpOptions = true, subcommands = TokenCommand.Create.class,
		description = { "API tokens, each bound to the namespace subtree it is created in and a role (list them "
				+ "with 'get apitokens', revoke one with 'delete apitoken')." })
public class TokenCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "give a subcommand: create");
	}

	/** The roles of API tokens. */
	enum Role {

		VIEWER, EDITOR, ADMIN

	}

	/** {@code msegctl token create}. */
	@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
			description = { "Create an API token for the namespace subtree and print its secret (only now: the "
					+ "console keeps a hash)." },
			footer = { "", "Example:",
					"  export MSEGCTL_TOKEN=$(msegctl token create --name ci --role editor --expires-in 90d -n /acme)" })
	static class Create implements Callable<Integer> {

		@Option(names = "--name", required = true, paramLabel = "NAME", description = "A name to recognize it by.")
		String name;

		@Option(names = "--role", required = true, paramLabel = "ROLE",
				description = "viewer (reads), editor (also writes policies, networks, units), admin (also "
						+ "namespaces, tokens, enforcers).")
		Role role;

		@Option(names = "--expires-in", paramLabel = "DURATION", converter = Durations.Converter.class,
				description = "Lifetime, such as 12h or 90d (default: never expires).")
		Duration expiresIn;

		@Option(names = { "-o", "--output" }, paramLabel = "FORMAT",
				description = "Print the whole answer as json or yaml instead of the secret alone.")
		RawFormat output;

		@Spec
		CommandSpec spec;

		@Override
		public Integer call() {
			ObjectNode body = Documents.JSON.createObjectNode();
			body.put("name", this.name);
			body.put("role", this.role.name().toLowerCase(java.util.Locale.ROOT));
			if (this.expiresIn != null) {
				body.put("expirationTime", Clock.systemUTC().instant().plus(this.expiresIn).toString());
			}
			JsonNode created = ConnectionOptions.of(this.spec).client().postJson("/apitokens", body);
			if (this.output != null) {
				this.spec.commandLine().getOut().print(this.output.render(created));
			}
			else {
				String expires = Kind.shortTime(created.path("expirationTime").asString(null));
				this.spec.commandLine()
					.getErr()
					.println("API token '" + created.path("name").asString() + "' (" + created.path("role").asString()
							+ ", " + created.path("namespace").asString("?") + ", "
							+ ((expires != null) ? "expires " + expires : "never expires") + "); its secret, shown "
							+ "only now:");
				this.spec.commandLine().getOut().println(created.path("token").asString());
			}
			return ExitCodes.OK;
		}

	}

}
