package io.mseg.console.externalnetwork;

import io.mseg.console.database.JsonColumns;
import tools.jackson.core.type.TypeReference;

/**
 * Stores a source as a {@code jsonb} column (null for hand-written entries).
 */
class SourceColumn extends JsonColumns.Converter<ExternalNetworkSource> {

	SourceColumn() {
		super(new TypeReference<>() {
		});
	}

}
