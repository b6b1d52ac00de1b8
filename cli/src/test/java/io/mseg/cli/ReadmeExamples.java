package io.mseg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The examples of a page of the documentation (or of one of its sections), read from the
 * page itself so that the documentation and its tests cannot drift apart: the lines of
 * its {@code sh} blocks, each command with the output shown under it as {@code #  }
 * comments, and its {@code yaml} blocks, named by their first line ({@code # acme.yaml}).
 */
final class ReadmeExamples {

	private final String source;

	private final List<Block> blocks;

	private ReadmeExamples(String source, List<Block> blocks) {
		this.source = source;
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

	/** A line of a shell example and the output the documentation shows under it. */
	record Step(String line, List<String> expectedOutput) {

	}

	/** Every fenced block of the file. */
	static ReadmeExamples read(Path file) throws IOException {
		return new ReadmeExamples(file.toString(), blocks(Files.readAllLines(file)));
	}

	/**
	 * The fenced blocks of one section of the file: from its heading (such as
	 * {@code ## Five-minute walkthrough}) to the next heading of the same level.
	 */
	static ReadmeExamples read(Path file, String heading) throws IOException {
		List<String> lines = Files.readAllLines(file);
		int start = lines.indexOf(heading);
		if (start < 0) {
			throw new IllegalStateException(file + " has no section '" + heading + "'");
		}
		String level = heading.substring(0, heading.indexOf(' ') + 1);
		int end = start + 1;
		boolean fenced = false;
		while (end < lines.size() && (fenced || !lines.get(end).startsWith(level))) {
			fenced ^= lines.get(end).startsWith("```");
			end++;
		}
		return new ReadmeExamples(file + ", '" + heading + "'", blocks(lines.subList(start + 1, end)));
	}

	private static List<Block> blocks(List<String> lines) {
		List<Block> blocks = new ArrayList<>();
		Block open = null;
		for (String line : lines) {
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
		return blocks;
	}

	/** The blocks of this language, in order. */
	List<Block> blocks(String language) {
		return this.blocks.stream().filter((block) -> block.language().equals(language)).toList();
	}

	/** The {@code yaml} block named {@code name}. */
	Block yaml(String name) {
		return this.blocks.stream()
			.filter((block) -> block.language().equals("yaml") && block.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no yaml block '# " + name + "' in " + this.source));
	}

	/**
	 * The lines of every {@code sh} block in order, as one session, each with the output
	 * the documentation shows under it.
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
	 * Whether the output matches the lines the documentation shows: the same lines, with
	 * runs of spaces counting as one (table columns widen with their content) and a word
	 * that holds {@code ...} standing for any word (an ID, a secret).
	 */
	static boolean matches(List<String> expected, String output) {
		List<String> actual = output.lines().map(ReadmeExamples::normalized).toList();
		return actual.size() == expected.size() && matchesAt(expected, actual, 0);
	}

	/**
	 * Whether the lines the documentation shows appear one after the other somewhere in
	 * the output (of a script that printed more), compared as {@link #matches} does.
	 */
	static boolean containsLines(List<String> expected, String output) {
		List<String> actual = output.lines().map(ReadmeExamples::normalized).toList();
		for (int start = 0; start + expected.size() <= actual.size(); start++) {
			if (matchesAt(expected, actual, start)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matchesAt(List<String> expected, List<String> actual, int start) {
		for (int i = 0; i < expected.size(); i++) {
			if (!pattern(normalized(expected.get(i))).matcher(actual.get(start + i)).matches()) {
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
