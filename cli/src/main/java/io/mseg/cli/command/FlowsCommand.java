package io.mseg.cli.command;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;
import io.mseg.cli.http.ConsoleClient;
import io.mseg.cli.http.ConsoleClient.Listing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code msegctl flows}: the flow records of the namespace and its descendants, as
 * {@code hubble observe} shows flows: the recent ones, then with {@code --follow} each
 * new one as the console stores it.
 */
@Command(name = "flows", mixinStandardHelpOptions = true, sortOptions = false,
		description = {
				"Show the flow records of the namespace and its descendants: the connections that "
						+ "policies with logsEnabled, and the default reject, allowed or rejected (GET /flowreports).",
				"",
				"Without --since, the last hour. Records print oldest first, so the newest is at the bottom, "
						+ "where --follow continues with each new record as the console stores it (GET "
						+ "/flowreports/events, which needs a token with the admin role in the namespace).",
				"--policy, --pu and --network take an ID or a name, looked up in the namespace and its "
						+ "descendants (policies and external networks also among those propagated to it)." },
		footer = { "", "Examples:", "  msegctl flows -n /acme", "  msegctl flows --action reject --since 10m -n /acme",
				"  msegctl flows --pu web-1 --port 443 -o json -n /acme/prod",
				"  msegctl flows --policy 'allow internet to web' --follow -n /acme" })
public class FlowsCommand implements Callable<Integer> {

	static final String DEFAULT_SINCE = "1h";

	@Option(names = "--since", paramLabel = "WHEN", defaultValue = DEFAULT_SINCE,
			description = "Records from this long ago (30s, 10m, 1h, 2d) or from this RFC 3339 time "
					+ "(2025-05-01T10:00:00Z); default ${DEFAULT-VALUE}.")
	String since;

	@Option(names = "--until", paramLabel = "TIME", description = "Records until this RFC 3339 time.")
	String until;

	@Option(names = "--action", paramLabel = "ACTION", converter = ActionConverter.class,
			description = "Allow or Reject (any case).")
	String action;

	@Option(names = "--observed", paramLabel = "true|false", arity = "1",
			description = "true: only what observation-mode policies would have done; false: only what was enforced.")
	Boolean observed;

	@Option(names = "--policy", paramLabel = "POLICY", description = "The deciding policy (ID or name).")
	String policy;

	@Option(names = "--pu", paramLabel = "PU", description = "The processing unit (ID or name).")
	String processingUnit;

	@Option(names = "--network", paramLabel = "EXTNET", description = "The external network (ID or name).")
	String network;

	@Option(names = "--address", paramLabel = "IP", description = "The source or destination address.")
	String address;

	@Option(names = "--port", paramLabel = "PORT", description = "The destination port (0 to 65535).")
	Integer port;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "table",
			description = "table (default), json or yaml. With --follow, json prints one record per line and "
					+ "yaml one document per record.")
	ListFormat output;

	@Option(names = { "-f", "--follow" }, description = "Then print each new record until interrupted.")
	boolean follow;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
			description = "At most the newest N recent records (default ${DEFAULT-VALUE}).")
	int limit;

	@Spec
	CommandSpec spec;

	Clock clock = Clock.systemUTC();

	@Override
	public Integer call() {
		Window window = window(this.clock.instant());
		checkFilters();
		ConsoleClient client = ConnectionOptions.of(this.spec).client();
		Map<String, String> filters = filters(client);
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		// One lookup of the units' names per run, for the table only: JSON and YAML show
		// the records as they are.
		FlowPrinter printer = FlowPrinter.of(this.output, this.follow,
				(this.output == ListFormat.TABLE) ? FlowTable.unitNames(client) : Map.of());
		if (!this.follow) {
			printRecent(client, window, filters, printer, out, err);
			return ExitCodes.OK;
		}
		// The stream opens first and the recent records are listed then: a record stored
		// in between comes in both, and is printed once.
		Set<String> listed = new HashSet<>();
		new FlowFollower(client, FlowFollower.Sleeper.THREAD, err).follow(filters,
				() -> printRecent(client, window, filters, printer, out, err)
					.forEach((record) -> listed.add(id(record))),
				(record) -> {
					if (!listed.remove(id(record))) {
						out.print(printer.next(record));
						out.flush();
					}
				});
		return ExitCodes.OK;
	}

	/**
	 * Lists and prints the recent records, oldest first.
	 * @return the records printed
	 */
	private List<JsonNode> printRecent(ConsoleClient client, Window window, Map<String, String> filters,
			FlowPrinter printer, PrintWriter out, PrintWriter err) {
		Listing listing = client.list("/flowreports", window.query(filters), this.limit);
		// The console answers newest first; like hubble, the newest prints last.
		List<JsonNode> records = new ArrayList<>(listing.items());
		Collections.reverse(records);
		if (records.isEmpty() && !this.follow && this.output == ListFormat.TABLE) {
			err.println("No flow records in " + client.namespaceForHumans() + " or below " + window.describe() + ".");
			return records;
		}
		out.print(printer.all(records));
		out.flush();
		if (listing.total().isPresent() && listing.total().getAsLong() > records.size()) {
			err.println("Showing the newest " + records.size() + " of " + listing.total().getAsLong()
					+ " records: narrow the filters or --since, or raise --limit.");
		}
		err.flush();
		return records;
	}

	private static String id(JsonNode record) {
		JsonNode id = record.get("ID");
		return (id != null) ? id.asString() : "";
	}

	/**
	 * The time window of the list, checked with the other flags before any request.
	 * @param now the time relative durations count back from
	 */
	Window window(Instant now) {
		Instant from = since(this.since, now);
		Instant to = (this.until != null) ? instant("--until", this.until) : null;
		if (to != null && this.follow) {
			throw CliException.usage("--until and --follow exclude each other: following shows records as they come");
		}
		if (to != null && to.isBefore(from)) {
			throw CliException.usage("--until " + this.until + " is before --since " + this.since
					+ (this.since.equals(DEFAULT_SINCE) ? " (the default): give an earlier --since" : ""));
		}
		return new Window(from, to, this.since);
	}

	/** The filters that need no request, checked. */
	void checkFilters() {
		if (this.port != null && (this.port < 0 || this.port > 65535)) {
			throw CliException.usage("--port " + this.port + " is out of range (0 to 65535)");
		}
		if (this.address != null && !Addresses.isLiteral(this.address.strip())) {
			throw CliException.usage("--address " + this.address + " is not an IP address");
		}
		if (this.limit < 1) {
			throw CliException.usage("--limit " + this.limit + " must be at least 1");
		}
	}

	/**
	 * The query parameters of the filters (both endpoints), names resolved to IDs.
	 */
	Map<String, String> filters(ConsoleClient client) {
		Map<String, String> query = new LinkedHashMap<>();
		putIfGiven(query, "action", this.action);
		putIfGiven(query, "observed", (this.observed != null) ? this.observed.toString() : null);
		// Units of the flows are in the subtree; the policy or network that decided may
		// also be
		// an ancestor's, propagated.
		putIfGiven(query, "processingUnitID",
				resolve(client, "--pu", Kind.PROCESSINGUNITS, false, this.processingUnit));
		putIfGiven(query, "policyID", resolve(client, "--policy", Kind.NETWORKACCESSPOLICIES, true, this.policy));
		putIfGiven(query, "externalNetworkID", resolve(client, "--network", Kind.EXTERNALNETWORKS, true, this.network));
		putIfGiven(query, "address", (this.address != null) ? this.address.strip() : null);
		putIfGiven(query, "port", (this.port != null) ? this.port.toString() : null);
		return query;
	}

	private static void putIfGiven(Map<String, String> query, String name, String value) {
		if (value != null) {
			query.put(name, value);
		}
	}

	/**
	 * The ID of the object the user named: an ID as it is, else the one object of that
	 * name.
	 */
	private static String resolve(ConsoleClient client, String option, Kind kind, boolean propagated, String wanted) {
		if (wanted == null) {
			return null;
		}
		String text = wanted.strip();
		if (Lookup.looksLikeId(text)) {
			return text;
		}
		List<JsonNode> found = Lookup.matching(Lookup.list(client, kind, true, propagated), kind, text,
				client.namespace());
		if (found.isEmpty()) {
			throw CliException.notFound(option + " " + text + ": no " + kind.singular() + " has this name in "
					+ client.namespaceForHumans() + " or below");
		}
		List<String> ids = found.stream().map((object) -> object.path("ID").asString()).distinct().toList();
		if (ids.size() > 1) {
			List<String> namespaces = found.stream().map((object) -> object.path("namespace").asString()).toList();
			throw CliException.usage(ids.size() + " " + kind.plural() + " are named '" + text + "' (in "
					+ String.join(", ", namespaces) + "): give its ID, or narrow -n");
		}
		return ids.get(0);
	}

	/** The start of the window: a duration back from now, or an RFC 3339 time. */
	static Instant since(String text, Instant now) {
		Duration ago = Durations.parse(text);
		if (ago != null) {
			if (ago.isZero() || ago.isNegative()) {
				throw CliException.usage("--since " + text + " must be a positive duration");
			}
			return now.minus(ago).truncatedTo(ChronoUnit.SECONDS);
		}
		if (text.strip().toLowerCase(Locale.ROOT).startsWith("p")) {
			throw CliException.usage("--since " + text + " is not a duration such as 10m, 1h or 2d");
		}
		return instant("--since", text);
	}

	/** An RFC 3339 time, such as 2025-05-01T10:00:00Z or 2025-05-01T12:00:00+02:00. */
	static Instant instant(String option, String text) {
		try {
			return OffsetDateTime.parse(text.strip().toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
				.toInstant();
		}
		catch (DateTimeParseException ex) {
			String forms = option.equals("--since") ? "a duration such as 10m, 1h or 2d, or an RFC 3339 time"
					: "an RFC 3339 time";
			throw CliException.usage(option + " " + text + " is not " + forms + " such as 2025-05-01T10:00:00Z");
		}
	}

	/**
	 * The time window of the recent records.
	 *
	 * @param since its start
	 * @param until its end, {@code null} for now
	 * @param sinceAsGiven how the user wrote the start
	 */
	record Window(Instant since, Instant until, String sinceAsGiven) {

		/** The filters and the window: the list's query. */
		Map<String, String> query(Map<String, String> filters) {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("since", this.since.toString());
			if (this.until != null) {
				query.put("until", this.until.toString());
			}
			query.putAll(filters);
			return query;
		}

		String describe() {
			String from = (Durations.parse(this.sinceAsGiven) != null) ? "in the last " + this.sinceAsGiven
					: "since " + this.since;
			return (this.until != null) ? from + " until " + this.until : from;
		}

	}

	/**
	 * {@code --action}: Allow or Reject, in any case, sent as the console spells them.
	 */
	static final class ActionConverter implements CommandLine.ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return switch (value.strip().toLowerCase(Locale.ROOT)) {
				case "allow" -> "Allow";
				case "reject" -> "Reject";
				default ->
					throw new CommandLine.TypeConversionException("'" + value + "' is not an action: Allow or Reject");
			};
		}

	}

}
