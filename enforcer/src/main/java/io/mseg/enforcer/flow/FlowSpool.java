package io.mseg.enforcer.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.mseg.enforcer.document.PolicyDocuments;

/**
 * The batches waiting for the console, on disk in the state directory ({@code flows/}),
 * each file the exact body of one {@code POST /enforcers/{id}/flowreports} with its
 * {@code batchID}: a retry sends the same batch, which the console stores once, and the
 * batches survive a restart. Bounded: holds at most {@code maxRecords} records; to make
 * room, the oldest batches are deleted and their records counted as dropped (reported to
 * the console with the next batch). Thread-safe.
 */
final class FlowSpool {

	private static final Logger log = Logger.getLogger(FlowSpool.class.getName());

	/** Records per batch: the console takes up to 2,000. */
	static final int BATCH_RECORDS = 1000;

	private final Path directory;

	private final int maxRecords;

	/** The batches by file name (which sorts oldest first), with their record counts. */
	private final TreeMap<String, Integer> batches = new TreeMap<>();

	private int records;

	private long sequence;

	private long droppedRecords;

	private long lostFlows;

	/**
	 * @param directory where the batches are kept (created if missing; batches found
	 * there are sent)
	 * @param maxRecords the most records kept
	 * @throws IOException when the directory cannot be used
	 */
	FlowSpool(Path directory, int maxRecords) throws IOException {
		this.directory = directory;
		this.maxRecords = maxRecords;
		Files.createDirectories(directory);
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				Integer count = count(name);
				if (count != null) {
					this.batches.put(name, count);
					this.records += count;
				}
				else if (name.endsWith(".tmp")) {
					Files.deleteIfExists(file);
				}
			}
		}
		if (!this.batches.isEmpty()) {
			this.sequence = sequenceOf(this.batches.lastKey()) + 1;
		}
	}

	/**
	 * Counts connections the kernel or the aggregator could not record: reported with the
	 * next batch.
	 * @param flows the number
	 */
	synchronized void lost(long flows) {
		this.lostFlows += flows;
	}

	/**
	 * Adds records as batches, dropping the oldest batches beyond the bound.
	 * @param closed the records of closed intervals
	 * @throws IOException when a batch cannot be written
	 */
	synchronized void add(List<FlowRecord> closed) throws IOException {
		for (int from = 0; from < closed.size(); from += BATCH_RECORDS) {
			write(closed.subList(from, Math.min(closed.size(), from + BATCH_RECORDS)));
		}
	}

	/**
	 * Writes a batch without records when drops are counted that no batch carries yet:
	 * the console hears of them even when nothing else is logged.
	 * @throws IOException when the batch cannot be written
	 */
	synchronized void flushDrops() throws IOException {
		// one such batch waits at most: later drops ride with the next batch
		if ((this.lostFlows > 0 || this.droppedRecords > 0) && !this.batches.containsValue(0)) {
			write(List.of());
		}
	}

	private void write(List<FlowRecord> batch) throws IOException {
		makeRoom(batch.size());
		String id = UUID.randomUUID().toString();
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("batchID", id);
		body.put("dropped", Map.of("flows", this.lostFlows, "records", this.droppedRecords));
		body.put("records", batch);
		String name = String.format("%016d-%d-%s.json", this.sequence++, batch.size(), id);
		Path temporary = this.directory.resolve(name + ".tmp");
		Files.writeString(temporary, PolicyDocuments.json().writeValueAsString(body), StandardCharsets.UTF_8);
		try {
			Files.move(temporary, this.directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, this.directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
		this.batches.put(name, batch.size());
		this.records += batch.size();
		this.lostFlows = 0;
		this.droppedRecords = 0;
	}

	private void makeRoom(int needed) throws IOException {
		long dropped = 0;
		while (!this.batches.isEmpty() && this.records + needed > this.maxRecords) {
			Map.Entry<String, Integer> oldest = this.batches.pollFirstEntry();
			Files.deleteIfExists(this.directory.resolve(oldest.getKey()));
			this.records -= oldest.getValue();
			dropped += oldest.getValue();
		}
		if (dropped > 0) {
			this.droppedRecords += dropped;
			long count = dropped;
			log.warning(() -> "Flow reports: the buffer holds " + this.maxRecords + " records; dropped the " + count
					+ " oldest (the console is unreachable or refusing them)");
		}
	}

	/**
	 * The oldest batch.
	 * @return its file name and body, or {@code null} when none waits
	 * @throws IOException when it cannot be read
	 */
	synchronized Batch oldest() throws IOException {
		if (this.batches.isEmpty()) {
			return null;
		}
		String name = this.batches.firstKey();
		return new Batch(name, this.batches.get(name),
				Files.readString(this.directory.resolve(name), StandardCharsets.UTF_8));
	}

	/**
	 * Removes a batch: delivered, or refused for good.
	 * @param batch the batch
	 * @param refused whether the console refused it (its records count as dropped)
	 * @throws IOException when its file cannot be deleted
	 */
	synchronized void remove(Batch batch, boolean refused) throws IOException {
		if (this.batches.remove(batch.name()) != null) {
			Files.deleteIfExists(this.directory.resolve(batch.name()));
			this.records -= batch.records();
			if (refused) {
				this.droppedRecords += batch.records();
			}
		}
	}

	/**
	 * The records waiting.
	 * @return the number
	 */
	synchronized int records() {
		return this.records;
	}

	/**
	 * A batch on disk.
	 *
	 * @param name its file name
	 * @param records its number of records
	 * @param body the request body
	 */
	record Batch(String name, int records, String body) {

	}

	private static Integer count(String name) {
		String[] parts = name.split("-", 3);
		if (parts.length != 3 || !name.endsWith(".json")) {
			return null;
		}
		try {
			Long.parseLong(parts[0]);
			return Integer.parseInt(parts[1]);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static long sequenceOf(String name) {
		return Long.parseLong(name.split("-", 2)[0]);
	}

	/**
	 * The names of the batches waiting (for tests).
	 * @return them, oldest first
	 */
	synchronized List<String> names() {
		return new ArrayList<>(this.batches.keySet());
	}

}
