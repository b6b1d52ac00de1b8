package io.mseg.e2e.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code nft monitor rules} in a host's namespace: the kernel reports every rule a
 * transaction adds when it commits, so the time a line arrives is the time the rule went
 * live, without polling.
 */
public final class NftMonitor implements AutoCloseable {

	private final Process process;

	private final List<Line> lines = new ArrayList<>();

	/** A line of the monitor and when it was read ({@link System#nanoTime()}). */
	public record Line(long nanos, String text) {
	}

	/** Reads the rules added and deleted in a host's namespace. */
	public NftMonitor(Host host) {
		this(host, "rules");
	}

	/**
	 * Reads one kind of event in a host's namespace.
	 * @param host the host
	 * @param events {@code rules}, {@code elements}, {@code sets} ...
	 */
	public NftMonitor(Host host, String events) {
		try {
			this.process = new ProcessBuilder("ip", "netns", "exec", host.ns(), "nft", "monitor", events)
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start nft monitor in " + host, ex);
		}
		Thread reader = new Thread(this::read, "nft-monitor-" + host.name());
		reader.setDaemon(true);
		reader.start();
	}

	private void read() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String text;
			while ((text = in.readLine()) != null) {
				Line line = new Line(System.nanoTime(), text);
				synchronized (this.lines) {
					this.lines.add(line);
					this.lines.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	/**
	 * Waits for the first line read at or after a moment that contains a text.
	 * @param since a {@link System#nanoTime()} value
	 * @param text what the line contains
	 * @param timeout the longest wait
	 * @return when it was read
	 * @throws IllegalStateException when no such line came in time
	 */
	public long await(long since, String text, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lines) {
			while (true) {
				for (Line line : this.lines) {
					if (line.nanos() >= since && line.text().contains(text)) {
						return line.nanos();
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException("no rule with '" + text + "' within " + timeout);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.lines, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", ex);
				}
			}
		}
	}

	/**
	 * How many lines read at or after a moment contain a text.
	 * @param since a {@link System#nanoTime()} value
	 * @param text what the lines contain
	 * @return the count
	 */
	public int count(long since, String text) {
		synchronized (this.lines) {
			return (int) this.lines.stream()
				.filter((line) -> line.nanos() >= since && line.text().contains(text))
				.count();
		}
	}

	/** Forgets the lines read so far. */
	public void clear() {
		synchronized (this.lines) {
			this.lines.clear();
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
