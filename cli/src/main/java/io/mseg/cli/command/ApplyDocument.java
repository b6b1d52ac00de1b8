package io.mseg.cli.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mseg.cli.CliException;
import io.mseg.cli.output.Documents;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code apply -f} sends to POST /import for a file: the file's import document, or
 * the objects it holds (one, a list, or a stream separated by {@code ---}) wrapped in one
 * without a label. Content it cannot read as either is refused (exit 2) rather than sent,
 * because the console would import an unknown part as nothing and report "nothing
 * changed".
 */
final class ApplyDocument {

	/** The kinds an import document holds, in the order they are listed in messages. */
	static final List<Kind> IMPORTABLE = List.of(Kind.NAMESPACES, Kind.EXTERNALNETWORKS, Kind.NETWORKACCESSPOLICIES,
			Kind.PROCESSINGUNITS);

	// A key given twice would otherwise keep its last value without a word; the
	// documents of a stream are read one by one, hence the tokens after each.
	private static final ObjectReader YAML = Documents.YAML.readerFor(JsonNode.class)
		.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private static final ObjectReader JSON = Documents.JSON.readerFor(JsonNode.class)
		.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private ApplyDocument() {
	}

	/**
	 * The import document for the file's content.
	 * @param content the file, JSON or YAML
	 * @param kind the kind of objects the file holds (--kind), {@code null} to tell from
	 * the content
	 * @throws CliException (exit 2) for content that is not an import document nor
	 * objects of a known kind
	 */
	static ObjectNode of(byte[] content, Kind kind) {
		List<JsonNode> documents = documents(content);
		if (documents.isEmpty()) {
			throw CliException.usage("the file is empty: nothing to apply");
		}
		List<DocumentPart> parts = new ArrayList<>();
		for (int i = 0; i < documents.size(); i++) {
			String where = (documents.size() == 1) ? "the file" : "document " + (i + 1) + " of the file";
			JsonNode document = documents.get(i);
			if (document.isArray()) {
				for (int j = 0; j < document.size(); j++) {
					parts.add(DocumentPart.of(document.get(j), "item " + (j + 1) + " of " + where));
				}
			}
			else {
				parts.add(DocumentPart.of(document, where));
			}
		}
		if (parts.isEmpty()) {
			throw CliException.usage("the file holds empty lists only: nothing to apply");
		}
		List<DocumentPart> importDocuments = parts.stream().filter(DocumentPart::isImportDocument).toList();
		if (kind != null) {
			if (!importDocuments.isEmpty()) {
				throw CliException.usage(importDocuments.get(0).where() + " is an import document (it has "
						+ String.join(" and ", importDocuments.get(0).keys()) + "), not " + kind.plural()
						+ ": apply it without --kind");
			}
			return wrap(parts.stream().map((part) -> part.as(kind)).toList());
		}
		if (importDocuments.isEmpty()) {
			return wrap(parts.stream().map(DocumentPart::detected).toList());
		}
		if (parts.size() > 1) {
			throw CliException.usage("the file holds " + importDocuments.size() + " import document(s) and "
					+ (parts.size() - importDocuments.size()) + " other part(s): apply one import document at a time");
		}
		return ImportDocumentCheck.checked(importDocuments.get(0).object(), importDocuments.get(0).where());
	}

	private static List<JsonNode> documents(byte[] content) {
		boolean json = looksLikeJson(content);
		if (!json) {
			refuseYamlTags(content);
		}
		List<JsonNode> documents = new ArrayList<>();
		ObjectReader reader = json ? JSON : YAML;
		// Not readValues(): its iterator takes a first document that is a list for the
		// whole stream, and drops the documents after it.
		try (JsonParser parser = reader.createParser(content)) {
			while (parser.nextToken() != null) {
				JsonNode document = reader.readValue(parser);
				// An empty document, such as after a final '---', holds nothing.
				if (document != null && !document.isNull() && !document.isMissingNode()) {
					documents.add(document);
				}
			}
		}
		catch (JacksonException ex) {
			String line = (ex.getLocation() != null && ex.getLocation().getLineNr() > 0)
					? " (line " + ex.getLocation().getLineNr() + ")" : "";
			throw CliException
				.usage("the file is not valid " + (json ? "JSON" : "YAML") + line + ": " + ex.getOriginalMessage());
		}
		return documents;
	}

	/**
	 * A YAML tag ({@code !!binary}, {@code !!str 5}, {@code !custom}) would be followed
	 * or dropped by the reader; the console refuses them, and so does msegctl, before
	 * anything is sent.
	 */
	private static void refuseYamlTags(byte[] content) {
		try {
			for (Event event : new Parse(LoadSettings.builder().build())
				.parseString(new String(content, StandardCharsets.UTF_8))) {
				Optional<String> tag = (event instanceof ScalarEvent scalar) ? scalar.getTag()
						: (event instanceof CollectionStartEvent collection) ? collection.getTag() : Optional.empty();
				if (tag.isPresent()) {
					String line = event.getStartMark().map((mark) -> " (line " + (mark.getLine() + 1) + ")").orElse("");
					throw CliException
						.usage("the file uses the YAML tag '" + tag.get().replace("tag:yaml.org,2002:", "!!") + "'"
								+ line + ": the console does not accept tags; write the value without it");
				}
			}
		}
		catch (YamlEngineException ex) {
			// Not YAML: the reader below says where, in its words.
		}
	}

	static boolean looksLikeJson(byte[] content) {
		String text = new String(content, StandardCharsets.UTF_8).stripLeading();
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1).stripLeading();
		}
		return text.startsWith("{") || text.startsWith("[");
	}

	/** An import document of objects, without a label: nothing is deleted. */
	static ObjectNode wrap(List<Typed> objects) {
		ObjectNode document = Documents.JSON.createObjectNode();
		ObjectNode data = document.putObject("data");
		for (Kind kind : IMPORTABLE) {
			List<ObjectNode> ofKind = objects.stream()
				.filter((typed) -> typed.kind() == kind)
				.map(Typed::object)
				.toList();
			if (!ofKind.isEmpty()) {
				ArrayNode list = data.putArray(kind.plural());
				ofKind.forEach(list::add);
			}
		}
		return document;
	}

	/** An object and its kind. */
	record Typed(Kind kind, ObjectNode object) {

	}

}
