package io.mseg.enforcer.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.mseg.enforcer.store.PolicyStore.StoredPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyStoreTests {

	@TempDir
	Path root;

	@Test
	void keepsTheIndexAsReceivedWithItsEtagAndEverySectionItWasSent() throws Exception {
		PolicyStore store = new PolicyStore(new StateFiles(this.root.resolve("state")));
		assertThat(store.load()).isEmpty();
		store.save(new StoredPolicy("{\"version\": 1}", "\"abc\"", Map.of("a1", "[1]", "b1", "[2]")),
				Set.of("a1", "b1"));
		store.save(new StoredPolicy("{\"version\": 2}", "\"def\"", Map.of("c1", "[3]")), Set.of("a1", "c1"));
		StoredPolicy loaded = new PolicyStore(new StateFiles(this.root.resolve("state"))).load().orElseThrow();
		assertThat(loaded.index()).isEqualTo("{\"version\": 2}");
		assertThat(loaded.etag()).isEqualTo("\"def\"");
		assertThat(loaded.sections()).containsAllEntriesOf(Map.of("a1", "[1]", "c1", "[3]"));
		assertThat(packs()).hasSize(2);
	}

	@Test
	void packsHoldingMostlyUnusedSectionsAreCompactedIntoOne() throws Exception {
		PolicyStore store = new PolicyStore(new StateFiles(this.root));
		String large = "[\"" + "x".repeat((int) PolicyStore.COMPACT_FROM) + "\"]";
		store.save(new StoredPolicy("{\"version\": 1}", "\"1\"", Map.of("big1", large, "small", "[]")),
				Set.of("big1", "small"));
		assertThat(packs()).hasSize(1);
		store.save(new StoredPolicy("{\"version\": 2}", "\"2\"", Map.of("big2", large + " ")), Set.of("big2", "small"));
		// 2 large sections on disk, 1 used: not yet more than twice what is used
		assertThat(packs()).hasSize(2);
		store.save(new StoredPolicy("{\"version\": 3}", "\"3\"", Map.of("big3", large + "  ")),
				Set.of("big3", "small"));
		assertThat(packs()).hasSize(1);
		StoredPolicy loaded = new PolicyStore(new StateFiles(this.root)).load().orElseThrow();
		assertThat(loaded.sections()).containsOnlyKeys("big3", "small");
		assertThat(loaded.index()).isEqualTo("{\"version\": 3}");
		assertThat(loaded.etag()).isEqualTo("\"3\"");
	}

	@Test
	void theWholeDocumentOfAnEarlierEnforcerIsReadUntilAnIndexReplacesIt() throws Exception {
		StateFiles files = new StateFiles(this.root);
		files.write("policy.json", "{}");
		PolicyStore store = new PolicyStore(files);
		assertThat(store.load()).isEmpty();
		assertThat(store.loadDocument()).contains("{}");
		Map<String, String> sections = new LinkedHashMap<>();
		sections.put("a1", "[]");
		store.save(new StoredPolicy("{\"version\": 1}", null, sections), Set.of("a1"));
		assertThat(store.loadDocument()).isEmpty();
		assertThat(files.exists("policy.json")).isFalse();
		assertThat(store.load().orElseThrow().etag()).isNull();
	}

	@Test
	void filesArePrivateAndNoTemporaryFileIsLeft() throws Exception {
		StateFiles files = new StateFiles(this.root.resolve("state"));
		files.write("secret", "x");
		files.write("secret", "y");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.directory())))
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.directory().resolve("secret"))))
			.isEqualTo("rw-------");
		try (var listing = Files.list(files.directory())) {
			assertThat(listing.map((p) -> p.getFileName().toString())).containsExactly("secret");
		}
		assertThat(files.read("secret")).contains("y");
	}

	private java.util.List<Path> packs() throws java.io.IOException {
		Path directory = Files.isDirectory(this.root.resolve("state")) ? this.root.resolve("state") : this.root;
		try (var listing = Files.list(directory)) {
			return listing.filter((file) -> file.getFileName().toString().endsWith(".pack")).toList();
		}
	}

}
