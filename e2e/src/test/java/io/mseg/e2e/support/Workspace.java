package io.mseg.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A scratch directory under /tmp (traversable by {@code nobody}, which runs the console's
 * embedded PostgreSQL when the tests run as root). Closing it copies the logs to
 * {@code e2e/target/kernel-logs} and deletes it.
 */
public final class Workspace implements AutoCloseable {

	private final Path directory;

	private final String name;

	public Workspace(String name) {
		this.name = name;
		try {
			this.directory = Files.createDirectory(Path.of("/tmp",
					"mseg-e2e-" + name + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())));
			Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A subdirectory with mode 0755.
	 * @param name its name
	 * @return the path
	 */
	public Path directory(String name) {
		try {
			Path path = Files.createDirectories(this.directory.resolve(name));
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
			return path;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path path(String name) {
		return this.directory.resolve(name);
	}

	@Override
	public void close() {
		Path logs = Jars.root().resolve("e2e/target/kernel-logs").resolve(this.name);
		try (Stream<Path> files = Files.walk(this.directory)) {
			Files.createDirectories(logs);
			for (Path file : files.filter((f) -> f.getFileName().toString().endsWith(".log")).toList()) {
				Files.copy(file, logs.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			System.err.println("cannot keep the logs of " + this.directory + ": " + ex.getMessage());
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("cannot delete " + this.directory + ": " + ex.getMessage());
		}
	}

}
