package io.mseg.cli.command;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mseg.cli.CliException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refuses an import document with a key msegctl does not know, at the top or under
 * {@code data}, naming it: the console is not relied on to refuse it, and a misspelled
 * kind must not be imported as nothing.
 */
final class ImportDocumentCheck {

	private ImportDocumentCheck() {
	}

	/**
	 * The document, once checked.
	 * @param document a mapping with {@code data} or {@code label}
	 * @param where how messages name it, such as {@code the file}
	 */
	static ObjectNode checked(ObjectNode document, String where) {
		for (String key : document.propertyNames()) {
			if (!key.equals("label") && !key.equals("data")) {
				String hint = importable(key).map((kind) -> hint("put " + kind.plural() + " under data:"))
					.or(() -> misspelled(key).map((meant) -> hint("did you mean '" + meant + "'?")))
					.orElse("");
				throw CliException.usage("unknown key '" + key + "' in " + where
						+ ": an import document has label and data only" + hint);
			}
		}
		JsonNode data = document.path("data");
		if (!data.isObject()) {
			String problem = (data.isMissingNode() || data.isNull()) ? " has no 'data'" : "'s 'data' is not a mapping";
			throw CliException.usage(
					where + problem + ": an import document lists its objects under data: by kind (" + kinds() + ")");
		}
		int objects = 0;
		for (String key : data.propertyNames()) {
			Optional<Kind> kind = importable(key);
			if (kind.isEmpty() || !kind.get().plural().equals(key)) {
				String hint = kind.map((named) -> hint("write data." + named.plural())).orElse("");
				throw CliException
					.usage("unknown key 'data." + key + "' in " + where + ": the kinds are " + kinds() + hint);
			}
			objects += checkedList(data.get(key), "data." + key, where);
		}
		if (objects == 0 && !document.hasNonNull("label")) {
			// With a label, an empty document deletes what carries the label; without one
			// it would do nothing.
			throw CliException.usage(where + " holds no objects and no label: nothing to apply");
		}
		return document;
	}

	/** The number of objects in the list. */
	private static int checkedList(JsonNode list, String path, String where) {
		if (list.isNull()) {
			return 0;
		}
		if (!list.isArray()) {
			throw CliException.usage("'" + path + "' in " + where + " is not a list");
		}
		for (int i = 0; i < list.size(); i++) {
			if (!list.get(i).isObject()) {
				throw CliException.usage("'" + path + "[" + i + "]' in " + where + " is not an object");
			}
		}
		return list.size();
	}

	/** The key of an import document that {@code key} is a typo of, such as daat. */
	static Optional<String> misspelled(String key) {
		return Stream.of("data", "label").filter((known) -> distance(key, known) <= 2).findFirst();
	}

	/** The Levenshtein distance: letters inserted, deleted or replaced. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			int[] current = new int[b.length() + 1];
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int replace = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
			}
			previous = current;
		}
		return previous[b.length()];
	}

	private static Optional<Kind> importable(String name) {
		return Kind.named(name).filter(ApplyDocument.IMPORTABLE::contains);
	}

	private static String kinds() {
		return ApplyDocument.IMPORTABLE.stream().map(Kind::plural).collect(Collectors.joining(", "));
	}

	private static String hint(String text) {
		return System.lineSeparator() + "hint: " + text;
	}

}
