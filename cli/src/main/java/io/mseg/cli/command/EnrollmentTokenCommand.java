package io.mseg.cli.command;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * {@code msegctl enrollment-token}: one-time tokens with which enforcers join a
 * namespace.
 */
@Command(name = "enrollment-token", mixinStandardHelpOptions = true, subcommands = EnrollmentTokenCommand.Create.class,
		description = { "Enrollment tokens: with one, an enforcer joins the namespace (list them with 'get "
				+ "enrollmenttokens', revoke one with 'delete enrollmenttoken')." })
public class EnrollmentTokenCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "give a subcommand: create");
	}

	/** {@code msegctl enrollment-token create}. */
	@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
			description = { "Create an enrollment token for the namespace and print it (only now: the console "
					+ "keeps a hash). Enforcers enrolling with it join the namespace; their processing units get "
					+ "the tags." },
			footer = { "", "Example:",
					"  msegctl enrollment-token create -n /acme/prod --max-uses 10 --expires-in 2h --tag role=web" })
	static class Create implements Callable<Integer> {

		@Option(names = "--name", paramLabel = "NAME", description = "A name to recognize it by.")
		String name;

		@Option(names = "--max-uses", paramLabel = "N",
				description = "How many enforcers may enroll with it (console default: 1).")
		Integer maxUses;

		@Option(names = "--expires-in", paramLabel = "DURATION", converter = Durations.Converter.class,
				description = "Lifetime, such as 30m, 2h, 7d (console default: 1h).")
		Duration expiresIn;

		@Option(names = "--tag", paramLabel = "KEY=VALUE",
				description = "A tag for the processing units of its enforcers; repeatable.")
		List<String> tags = new ArrayList<>();

		@Option(names = { "-o", "--output" }, paramLabel = "FORMAT",
				description = "Print the whole answer as json or yaml instead of the token alone.")
		RawFormat output;

		@Spec
		CommandSpec spec;

		@Override
		public Integer call() {
			ObjectNode body = Documents.JSON.createObjectNode();
			if (this.name != null) {
				body.put("name", this.name);
			}
			if (this.maxUses != null) {
				body.put("maxUses", this.maxUses);
			}
			if (this.expiresIn != null) {
				body.put("expirationTime", Clock.systemUTC().instant().plus(this.expiresIn).toString());
			}
			if (!this.tags.isEmpty()) {
				this.tags.forEach(body.putArray("tags")::add);
			}
			JsonNode created = ConnectionOptions.of(this.spec).client().postJson("/enrollmenttokens", body);
			if (this.output != null) {
				this.spec.commandLine().getOut().print(this.output.render(created));
			}
			else {
				this.spec.commandLine()
					.getErr()
					.println("Enrollment token for " + created.path("namespace").asString("?") + ": "
							+ created.path("maxUses").asInt(1) + " use(s), expires "
							+ Kind.shortTime(created.path("expirationTime").asString(null)) + " (shown only now):");
				this.spec.commandLine().getOut().println(created.path("token").asString());
			}
			return ExitCodes.OK;
		}

	}

}
