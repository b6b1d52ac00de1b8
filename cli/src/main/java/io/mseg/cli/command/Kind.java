package io.mseg.cli.command;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.mseg.cli.output.Table;
import io.mseg.cli.output.Table.Column;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The kinds of objects msegctl gets and deletes: their API path, the names a user may
 * call them by, what their list endpoint supports, and their table columns.
 */
enum Kind {

	NAMESPACES("namespaces", "namespace", List.of("ns"), true, false, true, "name",
			Table.of(text("name"), text("ID"), flag("protected"), text("description"))),

	NETWORKACCESSPOLICIES("networkaccesspolicies", "networkaccesspolicy",
			List.of("netpol", "netpols", "policy", "policies", "nap"), true, true, true, "name",
			Table.of(text("name"), text("namespace"), text("action"), new Column<>("mode", Kind::mode),
					new Column<>("subject", (node) -> expression(node.path("subject"))),
					new Column<>("object", (node) -> expression(node.path("object"))), list("ports"),
					new Column<>("flags", Kind::policyFlags), text("ID"))),

	EXTERNALNETWORKS("externalnetworks", "externalnetwork", List.of("extnet", "extnets"), true, true, true, "name",
			Table.of(text("name"), text("namespace"), new Column<>("entries", Kind::networkEntries),
					new Column<>("ports", (node) -> join(node.path("servicePorts"))), list("associatedTags", "tags"),
					flag("propagate"), new Column<>("source", (node) -> node.path("source").path("url").asString(null)),
					new Column<>("source status", Kind::sourceStatus), text("ID"))),

	PROCESSINGUNITS("processingunits", "processingunit", List.of("pu", "pus"), true, true, true, "name",
			Table.of(text("name"), text("namespace"), text("type"), list("addresses"), list("associatedTags", "tags"),
					text("enforcerID", "enforcer"), text("ID"))),

	ENFORCERS("enforcers", "enforcer", List.of(), true, false, true, "name",
			Table.of(text("name"), text("namespace"), text("operationalStatus", "status"),
					text("enforcementStatus", "enforcement"), text("currentVersion", "version"),
					time("lastSyncTime", "last sync"), time("certificateExpiration", "certificate expires"),
					flag("revoked"), text("ID"))),

	APITOKENS("apitokens", "apitoken", List.of("token", "tokens"), true, false, true, "name",
			Table.of(text("name"), text("namespace"), text("role"), time("expirationTime", "expires"), flag("revoked"),
					text("createdBy", "created by"), text("ID"))),

	ENROLLMENTTOKENS("enrollmenttokens", "enrollmenttoken", List.of("enrollment"), true, false, true, "name",
			Table.of(text("name"), text("namespace"),
					new Column<>("uses", (node) -> node.path("uses").asInt(0) + "/" + node.path("maxUses").asInt(0)),
					time("expirationTime", "expires"), list("tags"), flag("revoked"), text("ID"))),

	TAGS("tags", "tag", List.of(), true, true, false, "value",
			Table.of(text("value", "tag"), text("namespace"), text("count"))),

	AUDITRECORDS("auditrecords", "auditrecord", List.of("audit"), true, false, false, "objectName",
			Table.of(time("time", "time"), text("principal"), text("operation"), text("kind"), text("namespace"),
					text("objectName", "name"), text("objectID", "object ID")));

	private final String path;

	private final String singular;

	private final List<String> aliases;

	private final boolean recursive;

	private final boolean propagated;

	private final boolean addressable;

	private final String nameField;

	private final Table<JsonNode> table;

	Kind(String plural, String singular, List<String> aliases, boolean recursive, boolean propagated,
			boolean addressable, String nameField, Table<JsonNode> table) {
		this.path = "/" + plural;
		this.singular = singular;
		this.aliases = aliases;
		this.recursive = recursive;
		this.propagated = propagated;
		this.addressable = addressable;
		this.nameField = nameField;
		this.table = table;
	}

	/**
	 * The kind's name in the API and on the command line, such as
	 * {@code processingunits}.
	 */
	String plural() {
		return this.path.substring(1);
	}

	String singular() {
		return this.singular;
	}

	String path() {
		return this.path;
	}

	boolean supportsRecursive() {
		return this.recursive;
	}

	boolean supportsPropagated() {
		return this.propagated;
	}

	boolean addressable() {
		return this.addressable;
	}

	String nameField() {
		return this.nameField;
	}

	Table<JsonNode> table() {
		return this.table;
	}

	/** The names of the kind on the command line: plural, singular and aliases. */
	List<String> names() {
		List<String> names = new ArrayList<>(List.of(plural(), this.singular));
		names.addAll(this.aliases);
		return names;
	}

	/** The kind called {@code name}, case-insensitively, by any of its names. */
	static Optional<Kind> named(String name) {
		String wanted = name.toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((kind) -> kind.names().contains(wanted)).findFirst();
	}

	/** How {@code --help} lists the kinds. */
	static String describeAll() {
		return Arrays.stream(values())
			.map((kind) -> kind.names().stream().skip(2).collect(Collectors.joining(", ")).isEmpty() ? kind.plural()
					: kind.plural() + " (" + kind.names().stream().skip(2).collect(Collectors.joining(", ")) + ")")
			.collect(Collectors.joining(", "));
	}

	/** Whether the object is the one called {@code wanted} (by name or ID). */
	boolean matches(JsonNode node, String wanted, String requestNamespace) {
		if (wanted.equals(node.path("ID").asString(null))) {
			return true;
		}
		String name = node.path(this.nameField).asString(null);
		if (name == null) {
			return false;
		}
		if (this == NAMESPACES && !wanted.startsWith("/")) {
			// Namespaces read back with their full path; a relative name is below the
			// request's namespace.
			String base = (requestNamespace == null || requestNamespace.equals("/")) ? "" : requestNamespace;
			return name.equals(base + "/" + wanted) || (requestNamespace == null && name.endsWith("/" + wanted));
		}
		return name.equals(wanted);
	}

	/** Picocli's converter: any name of a kind. */
	static final class Converter implements CommandLine.ITypeConverter<Kind> {

		@Override
		public Kind convert(String value) {
			return named(value).orElseThrow(() -> new CommandLine.TypeConversionException(
					"unknown kind '" + value + "'; kinds: " + describeAll()));
		}

	}

	/** Picocli's completion candidates and the kinds shown in help. */
	static final class Candidates implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Arrays.stream(values()).map(Kind::plural).iterator();
		}

	}

	private static Column<JsonNode> text(String field) {
		return text(field, field);
	}

	private static Column<JsonNode> text(String field, String header) {
		return new Column<>(header, (node) -> {
			JsonNode value = node.path(field);
			return (value.isMissingNode() || value.isNull()) ? null : value.asString();
		});
	}

	private static Column<JsonNode> list(String field) {
		return list(field, field);
	}

	private static Column<JsonNode> list(String field, String header) {
		return new Column<>(header, (node) -> join(node.path(field)));
	}

	private static Column<JsonNode> flag(String field) {
		return new Column<>(field, (node) -> node.path(field).asBoolean(false) ? "yes" : "no");
	}

	private static Column<JsonNode> time(String field, String header) {
		return new Column<>(header, (node) -> shortTime(node.path(field).asString(null)));
	}

	/** A timestamp to the second, as people read it in a table. */
	static String shortTime(String timestamp) {
		if (timestamp == null || timestamp.isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(timestamp).truncatedTo(ChronoUnit.SECONDS).toString();
		}
		catch (DateTimeParseException ex) {
			return timestamp;
		}
	}

	static String join(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.values().forEach((value) -> values.add(value.asString()));
		return String.join(",", values);
	}

	/** A tag expression: AND inside a clause, OR between clauses. */
	static String expression(JsonNode clauses) {
		List<String> parts = new ArrayList<>();
		for (JsonNode clause : clauses) {
			List<String> tags = new ArrayList<>();
			clause.values().forEach((tag) -> tags.add(tag.asString()));
			parts.add(String.join(" & ", tags));
		}
		return (parts.size() > 1) ? parts.stream().map((part) -> "(" + part + ")").collect(Collectors.joining(" | "))
				: String.join("", parts);
	}

	// A feed's list may be 100,000 entries long: the table gives its size.
	private static String networkEntries(JsonNode network) {
		JsonNode entries = network.path("entries");
		return network.has("source") ? entries.size() + " from the feed" : join(entries);
	}

	/** What the console's last fetch of a feed did: ok, held, failing or pending. */
	static String sourceStatus(JsonNode network) {
		if (!network.has("source")) {
			return null;
		}
		JsonNode status = network.path("sourceStatus");
		JsonNode held = status.path("held");
		if (!held.isMissingNode()) {
			return "held: " + held.path("entryCount").asInt() + " entries would remove "
					+ held.path("removedCount").asInt() + " (accept or wait an interval)";
		}
		if (status.hasNonNull("error")) {
			String since = shortTime(status.path("lastSuccessTime").asString(null));
			return ((since != null) ? "failing, last good " + since : "failing") + ": "
					+ status.path("error").asString();
		}
		if (status.hasNonNull("lastSuccessTime")) {
			return "ok " + shortTime(status.path("lastSuccessTime").asString());
		}
		return "pending: not fetched yet";
	}

	private static String mode(JsonNode policy) {
		return Map.of("IncomingTraffic", "incoming", "OutgoingTraffic", "outgoing", "Bidirectional", "both")
			.getOrDefault(policy.path("applyPolicyMode").asString(""), policy.path("applyPolicyMode").asString(null));
	}

	private static String policyFlags(JsonNode policy) {
		List<String> flags = new ArrayList<>();
		for (String flag : List.of("propagate", "fallback", "disabled", "protected", "observationEnabled",
				"logsEnabled")) {
			if (policy.path(flag).asBoolean(false)) {
				flags.add(
						flag.equals("observationEnabled") ? "observation" : flag.equals("logsEnabled") ? "logs" : flag);
			}
		}
		return String.join(",", flags);
	}

}
