package io.mseg.cli.command;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.mseg.cli.CliException;
import io.mseg.cli.command.ApplyDocument.Typed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One mapping of a file given to {@code apply}: an import document, or an object whose
 * kind {@code --kind} gives or its fields tell.
 *
 * @param object the mapping
 * @param where how messages name it, such as {@code item 2 of document 1 of the file}
 */
record DocumentPart(ObjectNode object, String where) {

	private static final Set<String> DOCUMENT_KEYS = Set.of("label", "data");

	static DocumentPart of(JsonNode node, String where) {
		if (!node.isObject()) {
			String found = switch (node.getNodeType()) {
				case ARRAY -> "a list";
				case STRING -> "a string";
				case NUMBER -> "a number";
				case BOOLEAN -> "a boolean";
				default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
			};
			throw CliException
				.usage(where + " is " + found + ", not an import document or an object (a mapping of fields)");
		}
		if (node.isEmpty()) {
			throw CliException.usage(where + " is an empty mapping: nothing to apply");
		}
		return new DocumentPart((ObjectNode) node, where);
	}

	List<String> keys() {
		return this.object.propertyNames().stream().toList();
	}

	/**
	 * Whether it has a key of an import document: objects have neither label nor data.
	 */
	boolean isImportDocument() {
		return keys().stream().anyMatch(DOCUMENT_KEYS::contains);
	}

	/** The object as one of the kind --kind gives, unless its fields tell another. */
	Typed as(Kind kind) {
		Optional<Kind> told = KindFields.of(this.object);
		if (told.isPresent() && told.get() != kind) {
			throw CliException
				.usage(this.where + " has fields of " + fieldsOf(told.get()) + ", but --kind says " + kind.plural());
		}
		return new Typed(kind, this.object);
	}

	/** The kind's plural and the telling fields of it the object has. */
	private String fieldsOf(Kind kind) {
		return kind.plural() + " (" + String.join(", ", KindFields.telling(kind, this.object)) + ")";
	}

	/** The object as one of the kind its fields tell. */
	Typed detected() {
		Set<Kind> kinds = KindFields.candidates(this.object);
		if (kinds.size() == 1) {
			return new Typed(kinds.iterator().next(), this.object);
		}
		if (kinds.size() > 1) {
			throw CliException.usage(this.where + " has fields of "
					+ kinds.stream().map(this::fieldsOf).collect(Collectors.joining(" and "))
					+ ": give its kind with --kind");
		}
		String typo = keys().stream()
			.flatMap((key) -> ImportDocumentCheck.misspelled(key)
				.map((meant) -> "'" + key + "': did you mean '" + meant + "'? ")
				.stream())
			.findFirst()
			.orElse("");
		throw CliException.usage(this.where + " is neither an import document nor an object whose kind its "
				+ "fields tell (its keys: " + String.join(", ", keys()) + ")" + System.lineSeparator() + "hint: " + typo
				+ "an import document has data (and label); " + KindFields.describe()
				+ "; for namespaces, or to say the kind, give --kind");
	}

}
