package io.mseg.enforcer.workload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.mseg.policy.InvalidValueException;

/**
 * Workloads from a directory ({@code --workloads directory:<path>}): one file per
 * workload ({@link WorkloadFile}), written by whatever starts it; deleting the file
 * removes it. The directory is watched ({@link WatchService}): after a change, the source
 * waits 50 ms for the writer to finish, then reads the whole directory again, and it
 * reads it every 10 s anyway (a watch can miss events when they overflow). A file that
 * cannot be read or is not a valid workload is reported (log and status) and changes
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
				if (key != null) {
					// let the writer finish, then take every event of the burst at once
					Thread.sleep(SETTLE.toMillis());
					while (key != null) {
						key.pollEvents();
						key.reset();
						key = this.watcher.poll();
					}
				}
				scan();
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
	 * Reads the directory; a change is logged and told.
	 * @return whether the workloads or the problems changed
	 */
	synchronized boolean scan() {
		List<String> problems = new ArrayList<>();
		Set<Path> present = new HashSet<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.sorted().toList()) {
				String fileName = file.getFileName().toString();
				if (fileName.startsWith(".") || Files.isDirectory(file)) {
					continue;
				}
				if (WorkloadFile.nameOf(file) == null) {
					problems.add(file + ": not read: a workload file is <name>.json, <name>.yaml or <name>.yml,"
							+ " the name of letters, digits, _ . @ -");
					continue;
				}
				present.add(file);
				try {
					this.lastGood.put(file, WorkloadFile.read(file));
				}
				catch (NoSuchFileException ex) {
					present.remove(file);
				}
				catch (IOException | InvalidValueException ex) {
					problems.add(file + ": " + ex.getMessage()
							+ (this.lastGood.containsKey(file) ? " (its last good version stays)" : ""));
				}
			}
		}
		catch (IOException ex) {
			problems.add(this.directory + ": cannot be read (" + ex.getMessage() + "); the last workloads stay");
			present.addAll(this.lastGood.keySet());
		}
		this.lastGood.keySet().retainAll(present);
		Workloads next = Workloads.of(new ArrayList<>(this.lastGood.values()), problems);
		if (next.equals(this.current)) {
			return false;
		}
		this.current = next;
		this.changes.update(next);
		return true;
	}

}
