package io.mseg.cli;

import java.io.PrintWriter;

import io.mseg.cli.command.ApplyCommand;
import io.mseg.cli.command.ConnectionOptions;
import io.mseg.cli.command.DeleteCommand;
import io.mseg.cli.command.EnrollmentTokenCommand;
import io.mseg.cli.command.ExplainCommand;
import io.mseg.cli.command.ExportCommand;
import io.mseg.cli.command.FlowsCommand;
import io.mseg.cli.command.GetCommand;
import io.mseg.cli.command.TokenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * msegctl, the console's command-line client: the entry point and the top-level command.
 */
@Command(name = "msegctl", mixinStandardHelpOptions = true, versionProvider = Msegctl.Version.class,
		synopsisSubcommandLabel = "COMMAND",
		subcommands = { ApplyCommand.class, GetCommand.class, DeleteCommand.class, ExplainCommand.class,
				FlowsCommand.class, ExportCommand.class, EnrollmentTokenCommand.class, TokenCommand.class,
				CommandLine.HelpCommand.class },
		description = { "Command-line client of the microsegmentation console.", "",
				"Connection settings come from flags, else the environment (MSEGCTL_URL, MSEGCTL_TOKEN, "
						+ "MSEGCTL_CA or MSEGCTL_CA_FINGERPRINT, MSEGCTL_NAMESPACE), else the configuration file "
						+ "($MSEGCTL_CONFIG, default ~/.config/msegctl/config.yaml, keys url, token, ca or "
						+ "caFingerprint, namespace)." },
		footer = { "", "Examples:", "  msegctl apply -f policies.yaml --dry-run -n /acme",
				"  msegctl get netpol -n /acme --recursive", "  msegctl get pu web-1 -o yaml -n /acme/prod",
				"  msegctl delete extnet internet -n /acme",
				"  msegctl explain --from web-1 --to 203.0.113.7 --port tcp/443 -n /acme",
				"  msegctl flows --action reject --since 10m --follow -n /acme",
				"  msegctl enrollment-token create --max-uses 5 --expires-in 2h --tag role=web -n /acme/prod",
				"  msegctl token create --name ci --role editor --expires-in 30d -n /acme" })
public class Msegctl implements Runnable {

	/** Given before or after the command name: each subcommand inherits them. */
	@Mixin(name = ConnectionOptions.MIXIN)
	private final ConnectionOptions connection;

	@Spec
	private CommandSpec spec;

	public Msegctl(Environment environment) {
		this.connection = new ConnectionOptions(environment);
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "give a command, such as get or apply");
	}

	public static void main(String[] args) {
		PrintWriter out = new PrintWriter(System.out, true);
		PrintWriter err = new PrintWriter(System.err, true);
		System.exit(execute(Environment.system(), out, err, args));
	}

	/**
	 * Runs msegctl with these arguments, printing to {@code out} and {@code err}.
	 * @return the exit code (see {@link ExitCodes})
	 */
	public static int execute(Environment environment, PrintWriter out, PrintWriter err, String... args) {
		ErrorReporter errors = new ErrorReporter(Redactor.of(args, environment));
		int code = commandLine(environment, out, err, errors).execute(args);
		out.flush();
		err.flush();
		return code;
	}

	static CommandLine commandLine(Environment environment, PrintWriter out, PrintWriter err, ErrorReporter errors) {
		CommandLine commandLine = new CommandLine(new Msegctl(environment));
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setExecutionExceptionHandler(errors);
		commandLine.setParameterExceptionHandler(errors);
		document(commandLine);
		return commandLine;
	}

	/** Every command's help lists the exit codes. */
	private static void document(CommandLine commandLine) {
		commandLine.getCommandSpec()
			.usageMessage()
			.exitCodeListHeading("%nExit codes:%n")
			.exitCodeList(ExitCodes.descriptions());
		commandLine.getSubcommands().values().forEach(Msegctl::document);
	}

	/** msegctl's version, from the jar's manifest. */
	public static String version() {
		String version = Msegctl.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "development";
	}

	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "msegctl " + version() };
		}

	}

}
