package io.mseg.console.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.mseg.console.ConsoleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A console started as root with a data directory that {@code nobody} (the embedded
 * PostgreSQL's user) cannot reach stops before writing anything, with one report that
 * says why and what to do, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryCheckTests {

	@Test
	void anUnreachableDataDirectoryStopsTheStartBeforeAnythingIsWritten(@TempDir Path temp, CapturedOutput output)
			throws Exception {
		assumeTrue(EmbeddedPostgres.isRoot(), "only a console run as root runs PostgreSQL as nobody");
		Path closed = Files.createDirectory(temp.resolve("closed"));
		Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
		Path dataDir = closed.resolve("data");
		assertThatThrownBy(() -> SpringApplication.run(ConsoleApplication.class, "--mseg.data-dir=" + dataDir,
				"--server.port=0", "--spring.main.banner-mode=off"))
			.isInstanceOf(DataDirectoryCheck.DataDirectoryUnreachableException.class);
		assertThat(dataDir).doesNotExist();
		assertThat(output.getAll())
			.contains("APPLICATION FAILED TO START", closed + " is not searchable", "MSEG_DATA_DIR=/var/lib/mseg")
			.doesNotContain("\tat ");
	}

}
