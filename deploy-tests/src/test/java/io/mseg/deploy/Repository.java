package io.mseg.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The repository under test: its root, the Maven project version, and YAML reading.
 */
final class Repository {

	static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final Pattern FINAL_NAME = Pattern.compile("<finalName>\\s*([^<\\s]+)\\s*</finalName>");

	private Repository() {
	}

	/** The repository's root directory (the parent of this module). */
	static Path root() {
		String configured = System.getProperty("mseg.repository");
		Path root = (configured != null) ? Path.of(configured) : Path.of("..");
		return root.toAbsolutePath().normalize();
	}

	static Path file(String relative) {
		return root().resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(file(relative), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The Maven project version, which is also the console's version. */
	static String version() {
		String version = System.getProperty("mseg.version");
		if (version == null) {
			throw new IllegalStateException("run through Maven: the system property mseg.version is missing");
		}
		return version;
	}

	/**
	 * The path of the jar a module's build produces, from its {@code <finalName>}.
	 * @param module the module directory, e.g. {@code console}
	 * @return e.g. {@code console/target/console.jar}
	 */
	static String jarOf(String module) {
		Matcher matcher = FINAL_NAME.matcher(read(module + "/pom.xml"));
		if (!matcher.find()) {
			throw new IllegalStateException(module + "/pom.xml has no <finalName>");
		}
		return module + "/target/" + matcher.group(1) + ".jar";
	}

	static JsonNode yaml(String text) {
		return YAML.readTree(text);
	}

	/** Every document of a multi-document YAML stream, without the empty ones. */
	static List<JsonNode> yamlDocuments(String text) {
		return YAML.readerFor(JsonNode.class)
			.<JsonNode>readValues(text)
			.readAll()
			.stream()
			.filter((node) -> node != null && !node.isNull() && !node.isMissingNode())
			.toList();
	}

}
