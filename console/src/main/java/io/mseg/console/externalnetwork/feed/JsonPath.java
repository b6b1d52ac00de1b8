package io.mseg.console.externalnetwork.feed;

import java.util.ArrayList;
import java.util.List;

import io.mseg.policy.InvalidValueException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code path} of a json source: names separated by dots, each followed by {@code []}
 * to take every element of an array ({@code prefixes[].ip_prefix}, {@code data.cidrs[]},
 * {@code []} for a document that is an array of strings). Every value it reaches must be
 * a string; a name missing on the way is an error, not a skip, so that a feed that
 * changes shape is refused rather than read as shorter.
 *
 * @param steps the names, each with how many {@code []} follow it
 */
public record JsonPath(List<Step> steps) {

	static final int MAX_LENGTH = 256;

	/**
	 * One name of the path.
	 *
	 * @param name the member's name; empty for the document itself (a leading {@code []})
	 * @param arrays how many {@code []} follow it
	 */
	public record Step(String name, int arrays) {
	}

	public JsonPath {
		steps = List.copyOf(steps);
	}

	/**
	 * Reads a path.
	 * @param text such as {@code prefixes[].ip_prefix}
	 * @return the path
	 * @throws InvalidValueException when it is empty, too long, or has an empty name
	 * other than a leading {@code []}
	 */
	public static JsonPath parse(String text) {
		if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
			throw new InvalidValueException(
					"a path is 1 to " + MAX_LENGTH + " characters, such as prefixes[].ip_prefix");
		}
		List<Step> steps = new ArrayList<>();
		String[] parts = text.split("\\.", -1);
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			int arrays = 0;
			while (part.endsWith("[]")) {
				part = part.substring(0, part.length() - 2);
				arrays++;
			}
			boolean leadingArray = i == 0 && part.isEmpty() && arrays > 0;
			if ((part.isEmpty() && !leadingArray) || part.contains("[") || part.contains("]")
					|| part.chars().anyMatch(Character::isISOControl)) {
				throw new InvalidValueException("'" + text
						+ "' is not a path: names separated by dots, each optionally followed by [], such as "
						+ "prefixes[].ip_prefix");
			}
			steps.add(new Step(part, arrays));
		}
		return new JsonPath(steps);
	}

	/**
	 * The strings the path reaches in a document, in document order.
	 * @throws FeedException naming where the document does not have the path's shape
	 */
	List<FeedEntry> read(JsonNode document) {
		List<Located> nodes = List.of(new Located(document, ""));
		for (Step step : this.steps) {
			List<Located> next = new ArrayList<>();
			for (Located located : nodes) {
				Located current = located;
				if (!step.name().isEmpty()) {
					String location = located.location().isEmpty() ? step.name()
							: located.location() + "." + step.name();
					if (!located.node().isObject()) {
						throw new FeedException(where(located) + " is not an object with a member '" + step.name()
								+ "' (path " + this + ")");
					}
					JsonNode member = located.node().get(step.name());
					if (member == null) {
						throw new FeedException(location + " is missing (path " + this + ")");
					}
					current = new Located(member, location);
				}
				expand(current, step.arrays(), next);
			}
			nodes = next;
		}
		List<FeedEntry> entries = new ArrayList<>(nodes.size());
		for (Located located : nodes) {
			if (!located.node().isString()) {
				throw new FeedException(where(located) + " is not a string (path " + this + ")");
			}
			entries.add(new FeedEntry(located.node().asString().strip(), where(located)));
		}
		return entries;
	}

	private void expand(Located located, int arrays, List<Located> into) {
		if (arrays == 0) {
			into.add(located);
			return;
		}
		if (!located.node().isArray()) {
			throw new FeedException(where(located) + " is not an array (path " + this + ")");
		}
		for (int i = 0; i < located.node().size(); i++) {
			expand(new Located(located.node().get(i), located.location() + "[" + i + "]"), arrays - 1, into);
		}
	}

	private static String where(Located located) {
		return located.location().isEmpty() ? "the document" : located.location();
	}

	@Override
	public String toString() {
		List<String> parts = new ArrayList<>();
		for (Step step : this.steps) {
			parts.add(step.name() + "[]".repeat(step.arrays()));
		}
		return String.join(".", parts);
	}

	private record Located(JsonNode node, String location) {
	}

}
