package io.mseg.console.fuzz;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a fuzz run did besides its failures: the statuses it got, the time each kind of
 * request took, how the valid bodies fared, and one line per request (a TSV to analyse a
 * run with).
 */
public final class RunLog {

	private final Map<Integer, Integer> statuses = new TreeMap<>();

	private final Map<String, long[]> timings = new HashMap<>();

	private final Map<String, int[]> controls = new TreeMap<>();

	private final StringBuilder lines = new StringBuilder(
			"case\toperation\tmutation\tcredential\tstatus\tms\tdetail\n");

	private int sent;

	private int changes;

	/**
	 * @param own whether the request carried the operation's own credential (a valid body
	 * sent by a viewer may well be refused)
	 */
	public void add(int index, String operation, Mutation mutation, boolean own, Draft draft, Mutation.Outcome outcome,
			Answer answer, long nanos) {
		this.sent++;
		this.statuses.merge(answer.status(), 1, Integer::sum);
		long[] timing = this.timings.computeIfAbsent(mutation.name(), (k) -> new long[2]);
		timing[0] += nanos;
		timing[1]++;
		boolean accepted = answer.status() >= 200 && answer.status() < 300;
		if (mutation.name().endsWith("(control)") && own) {
			this.controls.computeIfAbsent(operation + " " + mutation.name(), (k) -> new int[2])[accepted ? 0 : 1]++;
		}
		this.lines.append(index)
			.append('\t')
			.append(operation)
			.append('\t')
			.append(mutation.name())
			.append('\t')
			.append(draft.credential.label())
			.append('\t')
			.append(answer.status())
			.append('\t')
			.append(nanos / 1_000_000)
			.append('\t')
			.append(Excerpts.printable(outcome.detail(), 160))
			.append('\n');
	}

	/**
	 * An accepted request changed the state (proof that the state's fingerprint moves).
	 */
	public void changed() {
		this.changes++;
	}

	public int sent() {
		return this.sent;
	}

	public int changes() {
		return this.changes;
	}

	public Map<Integer, Integer> statuses() {
		return this.statuses;
	}

	/** Valid bodies the console refused from the operation's own credential. */
	public String controlNotes() {
		StringBuilder notes = new StringBuilder();
		this.controls.forEach((name, counts) -> {
			if (counts[1] > 0) {
				notes.append("  note: a valid body was refused ")
					.append(counts[1])
					.append(" of ")
					.append(counts[0] + counts[1])
					.append(" times (its mutations prove less): ")
					.append(name)
					.append('\n');
			}
		});
		return notes.toString();
	}

	/** The kinds of request that took the most time in all. */
	public String slowest(int count) {
		return this.timings.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
			.limit(count)
			.map((e) -> e.getKey() + " " + e.getValue()[0] / 1_000_000 + " ms/" + e.getValue()[1])
			.collect(Collectors.joining(", "));
	}

	public String tsv() {
		return this.lines.toString();
	}

}
