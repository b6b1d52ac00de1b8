package io.mseg.enforcer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The enforcer's state directory: every file is private (0600, directory 0700) and
 * replaced atomically (written to a temporary file, synced, renamed), so a crash never
 * leaves half a key or half a policy behind.
 */
public final class StateFiles {

	private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private final Path directory;

	/**
	 * Opens (and creates) the directory.
	 * @param directory the state directory
	 * @throws IOException when it cannot be created
	 */
	public StateFiles(Path directory) throws IOException {
		this.directory = directory.toAbsolutePath();
		if (!Files.isDirectory(this.directory)) {
			Files.createDirectories(this.directory);
			Files.setPosixFilePermissions(this.directory, PRIVATE_DIRECTORY);
		}
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Replaces a file atomically with private permissions.
	 * @param name the file name in the directory
	 * @param content the new content
	 * @throws IOException when it cannot be written
	 */
	public void write(String name, byte[] content) throws IOException {
		Path target = this.directory.resolve(name);
		Path temporary = this.directory.resolve("." + name + ".tmp");
		Files.deleteIfExists(temporary);
		try {
			Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
		}
		catch (FileAlreadyExistsException ex) {
			throw new IOException("cannot create " + temporary, ex);
		}
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
		Files.setPosixFilePermissions(target, PRIVATE_FILE);
	}

	public void write(String name, String content) throws IOException {
		write(name, content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a file if it exists.
	 * @param name the file name in the directory
	 * @return its text, empty when it does not exist
	 * @throws IOException when it exists but cannot be read
	 */
	public Optional<String> read(String name) throws IOException {
		Path file = this.directory.resolve(name);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
	}

	/**
	 * The files whose names start with a prefix and end with a suffix.
	 * @param prefix the start of the names
	 * @param suffix the end of the names
	 * @return their names, sorted
	 * @throws IOException when the directory cannot be listed
	 */
	public List<String> names(String prefix, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith(prefix) && name.endsWith(suffix))
				.sorted()
				.toList();
		}
	}

	/**
	 * Deletes a file if it exists.
	 * @param name the file name in the directory
	 * @throws IOException when it cannot be deleted
	 */
	public void delete(String name) throws IOException {
		Files.deleteIfExists(this.directory.resolve(name));
	}

	public boolean exists(String name) {
		return Files.exists(this.directory.resolve(name));
	}

}
