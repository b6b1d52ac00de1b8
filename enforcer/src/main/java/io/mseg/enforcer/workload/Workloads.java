package io.mseg.enforcer.workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workloads of a node at one moment, and the problems of their source.
 *
 * @param workloads the workloads, sorted by name, no two with the same name or address
 * @param problems what is wrong (one line each): files that could not be read, a watch
 * that is down, workloads left out
 */
public record Workloads(List<Workload> workloads, List<String> problems) {

	/** No workload, no problem. */
	public static final Workloads NONE = new Workloads(List.of(), List.of());

	public Workloads {
		workloads = List.copyOf(workloads);
		problems = List.copyOf(problems);
	}

	/**
	 * The workloads a source found, without collisions: of two workloads that claim the
	 * same name or address, the first by name is kept and the other left out (its traffic
	 * then meets the reject of unknown workloads), with a problem saying so. Enforcing
	 * both would give one address two sets of rules.
	 * @param found the workloads found, in any order
	 * @param problems the source's problems
	 * @return the snapshot
	 */
	public static Workloads of(List<Workload> found, List<String> problems) {
		List<Workload> sorted = new ArrayList<>(found);
		sorted.sort(Comparator.comparing(Workload::name));
		List<Workload> kept = new ArrayList<>();
		List<String> allProblems = new ArrayList<>(problems);
		Map<String, String> owners = new HashMap<>();
		String lastName = null;
		for (Workload workload : sorted) {
			if (workload.name().equals(lastName)) {
				allProblems.add("workload " + workload.name() + " is declared twice: only the first is protected");
				continue;
			}
			lastName = workload.name();
			String taken = workload.addresses().stream().filter(owners::containsKey).findFirst().orElse(null);
			if (taken != null) {
				allProblems.add("workload " + workload.name() + " is left out: its address " + taken
						+ " belongs to workload " + owners.get(taken));
				continue;
			}
			workload.addresses().forEach((address) -> owners.put(address, workload.name()));
			kept.add(workload);
		}
		return new Workloads(kept, allProblems);
	}

}
