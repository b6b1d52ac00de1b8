package io.mseg.enforcer.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory source on a real directory: each change seen within a second (the issue's
 * bound), malformed files reported without changing anything.
 */
class DirectoryWorkloadsTests {

	private static final Duration WITHIN = Duration.ofSeconds(1);

	@TempDir
	Path directory;

	private final AtomicInteger changes = new AtomicInteger();

	private DirectoryWorkloads source;

	@AfterEach
	void close() {
		if (this.source != null) {
			this.source.close();
		}
	}

	@Test
	void followsFilesAppearingChangingAndGoing() throws Exception {
		write("web-1.json", workload("10.244.1.10", "frontend", "vweb1"));
		start();
		assertThat(this.source.current().workloads()).extracting(Workload::name).containsExactly("web-1");
		assertThat(this.source.current().problems()).isEmpty();

		write("api-1.yaml", "addresses: [10.244.1.11]\ninterface: vapi1\nlabels: {app: backend}\n");
		Workloads added = await((w) -> w.workloads().size() == 2);
		assertThat(added.workloads()).extracting(Workload::name).containsExactly("api-1", "web-1");
		assertThat(added.workloads().get(0).tags()).containsExactly("app=backend");

		write("web-1.json", workload("10.244.1.10", "shop", "vweb1"));
		Workloads relabelled = await((w) -> w.workloads().get(1).tags().contains("app=shop"));
		assertThat(relabelled.workloads().get(1).tags()).containsExactly("app=shop");

		Files.delete(this.directory.resolve("api-1.yaml"));
		Workloads removed = await((w) -> w.workloads().size() == 1);
		assertThat(removed.workloads()).extracting(Workload::name).containsExactly("web-1");
		// each change was told (just after it was made visible)
		await((w) -> this.changes.get() >= 3);
	}

	@Test
	void aMalformedFileIsReportedAndItsLastGoodVersionStays() throws Exception {
		write("web-1.json", workload("10.244.1.10", "frontend", "vweb1"));
		start();
		Workload good = this.source.current().workloads().get(0);

		write("web-1.json", "{\"addresses\": [\"10.244.1.10\"], \"interface\": \"vweb1\", \"lables\": {}}");
		Workloads broken = await((w) -> !w.problems().isEmpty());
		assertThat(broken.workloads()).containsExactly(good);
		assertThat(broken.problems()).singleElement()
			.asString()
			.contains("web-1.json", "unknown field 'lables'", "last good version stays");

		write("web-1.json", workload("10.244.1.10", "fixed", "vweb1"));
		Workloads fixed = await((w) -> w.problems().isEmpty());
		assertThat(fixed.workloads().get(0).tags()).containsExactly("app=fixed");
	}

	@Test
	void aNewMalformedFileAddsNothingAndOtherFilesAreReported() throws Exception {
		start();
		write("bad.json", "{\"addresses\": [\"10.0.0.0/8\"], \"interface\": \"v1\"}");
		write("notes.txt", "hello");
		write(".tmp-web-2.json", "{");
		Workloads seen = await((w) -> w.problems().size() == 2);
		assertThat(seen.workloads()).isEmpty();
		assertThat(seen.problems()).anySatisfy((p) -> assertThat(p).contains("bad.json", "addresses[0]"))
			.anySatisfy((p) -> assertThat(p).contains("notes.txt", "not read"));
	}

	@Test
	void twoWorkloadsCannotShareAnAddress() throws Exception {
		write("a.json", workload("10.244.1.10", "a", "va"));
		write("b.json", workload("10.244.1.10", "b", "vb"));
		start();
		assertThat(this.source.current().workloads()).extracting(Workload::name).containsExactly("a");
		assertThat(this.source.current().problems()).singleElement()
			.asString()
			.contains("workload b is left out", "10.244.1.10", "belongs to workload a");
	}

	@Test
	void aFileRenamedIntoPlaceIsReadWhole() throws Exception {
		start();
		Path temporary = this.directory.resolve(".web-3.json");
		Files.writeString(temporary, workload("10.244.1.30", "web", "vweb3"));
		Files.move(temporary, this.directory.resolve("web-3.json"), StandardCopyOption.ATOMIC_MOVE);
		Workloads seen = await((w) -> w.workloads().size() == 1);
		assertThat(seen.workloads().get(0).addresses()).containsExactly("10.244.1.30");
		assertThat(seen.problems()).isEmpty();
	}

	private void start() throws IOException {
		this.source = new DirectoryWorkloads(this.directory);
		this.source.start(this.changes::incrementAndGet);
		assertThat(this.source.name()).isEqualTo("directory:" + this.directory);
	}

	private Workloads await(Predicate<Workloads> condition) throws InterruptedException {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		while (System.nanoTime() < deadline) {
			Workloads now = this.source.current();
			if (condition.test(now)) {
				return now;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("not within " + WITHIN + ": " + this.source.current());
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.directory.resolve(name), content);
	}

	private static String workload(String address, String app, String iface) {
		return "{\"addresses\": [\"" + address + "\"], \"labels\": {\"app\": \"" + app + "\"}, \"interface\": \""
				+ iface + "\"}";
	}

}
