package io.mseg.enforcer.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the enforcer logs, from {@code FINE} up, while open.
 */
public final class LogCapture extends Handler implements AutoCloseable {

	/** Held: java.util.logging keeps loggers weakly, and with them their level. */
	private final Logger logger = Logger.getLogger("io.mseg.enforcer");

	private final Level level = this.logger.getLevel();

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	public LogCapture() {
		setLevel(Level.FINE);
		this.logger.setLevel(Level.FINE);
		this.logger.addHandler(this);
	}

	/**
	 * The messages logged at this level.
	 * @param at the level
	 * @return them, in order
	 */
	public List<String> messages(Level at) {
		return this.records.stream().filter((r) -> r.getLevel().equals(at)).map(LogRecord::getMessage).toList();
	}

	/**
	 * Every message logged.
	 * @return them, in order
	 */
	public List<String> messages() {
		return this.records.stream().map(LogRecord::getMessage).toList();
	}

	@Override
	public void publish(LogRecord record) {
		if (isLoggable(record)) {
			this.records.add(record);
		}
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		this.logger.removeHandler(this);
		this.logger.setLevel(this.level);
	}

}
