package io.mseg.policy.tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mseg.policy.InvalidValueException;

/**
 * Validation of the tags users attach to objects ({@code associatedTags}).
 */
public final class Tags {

	private Tags() {
	}

	/**
	 * Checks user tags: each parses, none is reserved ({@code $} or {@code @}), no
	 * duplicates (tags are case-sensitive, so {@code a=b} and {@code A=b} differ).
	 * @param tags the user's tags, may be {@code null} (no tags)
	 * @return the same list, or an empty list for {@code null}
	 * @throws InvalidValueException with the index of the first offending tag
	 */
	public static List<String> validateUserTags(List<String> tags) {
		if (tags == null) {
			return List.of();
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < tags.size(); i++) {
			String text = tags.get(i);
			try {
				Tag.parse(text);
			}
			catch (InvalidValueException ex) {
				throw ex.atIndex(i);
			}
			if (text.startsWith("$")) {
				throw new InvalidValueException(i, "tag '" + Tag.abbreviate(text)
						+ "' starts with '$': such system tags are set only by the console");
			}
			if (text.startsWith("@")) {
				throw new InvalidValueException(i,
						"tag '" + Tag.abbreviate(text) + "' starts with '@': this prefix is reserved");
			}
			Integer first = seen.putIfAbsent(text, i);
			if (first != null) {
				throw new InvalidValueException(i,
						"duplicate tag '" + Tag.abbreviate(text) + "' (same as tag " + first + ")");
			}
		}
		return tags;
	}

}
