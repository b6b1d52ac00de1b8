package io.mseg.console.object;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mseg.console.web.FieldErrors;
import io.mseg.policy.tag.Tags;

/**
 * Validation of the fields every object shares.
 */
public final class CommonFields {

	static final int MAX_NAME_LENGTH = 256;

	static final int MAX_DESCRIPTION_LENGTH = 4096;

	private CommonFields() {
	}

	/** Validates and copies name, description, tags, annotations and protection. */
	public static void apply(ObjectBody body, ManagedObject entity, FieldErrors errors) {
		entity.setName(name(body.name(), errors));
		entity.setDescription(description(body.description(), errors));
		List<String> tags = (body.associatedTags() != null) ? body.associatedTags() : List.of();
		List<String> valid = errors.parse("associatedTags", tags, Tags::validateUserTags);
		entity.setAssociatedTags((valid != null) ? List.copyOf(valid) : List.of());
		entity.setAnnotations(annotations(body.annotations(), errors));
		entity.setProtectedObject(Boolean.TRUE.equals(body.protectedObject()));
	}

	public static String name(String name, FieldErrors errors) {
		if (name == null || name.isBlank()) {
			errors.add("name", "is required");
		}
		else if (name.length() > MAX_NAME_LENGTH) {
			errors.add("name", "must be at most " + MAX_NAME_LENGTH + " characters");
		}
		else if (name.chars().anyMatch(Character::isISOControl)) {
			errors.add("name", "must not contain control characters");
		}
		return name;
	}

	public static String description(String description, FieldErrors errors) {
		if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
			errors.add("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
		}
		return (description != null) ? description : "";
	}

	public static Map<String, List<String>> annotations(Map<String, List<String>> annotations, FieldErrors errors) {
		if (annotations == null) {
			return Map.of();
		}
		Map<String, List<String>> copy = new LinkedHashMap<>();
		annotations.forEach((key, values) -> {
			if (key.isBlank() || key.length() > MAX_NAME_LENGTH) {
				errors.add("annotations", "keys must be 1 to " + MAX_NAME_LENGTH + " characters");
			}
			else if (values == null || values.stream().anyMatch(java.util.Objects::isNull)) {
				errors.add("annotations." + key, "must be a list of strings");
			}
			else {
				copy.put(key, List.copyOf(values));
			}
		});
		return copy;
	}

}
