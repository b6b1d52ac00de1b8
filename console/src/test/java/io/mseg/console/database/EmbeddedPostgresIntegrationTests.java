package io.mseg.console.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedPostgresIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void keepsDataAcrossRestarts() throws Exception {
		try (EmbeddedPostgres first = EmbeddedPostgres.start(this.dataDir)) {
			execute(first, "create table kept (value text)");
			execute(first, "insert into kept values ('still here')");
		}
		try (EmbeddedPostgres second = EmbeddedPostgres.start(this.dataDir);
				Connection connection = connect(second);
				var result = connection.createStatement().executeQuery("select value from kept")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isEqualTo("still here");
		}
	}

	@Test
	void keepsItsPasswordPrivateAndRefusesWrongPasswords() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.start(this.dataDir)) {
			Path passwordFile = this.dataDir.resolve("embedded-db-password");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
				.isEqualTo("rw-------");
			assertThat(Files.readString(passwordFile)).isEqualTo(postgres.password());
			assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
			org.assertj.core.api.Assertions.assertThatExceptionOfType(SQLException.class)
				.isThrownBy(
						() -> DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "wrong").close());
		}
	}

	@Test
	void runsTheServerAsAnUnprivilegedUserWhenStartedAsRoot() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.start(this.dataDir)) {
			long serverPid = Long.parseLong(
					Files.readAllLines(this.dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
			int serverUid = (Integer) Files.getAttribute(Path.of("/proc", String.valueOf(serverPid)), "unix:uid");
			if (new UnixSystem().getUid() == 0) {
				assertThat(serverUid).isEqualTo(65534);
			}
			else {
				assertThat(serverUid).isEqualTo((int) new UnixSystem().getUid());
			}
		}
	}

	@Test
	void refusesASecondConsoleOnTheSameDataDirectory() {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.start(this.dataDir)) {
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgres.start(this.dataDir))
				.withMessageContaining("another console process");
		}
	}

	@Test
	void restartsAfterAConsoleDiedWithoutStoppingIt() throws IOException {
		EmbeddedPostgres abandoned = EmbeddedPostgres.start(this.dataDir);
		// Simulate a console killed with SIGKILL: its lock goes away, its server keeps
		// running.
		abandoned.releaseLockForTests();
		try (EmbeddedPostgres restarted = EmbeddedPostgres.start(this.dataDir)) {
			assertThat(restarted.jdbcUrl()).isNotEqualTo(abandoned.jdbcUrl());
		}
	}

	private static void execute(EmbeddedPostgres postgres, String sql) throws SQLException {
		try (Connection connection = connect(postgres)) {
			connection.createStatement().execute(sql);
		}
	}

	private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
	}

}
