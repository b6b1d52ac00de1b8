package io.mseg.enforcer.workload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.mseg.policy.InvalidValueException;

/**
 * Workloads from a directory ({@code --workloads directory:<path>}): one file per
 * workload ({@link WorkloadFile}), written by whatever starts it; deleting the file
 * removes it. The directory is watched ({@link WatchService}): after a change, the source
 * waits 50 ms for the writer to finish, then reads the files that changed; it reads the
 * whole directory every 10 s anyway, and after a watch lost events (overflow). A file
 * that cannot be read or is not a valid workload is reported (log and status) and changes
 * nothing: the last good version of that workload stays until the file is fixed or
 * deleted. Files whose name starts with a dot are left alone: writers write there first,
 * then rename, so that no half-written file is ever read. Any other file that is not
 * {@code <name>.json}, {@code .yaml} or {@code .yml} is reported.
 */
public final class DirectoryWorkloads implements WorkloadSource {

	private static final Logger log = Logger.getLogger(DirectoryWorkloads.class.getName());

	private static final Duration SETTLE = Duration.ofMillis(50);

	private static final Duration RESCAN = Duration.ofSeconds(10);

	private final Path directory;

	private final WorkloadChanges changes;

	/** The last good workload of each file. */
	private final Map<Path, Workload> lastGood = new TreeMap<>();

	/** What is wrong with each file that has a problem. */
	private final Map<Path, String> problems = new TreeMap<>();

	/** Why the directory could not be listed at the last scan, or {@code null}. */
	private String unreadable;

	private volatile Workloads current = Workloads.NONE;

	private WatchService watcher;

	private Thread thread;

	private volatile boolean closed;

	/**
	 * A source.
	 * @param directory the directory of workload files (created when missing)
	 */
	public DirectoryWorkloads(Path directory) {
		this.directory = directory;
		this.changes = new WorkloadChanges(directory.toString(), "workloads");
	}

	@Override
	public String name() {
		return "directory:" + this.directory;
	}

	@Override
	public void start(Runnable changed) throws IOException {
		Files.createDirectories(this.directory);
		this.watcher = this.directory.getFileSystem().newWatchService();
		this.directory.register(this.watcher, StandardWatchEventKinds.ENTRY_CREATE,
				StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
		scan();
		this.changes.tell(changed);
		this.thread = new Thread(this::follow, "workload-directory");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public Workloads current() {
		return this.current;
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			if (this.watcher != null) {
				this.watcher.close();
			}
		}
		catch (IOException ex) {
			// closing: nothing left to do with it
		}
		if (this.thread != null) {
			this.thread.interrupt();
		}
	}

	private void follow() {
		while (!this.closed) {
			try {
				WatchKey key = this.watcher.poll(RESCAN.toMillis(), TimeUnit.MILLISECONDS);
				if (key == null) {
					scan();
					continue;
				}
				// let the writer finish, then take every event of the burst at once
				Thread.sleep(SETTLE.toMillis());
				Set<Path> changed = new TreeSet<>();
				boolean overflow = false;
				while (key != null) {
					for (WatchEvent<?> event : key.pollEvents()) {
						if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
							overflow = true;
						}
						else {
							changed.add(this.directory.resolve((Path) event.context()));
						}
					}
					key.reset();
					key = this.watcher.poll();
				}
				if (overflow) {
					scan();
				}
				else {
					read(changed);
				}
			}
			catch (InterruptedException | ClosedWatchServiceException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warning("Workload directory " + this.directory + ": " + ex);
			}
		}
	}

	/**
	 * Reads the whole directory (at start, every 10 s, after a watch overflow); a change
	 * is logged and told.
	 */
	synchronized void scan() {
		Set<Path> files = new TreeSet<>(this.lastGood.keySet());
		files.addAll(this.problems.keySet());
		try (Stream<Path> listed = Files.list(this.directory)) {
			listed.forEach(files::add);
			this.unreadable = null;
		}
		catch (IOException ex) {
			this.unreadable = this.directory + ": cannot be read (" + ex.getMessage() + "); the last workloads stay";
			publish();
			return;
		}
		read(files);
	}

	/**
	 * Reads some files of the directory again (gone ones are removed); then publishes.
	 */
	private synchronized void read(Set<Path> files) {
		for (Path file : files) {
			String fileName = file.getFileName().toString();
			if (fileName.startsWith(".") || Files.isDirectory(file) || !Files.exists(file)) {
				this.lastGood.remove(file);
				this.problems.remove(file);
				continue;
			}
			if (WorkloadFile.nameOf(file) == null) {
				this.problems.put(file, file + ": not read: a workload file is <name>.json, <name>.yaml or"
						+ " <name>.yml, the name of letters, digits, _ . @ -");
				continue;
			}
			try {
				this.lastGood.put(file, WorkloadFile.read(file));
				this.problems.remove(file);
			}
			catch (NoSuchFileException ex) {
				this.lastGood.remove(file);
				this.problems.remove(file);
			}
			catch (IOException | InvalidValueException ex) {
				this.problems.put(file, file + ": " + ex.getMessage()
						+ (this.lastGood.containsKey(file) ? " (its last good version stays)" : ""));
			}
		}
		publish();
	}

	private void publish() {
		List<String> problems = new ArrayList<>(this.problems.values());
		if (this.unreadable != null) {
			problems.add(this.unreadable);
		}
		Workloads next = Workloads.of(new ArrayList<>(this.lastGood.values()), problems);
		if (!next.equals(this.current)) {
			this.current = next;
			this.changes.update(next);
		}
	}

}
