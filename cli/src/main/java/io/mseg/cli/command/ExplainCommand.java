package io.mseg.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

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
import tools.jackson.databind.node.ObjectNode;

/** {@code msegctl explain}: why a connection is allowed or rejected (POST /explain). */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
		description = {
				"Say whether a connection is allowed and why: the verdict, and for each enforcing side its "
						+ "reason and the policies that decided.",
				"",
				"An end is a processing unit (by ID or name; names are looked up in the namespace and its "
						+ "descendants) or an IP address (an address of a processing unit is that unit). The "
						+ "destination may also be a domain name." },
		footer = { "", "Examples:", "  msegctl explain --from frontend-1 --to redis-1 --port tcp/6379 -n /acme",
				"  msegctl explain --from 203.0.113.7 --to frontend-1 --protocol tcp --port 443 -n /acme",
				"  msegctl explain --from web-1 --to api.example.com --port tcp/443 -o yaml" })
public class ExplainCommand implements Callable<Integer> {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([a-zA-Z0-9-]+\\.)+[a-zA-Z0-9-]+\\.?");

	@Option(names = "--from", required = true, paramLabel = "END",
			description = "The source: processing unit ID or name, or IP address.")
	String from;

	@Option(names = "--to", required = true, paramLabel = "END",
			description = "The destination: processing unit ID or name, IP address, or domain name.")
	String to;

	@Option(names = "--port", paramLabel = "PORT",
			description = "tcp/443, udp/53, icmp/8, icmp/3/1, or a port number with --protocol (default tcp).")
	String port;

	@Option(names = "--protocol", paramLabel = "PROTOCOL", description = "tcp, udp, icmp, icmp6, gre, ...")
	String protocol;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT",
			description = "Print the console's answer as json or yaml instead of text.")
	RawFormat output;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		ObjectNode request = traffic(this.protocol, this.port);
		ConsoleClient client = ConnectionOptions.of(this.spec).client();
		request.set("source", endpoint(client, "--from", this.from, false));
		request.set("destination", endpoint(client, "--to", this.to, true));
		JsonNode answer = client.postJson("/explain", request);
		this.spec.commandLine()
			.getOut()
			.print((this.output != null) ? this.output.render(answer) : describe(answer, trafficText(request)));
		return ExitCodes.OK;
	}

	/** The protocol, port and ICMP type and code of the request. */
	static ObjectNode traffic(String protocol, String port) {
		ObjectNode request = Documents.JSON.createObjectNode();
		String given = (protocol != null) ? protocol.strip().toLowerCase(Locale.ROOT) : null;
		if (port == null) {
			if (given == null) {
				throw CliException.usage("give the traffic: --port tcp/443, or --protocol (and --port)");
			}
			request.put("protocol", given);
			return request;
		}
		String[] parts = port.strip().toLowerCase(Locale.ROOT).split("/", -1);
		String name;
		int first;
		if (parts.length == 1) {
			name = (given != null) ? given : "tcp";
			first = 0;
		}
		else {
			name = parts[0];
			first = 1;
			if (given != null && !given.equals(name)) {
				throw CliException.usage("--protocol " + given + " and --port " + port + " disagree");
			}
		}
		request.put("protocol", name);
		boolean icmp = name.equals("icmp") || name.equals("icmp6");
		List<String> numbers = List.of(parts).subList(first, parts.length);
		if (numbers.size() > (icmp ? 2 : 1)) {
			throw CliException.usage("'" + port + "' has too many parts: tcp/443, icmp/8 or icmp/3/1");
		}
		String[] fields = icmp ? new String[] { "icmpType", "icmpCode" } : new String[] { "port" };
		for (int i = 0; i < numbers.size(); i++) {
			try {
				request.put(fields[i], Integer.parseInt(numbers.get(i)));
			}
			catch (NumberFormatException ex) {
				throw CliException.usage("'" + numbers.get(i) + "' in --port " + port + " is not a number");
			}
		}
		return request;
	}

	private static String trafficText(JsonNode request) {
		StringBuilder text = new StringBuilder(request.path("protocol").asString());
		for (String field : List.of("port", "icmpType", "icmpCode")) {
			if (request.has(field)) {
				text.append('/').append(request.path(field).asInt());
			}
		}
		return text.toString();
	}

	/** The request's end for what the user typed: an address, a unit, or a domain. */
	private static ObjectNode endpoint(ConsoleClient client, String option, String value, boolean destination) {
		ObjectNode endpoint = Documents.JSON.createObjectNode();
		String text = value.strip();
		if (isAddress(text)) {
			return endpoint.put("address", text);
		}
		if (Lookup.looksLikeId(text)) {
			return endpoint.put("processingUnitID", text);
		}
		List<JsonNode> units = Lookup.matching(Lookup.list(client, Kind.PROCESSINGUNITS, true, false),
				Kind.PROCESSINGUNITS, text, client.namespace());
		if (units.size() == 1) {
			return endpoint.put("processingUnitID", units.get(0).path("ID").asString());
		}
		if (units.size() > 1) {
			List<String> namespaces = units.stream().map((unit) -> unit.path("namespace").asString()).toList();
			throw CliException.usage(units.size() + " processing units are named '" + text + "' (in "
					+ String.join(", ", namespaces) + "): give its ID, or narrow -n");
		}
		if (destination && DOMAIN.matcher(text).matches()) {
			return endpoint.put("domain", text);
		}
		throw CliException
			.notFound(option + " " + text + ": no processing unit has this name in " + client.namespaceForHumans()
					+ " or below, and it is not an IP address" + (destination ? " or a domain name" : ""));
	}

	static boolean isAddress(String text) {
		return IPV4.matcher(text).matches() || (text.contains(":") && text.matches("[0-9a-fA-F:.]+"));
	}

	/** The answer of /explain for people. */
	static String describe(JsonNode answer, String traffic) {
		String newline = System.lineSeparator();
		StringBuilder text = new StringBuilder();
		text.append("Verdict:     ").append(answer.path("verdict").asString("?"));
		String explanation = answer.path("explanation").asString("");
		// "allowed" and "rejected" only repeat the verdict; the rest says which side
		// decided.
		if (!explanation.isEmpty() && !explanation.equals("allowed") && !explanation.equals("rejected")) {
			text.append(" (").append(explanation).append(')');
		}
		text.append(newline);
		text.append("From:        ").append(end(answer.path("source"))).append(newline);
		text.append("To:          ").append(end(answer.path("destination"))).append(newline);
		text.append("Traffic:     ").append(traffic).append(newline);
		side(text, "Outgoing", "the source's enforcer", answer.path("outgoing"), "the source");
		side(text, "Incoming", "the destination's enforcer", answer.path("incoming"), "the destination");
		return text.toString();
	}

	private static String end(JsonNode end) {
		if (end.hasNonNull("processingUnitID")) {
			StringBuilder text = new StringBuilder("processing unit ")
				.append(end.path("processingUnitName").asString("?"))
				.append(" (")
				.append(end.path("namespace").asString("?"))
				.append(", ID ")
				.append(end.path("processingUnitID").asString());
			if (end.hasNonNull("address")) {
				text.append(", ").append(end.path("address").asString());
			}
			return text.append(')').toString();
		}
		List<String> parts = new ArrayList<>();
		if (end.hasNonNull("domain")) {
			parts.add(end.path("domain").asString());
		}
		if (end.hasNonNull("address")) {
			parts.add(end.path("address").asString());
		}
		return String.join(" ", parts) + " (external)";
	}

	private static void side(StringBuilder text, String title, String decider, JsonNode side, String end) {
		String newline = System.lineSeparator();
		text.append(newline).append(title);
		if (side.isMissingNode() || side.isNull()) {
			text.append(": not enforced (").append(end).append(" is not a processing unit)").append(newline);
			return;
		}
		text.append(", decided by ")
			.append(decider)
			.append(": ")
			.append(side.path("verdict").asString("?"))
			.append(" (")
			.append(side.path("reason").asString("?"))
			.append(')')
			.append(newline);
		if (side.hasNonNull("explanation")) {
			text.append("  ").append(side.path("explanation").asString()).append(newline);
		}
		policies(text, "Deciding policies", side.path("decidingPolicies"));
		if (side.path("matchingPolicies").size() > side.path("decidingPolicies").size()) {
			policies(text, "All matching policies", side.path("matchingPolicies"));
		}
		policies(text, "Observed policies (reported, not enforced)", side.path("observedPolicies"));
	}

	private static void policies(StringBuilder text, String heading, JsonNode policies) {
		if (policies.isEmpty()) {
			return;
		}
		List<JsonNode> rows = new ArrayList<>();
		policies.values().forEach(rows::add);
		Table<JsonNode> table = Table.of(column("ID"), column("name"), column("namespace"), column("action"),
				new Column<>("fallback", (policy) -> policy.path("fallback").asBoolean(false) ? "yes" : "no"),
				new Column<>("propagated from", (policy) -> policy.path("propagatedFrom").asString(null)),
				new Column<>("external network", (policy) -> policy.path("externalNetworkID").asString(null)));
		text.append("  ").append(heading).append(':').append(System.lineSeparator());
		table.render(rows).lines().forEach((line) -> text.append("    ").append(line).append(System.lineSeparator()));
	}

	private static Column<JsonNode> column(String field) {
		return new Column<>(field, (policy) -> policy.path(field).asString(null));
	}

}
