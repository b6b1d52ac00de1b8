package io.mseg.enforcer.console;

import java.util.List;

/**
 * A processing unit this enforcer declares ({@code PUT /enforcers/{id}/processingunits}).
 *
 * @param name its name
 * @param type its type ({@code Host})
 * @param description a description
 * @param addresses its addresses
 * @param associatedTags its tags (the console adds the enrollment token's)
 */
public record ReportedUnit(String name, String type, String description, List<String> addresses,
		List<String> associatedTags) {

	public ReportedUnit {
		addresses = List.copyOf(addresses);
		associatedTags = List.copyOf(associatedTags);
	}

}
