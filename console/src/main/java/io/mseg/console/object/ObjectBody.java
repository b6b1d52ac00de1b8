package io.mseg.console.object;

import java.util.List;
import java.util.Map;

/**
 * The fields every object representation (JSON/YAML body) shares. The kinds' records
 * implement it so that common fields are validated and stored in one place.
 */
public interface ObjectBody {

	String id();

	String name();

	String namespace();

	String description();

	List<String> associatedTags();

	Map<String, List<String>> annotations();

	Boolean protectedObject();

}
