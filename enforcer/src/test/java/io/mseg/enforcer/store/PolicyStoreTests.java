package io.mseg.enforcer.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.mseg.enforcer.store.PolicyStore.StoredPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyStoreTests {

	@TempDir
	Path root;

	@Test
	void keepsThePolicyAsReceivedWithItsEtag() throws Exception {
		PolicyStore store = new PolicyStore(new StateFiles(this.root.resolve("state")));
		assertThat(store.load()).isEmpty();
		store.save(new StoredPolicy("{\"version\": 1}", "\"abc\""));
		store.save(new StoredPolicy("{\"version\": 2}", "\"def\""));
		assertThat(store.load()).contains(new StoredPolicy("{\"version\": 2}", "\"def\""));
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

	@Test
	void aMissingEtagOnlyCostsARefetch() throws Exception {
		StateFiles files = new StateFiles(this.root);
		files.write("policy.json", "{}");
		assertThat(new PolicyStore(files).load()).contains(new StoredPolicy("{}", null));
	}

}
