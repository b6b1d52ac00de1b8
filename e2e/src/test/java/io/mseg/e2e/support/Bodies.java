package io.mseg.e2e.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request bodies written inline.
 */
public final class Bodies {

	private Bodies() {
	}

	/**
	 * A JSON object from keys and values, in order.
	 * @param keysAndValues {@code "name", "x", "ports", List.of("tcp/443")}
	 * @return the object
	 */
	public static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
