package io.mseg.enforcer.console;

import java.util.List;
import java.util.stream.IntStream;

import io.mseg.enforcer.workload.Workload;
import io.mseg.enforcer.workload.Workloads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload status is what the console accepts: a status it refuses would take the
 * enforcement status of the same report with it.
 */
class WorkloadStatusTests {

	@Test
	void countsTheWorkloadsProtectedAndKeepsTheProblemsInOrder() {
		Workloads workloads = Workloads.of(
				List.of(pod("shop/web-1", "10.1.0.7"), pod("shop/web-2", "10.1.0.7"), pod("shop/db-1", "10.1.0.9")),
				List.of("the watch of pods is down"));

		WorkloadStatus status = WorkloadStatus.of("kubernetes", workloads);

		assertThat(status.source()).isEqualTo("kubernetes");
		assertThat(status.count()).as("web-2 is left out").isEqualTo(2);
		assertThat(status.problems()).containsExactly("the watch of pods is down",
				"workload shop/web-2 is left out: its address 10.1.0.7 belongs to workload shop/web-1");
	}

	@Test
	void noProblemIsAnEmptyList() {
		assertThat(WorkloadStatus.of("directory:/var/lib/mseg/workloads", Workloads.NONE))
			.isEqualTo(new WorkloadStatus("directory:/var/lib/mseg/workloads", 0, List.of()));
	}

	@Test
	void problemsPastTheConsolesLimitAreSummedUpInTheLastLine() {
		List<String> problems = IntStream.range(0, 250).mapToObj((i) -> "file " + i + ".json: not a workload").toList();

		List<String> reported = WorkloadStatus.of("kubernetes", new Workloads(List.of(), problems)).problems();

		assertThat(reported).hasSize(WorkloadStatus.MAX_PROBLEMS);
		assertThat(reported.subList(0, 99)).isEqualTo(problems.subList(0, 99));
		assertThat(reported.get(99)).isEqualTo("and 151 more problems (see the enforcer's log)");
		assertThat(WorkloadStatus.of("kubernetes", new Workloads(List.of(), problems.subList(0, 100))).problems())
			.as("exactly as many as the console takes")
			.isEqualTo(problems.subList(0, 100));
	}

	@Test
	void aLineLongerThanTheConsoleTakesIsAbbreviated() {
		String longest = "x".repeat(WorkloadStatus.MAX_LENGTH);
		String tooLong = longest + "y";

		List<String> reported = WorkloadStatus.of("kubernetes", new Workloads(List.of(), List.of(longest, tooLong)))
			.problems();

		assertThat(reported.get(0)).isEqualTo(longest);
		assertThat(reported.get(1)).hasSize(WorkloadStatus.MAX_LENGTH).endsWith("x…");
	}

	@Test
	void anAbbreviationNeverSplitsASurrogatePair() {
		// the console refuses half of a surrogate pair as text that is not Unicode
		String text = "x".repeat(WorkloadStatus.MAX_LENGTH - 2) + "😀😀";

		String abbreviated = WorkloadStatus.abbreviate(text);

		assertThat(abbreviated).hasSizeLessThanOrEqualTo(WorkloadStatus.MAX_LENGTH).endsWith("x…");
		assertThat(abbreviated.codePoints().noneMatch((c) -> Character.getType(c) == Character.SURROGATE)).isTrue();
	}

	private static Workload pod(String name, String address) {
		return new Workload(name, Workload.POD, List.of(address), List.of(), null);
	}

}
