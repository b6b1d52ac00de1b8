package io.mseg.console.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Checks, before anything is written (the CA, the bootstrap token, the database), that
 * the embedded PostgreSQL will be able to reach the data directory: when the console runs
 * as root the server runs as {@code nobody}, which needs every parent directory
 * searchable. A failure ends the start with one clear report
 * ({@link DataDirectoryFailureAnalyzer}) and leaves the directory untouched.
 */
public class DataDirectoryCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		Environment environment = event.getEnvironment();
		String url = environment.getProperty("spring.datasource.url");
		if ((url != null && !url.isBlank()) || !EmbeddedPostgres.isRoot()) {
			return;
		}
		Path dataDir = Path.of(environment.getProperty("mseg.data-dir", "./data")).toAbsolutePath().normalize();
		Path blocking = firstUnsearchableParent(dataDir);
		if (blocking != null) {
			throw new DataDirectoryUnreachableException(dataDir, blocking);
		}
	}

	/** The first parent of the directory that other users cannot search, if any. */
	static Path firstUnsearchableParent(Path dataDir) {
		for (Path parent = dataDir.getParent(); parent != null; parent = parent.getParent()) {
			try {
				if (Files.exists(parent)
						&& !Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
					return parent;
				}
			}
			catch (IOException | UnsupportedOperationException ex) {
				return parent;
			}
		}
		return null;
	}

	/**
	 * The data directory cannot serve the embedded PostgreSQL of a console run as root.
	 */
	public static class DataDirectoryUnreachableException extends IllegalStateException {

		private final Path dataDir;

		private final Path blocking;

		DataDirectoryUnreachableException(Path dataDir, Path blocking) {
			super("the embedded PostgreSQL runs as user 'nobody' when the console runs as root, and it cannot reach "
					+ dataDir + " because " + blocking + " is not searchable by other users");
			this.dataDir = dataDir;
			this.blocking = blocking;
		}

		Path dataDir() {
			return this.dataDir;
		}

		Path blocking() {
			return this.blocking;
		}

	}

}
