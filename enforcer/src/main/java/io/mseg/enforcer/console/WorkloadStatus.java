package io.mseg.enforcer.console;

import java.util.ArrayList;
import java.util.List;

import io.mseg.enforcer.workload.Workloads;

/**
 * The workloads the enforcer protects in node mode ({@code workloads} of {@code POST
 * /enforcers/{id}/poke}): where it learns them, how many it protects and what is wrong
 * with their source.
 *
 * @param source {@code kubernetes} or {@code directory:<path>}
 * @param count the workloads protected
 * @param problems what is wrong with the source, one line each
 */
public record WorkloadStatus(String source, int count, List<String> problems) {

	/** The most problems the console accepts in one report. */
	public static final int MAX_PROBLEMS = 100;

	/** The longest source and problem the console accepts, in UTF-16 code units. */
	public static final int MAX_LENGTH = 1024;

	public WorkloadStatus {
		problems = List.copyOf(problems);
	}

	/**
	 * The status of a source's workloads, within what the console accepts: it refuses a
	 * report (all of it, enforcement status included) with more than
	 * {@value #MAX_PROBLEMS} problems or a line longer than {@value #MAX_LENGTH}
	 * characters, so long lines are abbreviated and the problems past the 99th summed up
	 * in one line. The log has them all.
	 * @param source {@code kubernetes} or {@code directory:<path>}
	 * @param workloads what the source holds now
	 * @return the status
	 */
	public static WorkloadStatus of(String source, Workloads workloads) {
		List<String> all = workloads.problems();
		List<String> problems = new ArrayList<>();
		int kept = (all.size() > MAX_PROBLEMS) ? MAX_PROBLEMS - 1 : all.size();
		for (String problem : all.subList(0, kept)) {
			problems.add(abbreviate(problem));
		}
		if (kept < all.size()) {
			problems.add("and " + (all.size() - kept) + " more problems (see the enforcer's log)");
		}
		return new WorkloadStatus(abbreviate(source), workloads.workloads().size(), problems);
	}

	/**
	 * The text cut to {@value #MAX_LENGTH} characters with an ellipsis, never between the
	 * two halves of a surrogate pair (the console refuses half of one).
	 */
	static String abbreviate(String text) {
		if (text.length() <= MAX_LENGTH) {
			return text;
		}
		int end = MAX_LENGTH - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

}
