package io.mseg.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.mseg.cli.CliException;
import io.mseg.cli.http.ApiRefusedException;
import io.mseg.cli.http.ConsoleClient;
import tools.jackson.databind.JsonNode;

/** Finds objects by name or ID in the request's namespace. */
final class Lookup {

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private Lookup() {
	}

	/** Whether the text has the form of the console's IDs. */
	static boolean looksLikeId(String text) {
		return UUID.matcher(text).matches();
	}

	/** The objects of the kind, with the list options given. */
	static List<JsonNode> list(ConsoleClient client, Kind kind, boolean recursive, boolean propagated) {
		Map<String, String> query = new LinkedHashMap<>();
		if (recursive) {
			query.put("recursive", "true");
		}
		if (propagated) {
			query.put("propagated", "true");
		}
		return client.list(kind.path(), query);
	}

	/**
	 * Whether finding {@code wanted} needs the descendants of the request's namespace: a
	 * full namespace path may lie deeper than its children.
	 */
	static boolean deep(Kind kind, String wanted) {
		return kind == Kind.NAMESPACES && wanted.startsWith("/");
	}

	/** The objects called {@code wanted} (by name or ID) among those listed. */
	static List<JsonNode> matching(List<JsonNode> objects, Kind kind, String wanted, String namespace) {
		return objects.stream().filter((object) -> kind.matches(object, wanted, namespace)).toList();
	}

	/** The object with this ID, or {@code null} when the console has none (404). */
	static JsonNode byId(ConsoleClient client, Kind kind, String id) {
		try {
			return client.get(kind.path() + "/" + ConsoleClient.segment(id), Map.of());
		}
		catch (ApiRefusedException ex) {
			if (ex.status() == 404) {
				return null;
			}
			throw ex;
		}
	}

	static CliException notFound(Kind kind, String wanted, ConsoleClient client, boolean recursive) {
		String hint = (kind.supportsRecursive() && !recursive) ? " (--recursive also looks in its descendants)" : "";
		return CliException
			.notFound("no " + kind.singular() + " named '" + wanted + "' in " + client.namespaceForHumans() + hint);
	}

}
