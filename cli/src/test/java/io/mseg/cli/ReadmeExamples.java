package io.mseg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The examples of the README's msegctl section, read from the README itself so that the
 * README and its test cannot drift apart: the lines of its {@code sh} blocks, each
 * command with the output shown under it as {@code #  } comments, and its {@code yaml}
 * blocks, named by their first line ({@code # acme.yaml}).
 */
final class ReadmeExamples {

	static final String SECTION = "## Command-line client: msegctl";

	private final List<Block> blocks;

	private ReadmeExamples(List<Block> blocks) {
		this.blocks = blocks;
	}

	/** A fenced block: its language and its lines. */
	record Block(String language, List<String> lines) {

		/**
		 * The name its first line gives, such as {@code acme.yaml} for
		 * {@code # acme.yaml}.
		 */
		String name() {
			return (this.lines.isEmpty() || !this.lines.get(0).startsWith("# ")) ? ""
					: this.lines.get(0).substring(2).strip();
		}

		/** The content without the naming line. */
		String content() {
			return String.join("\n", this.lines.subList(1, this.lines.size())) + "\n";
		}

	}

	/** A line of a shell example and the output the README shows under it. */
	record Step(String line, List<String> expectedOutput) {

	}

	static ReadmeExamples read(Path readme) throws IOException {
		List<String> lines = Files.readAllLines(readme);
		int start = lines.indexOf(SECTION);
		if (start < 0) {
			throw new IllegalStateException(readme + " has no section '" + SECTION + "'");
		}
		List<Block> blocks = new ArrayList<>();
		Block open = null;
		for (String line : lines.subList(start + 1, lines.size())) {
			if (open == null && line.startsWith("## ")) {
				break;
			}
			if (open == null && line.startsWith("```") && line.length() > 3) {
				open = new Block(line.substring(3).strip(), new ArrayList<>());
			}
			else if (open != null && line.equals("```")) {
				blocks.add(open);
				open = null;
			}
			else if (open != null) {
				open.lines().add(line);
			}
		}
		return new ReadmeExamples(blocks);
	}

	/** The {@code yaml} block named {@code name}. */
	Block yaml(String name) {
		return this.blocks.stream()
			.filter((block) -> block.language().equals("yaml") && block.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no yaml block '# " + name + "' in " + SECTION));
	}

	/**
	 * The lines of every {@code sh} block in order, as one session, each with the output
	 * the README shows under it.
	 */
	List<Step> shellSteps() {
		List<Step> steps = new ArrayList<>();
		for (Block block : this.blocks) {
			if (!block.language().equals("sh")) {
				continue;
			}
			for (String line : block.lines()) {
				if (line.startsWith("#") && !steps.isEmpty()) {
					// "# output" shows a line of output, "#" alone an empty one.
					steps.get(steps.size() - 1).expectedOutput().add(line.substring(1).strip());
				}
				else if (!line.isBlank()) {
					steps.add(new Step(withoutComment(line), new ArrayList<>()));
				}
			}
		}
		return steps;
	}

	private static String withoutComment(String line) {
		return line.replaceFirst("\\s+#\\s.*$", "");
	}

	/**
	 * Whether the output matches the lines the README shows: the same lines, with runs of
	 * spaces counting as one (table columns widen with their content) and a word that
	 * holds {@code ...} standing for any word (an ID, a secret).
	 */
	static boolean matches(List<String> expected, String output) {
		List<String> actual = output.lines().map(ReadmeExamples::normalized).toList();
		if (actual.size() != expected.size()) {
			return false;
		}
		for (int i = 0; i < expected.size(); i++) {
			if (!pattern(normalized(expected.get(i))).matcher(actual.get(i)).matches()) {
				return false;
			}
		}
		return true;
	}

	private static String normalized(String line) {
		return line.strip().replaceAll("\\s+", " ");
	}

	private static Pattern pattern(String expected) {
		StringBuilder regex = new StringBuilder();
		for (String word : expected.split(" ", -1)) {
			if (!regex.isEmpty()) {
				regex.append(' ');
			}
			int ellipsis = word.lastIndexOf("...");
			if (ellipsis >= 0) {
				regex.append("\\S+").append(Pattern.quote(word.substring(ellipsis + 3)));
			}
			else {
				regex.append(Pattern.quote(word));
			}
		}
		return Pattern.compile(regex.toString());
	}

}
