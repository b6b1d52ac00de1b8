package io.mseg.console.transfer;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an import changed (or, with {@code dryRun}, would change).
 */
@Schema(name = "ImportResult")
public record ImportResult(boolean dryRun, List<Change> created, List<Change> updated, List<Change> deleted,
		int unchanged) {

	/** One object, identified as import identifies it: kind, namespace and name. */
	@Schema(name = "ImportChange")
	public record Change(String kind, String namespace, String name) {

	}

}
