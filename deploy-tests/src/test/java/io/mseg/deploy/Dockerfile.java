package io.mseg.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A Dockerfile read into its instructions, with the stage each belongs to: enough to
 * check what an image copies, runs and exposes without a Docker engine.
 */
record Dockerfile(List<Instruction> instructions) {

	private static final Pattern ARG_REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

	/**
	 * One instruction: upper-case keyword, its arguments, its stage (0 = before any
	 * FROM).
	 */
	record Instruction(String keyword, String arguments, int stage) {

		/** The arguments of an exec-form instruction ({@code ["java", "-jar", ...]}). */
		List<String> execForm() {
			JsonNode array = Repository.yaml(this.arguments);
			if (!array.isArray()) {
				throw new IllegalStateException(this.keyword + " is not in exec form: " + this.arguments);
			}
			return array.values().stream().map(JsonNode::asString).toList();
		}

	}

	static Dockerfile parse(String text) {
		List<Instruction> instructions = new ArrayList<>();
		StringBuilder logical = new StringBuilder();
		int stage = 0;
		for (String line : text.split("\n", -1)) {
			String stripped = line.strip();
			if (stripped.startsWith("#") || (stripped.isEmpty() && logical.isEmpty())) {
				continue; // comments may also sit between continuation lines
			}
			if (stripped.endsWith("\\")) {
				logical.append(stripped, 0, stripped.length() - 1).append(' ');
				continue;
			}
			logical.append(stripped);
			String instruction = logical.toString().strip();
			logical.setLength(0);
			if (instruction.isEmpty()) {
				continue;
			}
			String[] parts = instruction.split("\\s+", 2);
			String keyword = parts[0].toUpperCase(java.util.Locale.ROOT);
			if (keyword.equals("FROM")) {
				stage++;
			}
			instructions.add(new Instruction(keyword, (parts.length > 1) ? parts[1].strip() : "", stage));
		}
		return new Dockerfile(List.copyOf(instructions));
	}

	List<Instruction> all(String keyword) {
		return this.instructions.stream().filter((instruction) -> instruction.keyword().equals(keyword)).toList();
	}

	int finalStage() {
		return this.instructions.stream().mapToInt(Instruction::stage).max().orElse(0);
	}

	/** The instructions of the stage the image is made of (the last one). */
	List<Instruction> finalStage(String keyword) {
		return all(keyword).stream().filter((instruction) -> instruction.stage() == finalStage()).toList();
	}

	Optional<Instruction> last(String keyword) {
		List<Instruction> found = finalStage(keyword);
		return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
	}

	/** The image a stage starts from, with global {@code ARG} defaults substituted. */
	String baseImage(int stage) {
		Instruction from = all("FROM").stream()
			.filter((instruction) -> instruction.stage() == stage)
			.findFirst()
			.orElseThrow();
		String image = from.arguments().split("\\s+")[0];
		Matcher matcher = ARG_REFERENCE.matcher(image);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(resolved, Matcher.quoteReplacement(globalArg(matcher.group(1)).orElseThrow()));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	/** The default of an {@code ARG} declared before the first {@code FROM}. */
	Optional<String> globalArg(String name) {
		return all("ARG").stream()
			.filter((instruction) -> instruction.stage() == 0)
			.map(Instruction::arguments)
			.filter((argument) -> argument.startsWith(name + "="))
			.map((argument) -> argument.substring(name.length() + 1))
			.findFirst();
	}

	/** The stage number of {@code FROM ... AS name}. */
	int stageNamed(String name) {
		return all("FROM").stream()
			.filter((instruction) -> instruction.arguments().matches("(?i).*\\s+AS\\s+" + Pattern.quote(name)))
			.mapToInt(Instruction::stage)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no stage named " + name));
	}

}
