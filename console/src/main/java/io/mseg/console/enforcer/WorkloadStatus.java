package io.mseg.console.enforcer;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mseg.console.web.FieldErrors;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The workloads an enforcer in node mode protects: where it learns them, how many it
 * protects and what is wrong with that source (node mode).
 *
 * @param source {@code kubernetes} or {@code directory:<path>}
 * @param count the workloads protected
 * @param problems what is wrong with the source, one line each; {@code null} (left out)
 * reads as none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EnforcerWorkloadStatus",
		description = "The workloads an enforcer in node mode protects, each its own processing unit, and the problems"
				+ " of the source it learns them from")
public record WorkloadStatus(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
		maxLength = WorkloadStatus.MAX_TEXT_LENGTH, example = "kubernetes",
		description = "Where the enforcer learns its node's workloads: kubernetes (the pods of its node, from the API"
				+ " server) or directory:<path> (a directory of workload files)") String source,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "12",
				description = "The workloads it protects") Integer count,
		@ArraySchema(maxItems = WorkloadStatus.MAX_PROBLEMS,
				arraySchema = @Schema(description = "What is wrong with the source, one line each: a malformed workload"
						+ " file, a watch that is down, a workload left out because its name or address collides"
						+ " with another's; empty when nothing is"),
				schema = @Schema(maxLength = WorkloadStatus.MAX_TEXT_LENGTH,
						example = "workload web-2 is left out: its address 10.1.0.7 belongs to workload web-1")) List<String> problems) {

	static final int MAX_TEXT_LENGTH = 1024;

	static final int MAX_PROBLEMS = 100;

	private static final String DIRECTORY = "directory:";

	public WorkloadStatus {
		// a list left out is the empty list, as everywhere in the API
		problems = (problems != null) ? problems : List.of();
	}

	/**
	 * Records what is wrong with a reported status; a value the console cannot show as
	 * given is refused, never stored altered.
	 * @param errors where to record it, nested under the field of this status
	 */
	void validate(FieldErrors errors) {
		if (errors.required("source", this.source) != null) {
			if (this.source.length() > MAX_TEXT_LENGTH) {
				errors.add("source", "must be at most " + MAX_TEXT_LENGTH + " characters");
			}
			else if (!this.source.equals("kubernetes")
					&& !(this.source.startsWith(DIRECTORY) && this.source.length() > DIRECTORY.length())) {
				errors.add("source", "must be kubernetes or directory:<path>");
			}
		}
		if (errors.required("count", this.count) != null && this.count < 0) {
			errors.add("count", "must not be negative");
		}
		if (this.problems.size() > MAX_PROBLEMS) {
			errors.add("problems", "must have at most " + MAX_PROBLEMS + " entries");
			return;
		}
		for (int i = 0; i < this.problems.size(); i++) {
			String problem = this.problems.get(i);
			if (problem == null) {
				errors.add("problems[" + i + "]", "must not be null");
			}
			else if (problem.length() > MAX_TEXT_LENGTH) {
				errors.add("problems[" + i + "]", "must be at most " + MAX_TEXT_LENGTH + " characters");
			}
		}
	}

}
