package io.mseg.enforcer.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What changed from one snapshot of a source to the next, told once: one log line per
 * change of the workloads ({@code Workloads from Kubernetes: 12 pods (added 1, changed 0,
 * removed 2)}), a warning per problem that appeared, and the source's {@code changed}
 * callback. Used on the source's thread only.
 */
final class WorkloadChanges {

	private static final Logger log = Logger.getLogger(WorkloadChanges.class.getName());

	private final String source;

	private final String things;

	private Workloads last = Workloads.NONE;

	private Runnable changed;

	/**
	 * @param source where the workloads come from ({@code Kubernetes})
	 * @param things what they are there ({@code pods})
	 */
	WorkloadChanges(String source, String things) {
		this.source = source;
		this.things = things;
	}

	/**
	 * From now on, a change is also told to {@code changed}; what came before is what the
	 * source's {@code start} returns with.
	 * @param changed the source's callback
	 */
	void tell(Runnable changed) {
		this.changed = changed;
	}

	/**
	 * Takes the workloads now; logs and tells what changed, if anything did.
	 * @param now the snapshot
	 */
	void update(Workloads now) {
		if (now.equals(this.last)) {
			return;
		}
		Workloads before = this.last;
		this.last = now;
		logChanges(before, now);
		if (this.changed != null) {
			this.changed.run();
		}
	}

	private void logChanges(Workloads before, Workloads now) {
		Map<String, Workload> old = new HashMap<>();
		before.workloads().forEach((workload) -> old.put(workload.name(), workload));
		int added = 0;
		int changed = 0;
		for (Workload workload : now.workloads()) {
			Workload previous = old.remove(workload.name());
			if (previous == null) {
				added++;
			}
			else if (!previous.equals(workload)) {
				changed++;
			}
		}
		if (added + changed + old.size() > 0) {
			log.info("Workloads from " + this.source + ": " + now.workloads().size() + " " + this.things + " (added "
					+ added + ", changed " + changed + ", removed " + old.size() + ")");
		}
		List<String> appeared = new ArrayList<>(now.problems());
		appeared.removeAll(before.problems());
		appeared.forEach(log::warning);
	}

}
