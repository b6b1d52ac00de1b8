package io.mseg.enforcer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging with one line per event on standard error:
 * {@code 2025-01-01T10:00:00.123Z INFO  agent.Enforcement Applied policy version 12 ...}.
 * {@code MSEG_ENFORCER_LOG_LEVEL=FINE} shows more.
 */
final class OneLineLogFormat extends Formatter {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

	static void install() {
		Logger root = Logger.getLogger("");
		for (Handler handler : root.getHandlers()) {
			root.removeHandler(handler);
		}
		ConsoleHandler handler = new ConsoleHandler();
		handler.setFormatter(new OneLineLogFormat());
		Level level = level(System.getenv("MSEG_ENFORCER_LOG_LEVEL"));
		handler.setLevel(level);
		root.addHandler(handler);
		root.setLevel(Level.WARNING);
		Logger.getLogger("io.mseg.enforcer").setLevel(level);
	}

	private static Level level(String text) {
		try {
			return (text != null && !text.isBlank()) ? Level.parse(text.strip().toUpperCase()) : Level.INFO;
		}
		catch (IllegalArgumentException ex) {
			return Level.INFO;
		}
	}

	@Override
	public String format(LogRecord record) {
		String logger = record.getLoggerName();
		if (logger != null && logger.startsWith("io.mseg.enforcer.")) {
			logger = logger.substring("io.mseg.enforcer.".length());
		}
		StringBuilder line = new StringBuilder();
		line.append(TIME.format(Instant.ofEpochMilli(record.getMillis())))
			.append(' ')
			.append(String.format("%-7s", record.getLevel().getName()))
			.append(' ')
			.append(logger)
			.append(' ')
			.append(formatMessage(record))
			.append('\n');
		if (record.getThrown() != null) {
			StringWriter trace = new StringWriter();
			record.getThrown().printStackTrace(new PrintWriter(trace));
			line.append(trace);
		}
		return line.toString();
	}

}
