package io.mseg.console.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The failures of a fuzz run, grouped by operation, kind of mutation, status and broken
 * promise, each group with the first request that showed it (reproducible from the seed
 * and its case number) and the console's answer.
 */
public final class FailureReport {

	private final Map<String, Group> groups = new LinkedHashMap<>();

	private int failedRequests;

	public void add(Case fuzzCase, Draft draft, Mutation.Outcome outcome, Answer answer,
			List<Oracle.Violation> violations) {
		if (violations.isEmpty()) {
			return;
		}
		this.failedRequests++;
		for (Oracle.Violation violation : violations) {
			String key = fuzzCase.operation() + "\n" + fuzzCase.kind() + "\n" + answer.status() + "\n"
					+ violation.name();
			Group group = this.groups.computeIfAbsent(key,
					(k) -> new Group(fuzzCase.operation(), fuzzCase.kind(), answer.status(), violation.name(),
							fuzzCase.index(), draft.describe(600), outcome.detail(), violation.detail(),
							answer.describe(400)));
			group.count++;
			group.credentials.add(draft.credential.label());
		}
	}

	public boolean isEmpty() {
		return this.groups.isEmpty();
	}

	public int groups() {
		return this.groups.size();
	}

	public int failedRequests() {
		return this.failedRequests;
	}

	/** How many groups broke each promise. */
	public Map<String, Integer> byViolation() {
		Map<String, Integer> counts = new TreeMap<>();
		this.groups.values().forEach((g) -> counts.merge(g.violation, 1, Integer::sum));
		return counts;
	}

	/** Groups folded over operations: what broke, for how many operations. */
	public Map<String, TreeSet<String>> digest() {
		Map<String, TreeSet<String>> digest = new TreeMap<>();
		this.groups.values()
			.forEach((g) -> digest
				.computeIfAbsent(g.violation + " | " + g.kind + " | " + ((g.status < 0) ? "none" : g.status),
						(k) -> new TreeSet<>())
				.add(g.operation));
		return digest;
	}

	/** The counts and the digest, without the examples. */
	public String renderDigest(long seed) {
		String text = render(seed);
		return text.substring(0, text.indexOf("\nGroups (one example each):"));
	}

	public String render(long seed) {
		StringBuilder text = new StringBuilder();
		text.append(this.groups.size())
			.append(" failure groups over ")
			.append(this.failedRequests)
			.append(" failed requests (seed ")
			.append(seed)
			.append("; rerun one case with -Dfuzz.seed=")
			.append(seed)
			.append(" -Dfuzz.case=N)\n");
		byViolation().forEach((name, count) -> text.append("  ").append(count).append(" x ").append(name).append('\n'));
		text.append("\nDigest (broken promise | kind of mutation | status: operations):\n");
		digest().forEach((key, operations) -> text.append("  ")
			.append(key)
			.append(": ")
			.append(operations.size())
			.append((operations.size() == 1) ? " operation (" : " operations (")
			.append(String.join(", ", operations))
			.append(")\n"));
		text.append("\nGroups (one example each):\n");
		List<Group> sorted = new ArrayList<>(this.groups.values());
		sorted.sort(Comparator.comparing((Group g) -> g.violation)
			.thenComparing((g) -> g.operation)
			.thenComparing((g) -> g.kind)
			.thenComparingInt((g) -> g.status));
		int number = 1;
		for (Group group : sorted) {
			text.append('\n')
				.append('[')
				.append(number++)
				.append("] ")
				.append(group.violation)
				.append(" | ")
				.append(group.operation)
				.append(" | ")
				.append(group.kind)
				.append(" | status ")
				.append((group.status < 0) ? "none" : group.status)
				.append('\n');
			text.append("    ")
				.append(group.count)
				.append(" request(s), credentials: ")
				.append(String.join(", ", group.credentials))
				.append('\n');
			text.append("    example: case #")
				.append(group.index)
				.append(", ")
				.append(group.detail)
				.append(" -> ")
				.append(group.violationDetail)
				.append('\n');
			text.append("    request: ").append(group.request.strip().replace("\n", "\n    ")).append('\n');
			text.append("    answer:  ").append(group.answer).append('\n');
		}
		return text.toString();
	}

	/** One fuzz request: its number, what it targets and how it was mutated. */
	public record Case(int index, String operation, String kind) {
	}

	private static final class Group {

		final String operation;

		final String kind;

		final int status;

		final String violation;

		final int index;

		final String request;

		final String detail;

		final String violationDetail;

		final String answer;

		int count;

		final TreeSet<String> credentials = new TreeSet<>();

		Group(String operation, String kind, int status, String violation, int index, String request, String detail,
				String violationDetail, String answer) {
			this.operation = operation;
			this.kind = kind;
			this.status = status;
			this.violation = violation;
			this.index = index;
			this.request = request;
			this.detail = detail;
			this.violationDetail = violationDetail;
			this.answer = answer;
		}

	}

}
